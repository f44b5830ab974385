"""The audit trail as an XLSX file, written in the background with progress, with what the
job's owner may see (their actor is built here, where the site may use the accounts app)."""

from __future__ import annotations

import json
import tempfile

from django.core.files import File
from django.utils import timezone
from openpyxl import Workbook

from phoihop.accounts.selectors import build_actor
from phoihop.core.job_registry import runner
from phoihop.core.jobs import job_progress
from phoihop.core.models import AuditEntry, Job
from phoihop.core.selectors import AuditFilter, audit_list

HEADER = ["Thời điểm", "Người thực hiện", "Cơ quan", "Hành động", "Đối tượng", "Thay đổi"]
PROGRESS_EVERY = 500


def _row(entry: AuditEntry) -> list[str]:
    return [
        timezone.localtime(entry.timestamp).strftime("%d/%m/%Y %H:%M:%S"),
        str(entry.actor) if entry.actor else "Hệ thống",
        str(entry.organisation) if entry.organisation else "",
        entry.label,
        f"{entry.content_type.name}: {entry.object_repr}",
        json.dumps(entry.changes or {}, ensure_ascii=False),
    ]


@runner("audit_export")
def export_audit(job: Job) -> None:
    actor = build_actor(job.owner)
    entries = audit_list(actor=actor, filters=AuditFilter.from_params(job.params))
    total = entries.count()
    job_progress(job, 0, total)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Nhật ký")
    sheet.append(HEADER)
    for done, entry in enumerate(entries.iterator(chunk_size=PROGRESS_EVERY), start=1):
        sheet.append(_row(entry))
        if done % PROGRESS_EVERY == 0:
            job_progress(job, done)
    with tempfile.TemporaryFile() as buffer:
        workbook.save(buffer)
        buffer.seek(0)
        job.result.save(f"nhat-ky-{job.pk}.xlsx", File(buffer), save=False)
    Job.objects.filter(pk=job.pk).update(result=job.result.name, done=total)
