"""Load the 27 states, the municipalities and their councils (data/ beside the app)."""

from django.db import migrations


def load(apps, schema_editor):
    from plenaria.territory.services import load_reference_data

    load_reference_data(
        apps.get_model("territory", "State"),
        apps.get_model("territory", "Municipality"),
        apps.get_model("territory", "Council"),
    )


class Migration(migrations.Migration):
    dependencies = [("territory", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
