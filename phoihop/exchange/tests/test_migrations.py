"""The data migration that names dispatch attachments kept before the user's file name was."""

from importlib import import_module

from django.apps import apps
from django.core.files.base import ContentFile

from phoihop.exchange.models import DispatchAttachment

from .conftest import draft

fill_original_name = import_module(
    "phoihop.exchange.migrations.0005_fill_attachment_original_name"
).fill_original_name


def test_old_attachments_are_downloaded_under_their_stored_name(xworld, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    old = DispatchAttachment.objects.create(
        dispatch=draft(xworld),
        title="Lịch",
        file=ContentFile(b"%PDF-1.4", name="lich.pdf"),
        content_type="application/pdf",
        size=8,
    )
    assert old.original_name == ""
    fill_original_name(apps, None)
    old.refresh_from_db()
    assert old.original_name == old.file.name.rsplit("/", 1)[-1]
