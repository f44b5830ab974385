"""Text stored before the boundary rule (decision 0016) loses its control characters."""

from django.db import migrations

from phoihop.core.text import clean_stored_text


def strip(apps, schema_editor):
    for model in apps.get_app_config("programmes").get_models():
        clean_stored_text(model)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0010_regime_citation")]

    operations = [migrations.RunPython(strip, migrations.RunPython.noop)]
