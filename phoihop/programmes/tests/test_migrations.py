"""The data migration that fills what programme attachments did not record before they became
StoredFiles: the file name, the content type and the size."""

from importlib import import_module

from django.apps import apps
from django.core.files.base import ContentFile

from phoihop.programmes.models import Attachment
from phoihop.testing.programmes import build_programme

fill = import_module("phoihop.programmes.migrations.0009_fill_attachment_name_type_size").fill


def _kept_before(programme, name: str, content: bytes) -> Attachment:
    """A row as the old code kept it: a file and a title, nothing else."""
    return Attachment.objects.create(
        programme=programme, title="Bản ký", file=ContentFile(content, name=name)
    )


def test_old_attachments_get_their_name_and_type_and_their_size_where_the_file_is_kept(
    world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    programme = build_programme(world).programme
    scan = _kept_before(programme, "ban-ky.pdf", b"%PDF-1.4 scan")
    sheet = _kept_before(programme, "phu-luc.xlsx", b"PK\x03\x04 sheet")
    sheet.file.storage.delete(sheet.file.name)  # lost since: its size cannot be known
    fill(apps, None)
    scan.refresh_from_db()
    sheet.refresh_from_db()
    assert (scan.original_name, scan.content_type, scan.size) == (
        scan.file.name.rsplit("/", 1)[-1],
        "application/pdf",
        len(b"%PDF-1.4 scan"),
    )
    assert sheet.content_type == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert sheet.size is None and sheet.original_name.startswith("phu-luc")
