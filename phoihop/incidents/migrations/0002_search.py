from django.db import migrations

from phoihop.core.search import search_index_operations


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]

    operations = [*search_index_operations("incidents_incident")]
