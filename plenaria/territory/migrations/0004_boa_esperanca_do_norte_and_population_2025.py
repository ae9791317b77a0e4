"""Bring existing databases to the shipped reference data of issue 17: the 5,571st
municipality (Boa Esperança do Norte/MT, installed in 2025) with its council, and every
municipality's population (IBGE estimate of 1 July 2025) and coordinates. A fresh install
gets the municipality from 0002 and the figures here."""

from django.db import migrations


def load(apps, schema_editor):
    from plenaria.territory.services import load_reference_data, load_reference_figures

    Municipality = apps.get_model("territory", "Municipality")
    load_reference_data(
        apps.get_model("territory", "State"), Municipality, apps.get_model("territory", "Council")
    )
    load_reference_figures(Municipality)


class Migration(migrations.Migration):
    dependencies = [("territory", "0003_population_source_coordinates_council_period")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
