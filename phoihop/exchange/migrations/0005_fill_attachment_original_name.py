"""Attachments kept before the user's file name was recorded are downloaded under their stored
name, as they were until now."""

import posixpath

from django.db import migrations


def fill_original_name(apps, schema_editor):
    DispatchAttachment = apps.get_model("exchange", "DispatchAttachment")
    rows = list(DispatchAttachment.objects.filter(original_name=""))
    for row in rows:
        row.original_name = posixpath.basename(row.file.name)[:255]
    DispatchAttachment.objects.bulk_update(rows, ["original_name"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("exchange", "0004_attachment_stored_file"),
    ]

    operations = [migrations.RunPython(fill_original_name, migrations.RunPython.noop)]
