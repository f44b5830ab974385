from django.db import migrations

from phoihop.core.search import search_index_operations


def load(apps, schema_editor):
    from phoihop.programmes.regimes import load_regimes

    load_regimes(apps.get_model("programmes", "Regime"), apps.get_model("programmes", "ContentItem"))


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial")]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        *search_index_operations("programmes_programme"),
    ]
