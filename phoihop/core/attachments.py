"""Files users keep with a record (a programme's signed scan, a dispatch's attachment): one
abstract model, one way to keep an upload and one way to hand it back.

Every upload is checked by `core/uploads.py` before it is kept, and the row remembers what the
check found (content type), its size and the name the user's file had, so the download carries
that name whatever the storage renamed it to. Files are read through the storage API only
(ARCHITECTURE.md rule 11), so any node or worker serves them.
"""

from __future__ import annotations

import posixpath
from typing import TypeVar

from django.conf import settings
from django.db import models
from django.http import FileResponse, Http404
from django.utils import timezone

from .exceptions import invalid
from .uploads import check_upload

NAME_MAX = 255


def upload_path(instance: StoredFile, filename: str) -> str:
    """`<the model's folder>/<year>/<name>`: each kind of record keeps its files apart."""
    return f"{instance.upload_folder}/{timezone.now():%Y}/{filename}"


class StoredFile(models.Model):
    """A checked file kept with a record; concrete models add the record and `upload_folder`."""

    upload_folder = "files"

    title = models.CharField("tên tài liệu", max_length=NAME_MAX)
    file = models.FileField("tệp", upload_to=upload_path)
    original_name = models.CharField("tên tệp gốc", max_length=NAME_MAX)
    content_type = models.CharField("loại tệp", max_length=100)
    # Unknown only for a file kept before sizes were recorded and since lost from storage.
    size = models.PositiveBigIntegerField("dung lượng (byte)", null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True, blank=True
    )
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title


S = TypeVar("S", bound="StoredFile")


def store_upload(stored: S, *, upload, title: str, user) -> S:
    """Check `upload` and keep it as the new row `stored` (its record already set); the title
    defaults to the file's name. Raises a Vietnamese ValidationError and keeps nothing when the
    file may not be kept."""
    if not upload:
        raise invalid("Chọn tệp cần đính kèm.", "file")
    kind = check_upload(upload)
    name = posixpath.basename(upload.name)[:NAME_MAX]
    stored.title = (title or "").strip()[:NAME_MAX] or name
    stored.file = upload
    stored.original_name = name
    stored.content_type = kind.content_type
    stored.size = upload.size
    stored.uploaded_by = user
    stored.full_clean()
    stored.save()
    return stored


def file_download(field_file, filename: str = "") -> FileResponse:
    """The kept file as a download named `filename` (by default its stored name); 404 when the
    row has no file or the storage lost it."""
    if not field_file:
        raise Http404("Không có tệp")
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404("Không tìm thấy tệp") from error
    name = filename or posixpath.basename(field_file.name)
    return FileResponse(handle, as_attachment=True, filename=name)


def stored_file_download(stored: StoredFile) -> FileResponse:
    """A kept attachment under the name the user's file had."""
    return file_download(stored.file, stored.original_name)
