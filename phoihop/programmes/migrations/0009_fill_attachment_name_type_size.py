"""Fill what programme attachments did not record before: the file name (the stored one, under
which they were downloaded until now), the content type (the upload check's type for the
extension, which it had matched against the content) and the size (from storage, when the file
is still there; otherwise it stays unknown)."""

import posixpath

from django.db import migrations

from phoihop.core.uploads import ALLOWED, suffix_of

UNKNOWN_TYPE = "application/octet-stream"


def _size(field_file):
    try:
        return field_file.size
    except (FileNotFoundError, OSError):
        return None


def fill(apps, schema_editor):
    Attachment = apps.get_model("programmes", "Attachment")
    rows = list(Attachment.objects.filter(content_type=""))
    for row in rows:
        name = posixpath.basename(row.file.name)
        row.original_name = row.original_name or name[:255]
        known = ALLOWED.get(suffix_of(name))
        row.content_type = known.content_type if known else UNKNOWN_TYPE
        row.size = _size(row.file)
    Attachment.objects.bulk_update(
        rows, ["original_name", "content_type", "size"], batch_size=500
    )


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0008_attachment_stored_file"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
