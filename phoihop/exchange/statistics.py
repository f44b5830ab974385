"""Figures of information exchange for the six-month reports (RPT), per subtree and period.

Sent-side figures count the dispatches issued by the bodies of the subtree (`issuer_path`);
received-side figures count the recipient rows of bodies of the subtree (`organisation_path`),
both over the dispatches sent between `start` and `end` inclusive (local dates). "On time" means
acknowledged (or, when a reply was asked for, replied) by the reply deadline; "overdue" means a
deadline before `end` that was not met (still outstanding, or met late).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Q
from django.utils import timezone

from phoihop.core.plugins import ReportFigure

from .models import Dispatch, DispatchRecipient


def _window(start: date, end: date) -> tuple[datetime, datetime]:
    return (
        timezone.make_aware(datetime.combine(start, time.min)),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min)),
    )


def figures(*, path: str, start: date, end: date) -> dict[str, int]:
    since, until = _window(start, end)
    sent = Dispatch.objects.filter(
        issuer_path__startswith=path,
        state=Dispatch.State.SENT,
        sent_at__gte=since,
        sent_at__lt=until,
    ).aggregate(
        sent=Count("id", filter=~Q(kind=Dispatch.Kind.REPLY)),
        replies=Count("id", filter=Q(kind=Dispatch.Kind.REPLY)),
    )
    settled_on_time = Q(
        dispatch__expects_reply=False, acknowledged_at__date__lte=F("reply_due")
    ) | Q(dispatch__expects_reply=True, replied_at__date__lte=F("reply_due"))
    received = DispatchRecipient.objects.filter(
        organisation_path__startswith=path, sent_at__gte=since, sent_at__lt=until
    ).aggregate(
        delivered=Count("id", filter=Q(delivered_at__isnull=False)),
        acknowledged=Count("id", filter=Q(acknowledged_at__isnull=False)),
        on_time=Count(
            "id",
            filter=Q(acknowledged_at__isnull=False) & (Q(reply_due__isnull=True) | settled_on_time),
        ),
        overdue=Count(
            "id",
            filter=Q(delivered_at__isnull=False, reply_due__lt=end) & ~settled_on_time,
        ),
    )
    return {**sent, **received}


def report_figures(*, path: str, start: date, end: date) -> list[ReportFigure]:
    f = figures(path=path, start=start, end=end)
    period = f"từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}"
    return [
        ReportFigure(
            "dispatches_sent",
            "Công văn, thông tin đã gửi",
            f["sent"],
            f"{period.capitalize()}, đã gửi {f['sent']} công văn, thông tin phục vụ phối hợp.",
        ),
        ReportFigure(
            "dispatches_delivered",
            "Công văn đã nhận",
            f["delivered"],
            f"Đã nhận {f['delivered']} công văn, thông tin của các cơ quan phối hợp.",
        ),
        ReportFigure(
            "dispatches_acknowledged",
            "Công văn đã tiếp nhận",
            f["acknowledged"],
            f"Đã tiếp nhận {f['acknowledged']}/{f['delivered']} công văn đã nhận.",
        ),
        ReportFigure(
            "dispatches_acknowledged_on_time",
            "Tiếp nhận, trả lời đúng hạn",
            f["on_time"],
            f"Trong đó {f['on_time']} công văn được tiếp nhận, trả lời đúng hạn.",
        ),
        ReportFigure(
            "dispatch_replies",
            "Văn bản trả lời đã gửi",
            f["replies"],
            f"Đã gửi {f['replies']} văn bản trả lời.",
        ),
        ReportFigure(
            "dispatches_overdue",
            "Công văn quá hạn trả lời",
            f["overdue"],
            f"Còn {f['overdue']} công văn không được tiếp nhận, trả lời đúng hạn.",
        ),
    ]
