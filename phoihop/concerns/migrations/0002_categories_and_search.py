from django.db import migrations

from phoihop.concerns.categories import load_categories
from phoihop.core.search import search_index_operations


def load(apps, schema_editor):
    load_categories(apps.get_model("concerns", "Category"))


class Migration(migrations.Migration):
    dependencies = [("concerns", "0001_initial")]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        *search_index_operations("concerns_concern"),
        *search_index_operations("concerns_claim"),
    ]
