"""The 2021, 2023 and 2025 national editions, with their exact themes and axes."""

from django.db import migrations


def load(apps, schema_editor):
    from plenaria.editions.presets import load_editions

    load_editions(
        apps.get_model("editions", "Edition"),
        apps.get_model("editions", "Axis"),
        apps.get_model("editions", "CalendarWindow"),
    )


class Migration(migrations.Migration):
    dependencies = [("editions", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
