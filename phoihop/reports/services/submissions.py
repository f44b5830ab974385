"""A body's submission: writing, internal review, signature, submit; accept or return."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed

from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.core.exceptions import ensure, invalid

from .. import policies
from ..models import ReportRequest, ReportSubmission, ReportText
from .drafting import prefill, stale_passages


def _ensure_writable(actor: Actor, submission: ReportSubmission) -> None:
    ensure(
        policies.can_write(actor, submission),
        "Chỉ cơ quan được yêu cầu soạn báo cáo, khi báo cáo chưa trình ký hoặc bị trả lại.",
    )


def _collecting(request: ReportRequest) -> None:
    if request.state == ReportRequest.State.ISSUED:
        request.start_collecting()
        request.save(update_fields=["state"])


@transaction.atomic
def report_submission_start(*, actor: Actor, submission: ReportSubmission) -> ReportSubmission:
    """Begin (or resume after a return): pre-fill a report never started, then draft."""
    _ensure_writable(actor, submission)
    if submission.state == ReportSubmission.State.NOT_STARTED:
        prefill(submission)
    if can_proceed(submission.start):
        submission.start()
    submission.save()
    _collecting(submission.request)
    record_event(actor=actor, target=submission, verb="report_submission_started")
    return submission


EDITABLE_FIELDS = [*ReportText.TEXT_FIELDS, *ReportText.SIGNATURE_FIELDS]


@transaction.atomic
def report_submission_update(
    *, actor: Actor, submission: ReportSubmission, **values
) -> ReportSubmission:
    """Save the editor's text; the stale passages are checked again."""
    _ensure_writable(actor, submission)
    if submission.state != ReportSubmission.State.DRAFTING:
        raise invalid("Bấm «Bắt đầu soạn» trước khi sửa báo cáo.")
    for name, value in values.items():
        if name not in EDITABLE_FIELDS:
            raise invalid(f"Không sửa được trường {name}.")
        setattr(submission, name, (value or "").strip())
    flags = stale_passages(submission, submission.request)
    if flags != submission.stale_flags:
        submission.stale_acknowledged = False
    submission.stale_flags = flags
    submission.full_clean()
    submission.save()
    record_event(actor=actor, target=submission, verb="report_submission_updated")
    return submission


@transaction.atomic
def report_submission_acknowledge_stale(
    *, actor: Actor, submission: ReportSubmission
) -> ReportSubmission:
    """The writer has checked the flagged passages and keeps them as they are."""
    _ensure_writable(actor, submission)
    submission.stale_acknowledged = True
    submission.save(update_fields=["stale_acknowledged"])
    record_event(
        actor=actor,
        target=submission,
        verb="report_stale_acknowledged",
        detail={"flags": len(submission.stale_flags)},
    )
    return submission


def _check_stale(submission: ReportSubmission) -> None:
    if submission.stale_flags and not submission.stale_acknowledged:
        raise invalid(
            f"Báo cáo còn {len(submission.stale_flags)} đoạn có năm hoặc ngày cũ cần rà soát. "
            "Sửa các đoạn đó, hoặc xác nhận đã rà soát, trước khi gửi."
        )


STEPS = {
    "review": ("send_for_review", "Trình lãnh đạo"),
    "redraft": ("back_to_drafting", "Sửa tiếp"),
}


@transaction.atomic
def report_submission_advance(
    *, actor: Actor, submission: ReportSubmission, action: str
) -> ReportSubmission:
    if action not in STEPS:
        raise invalid("Thao tác không hợp lệ.")
    method, label = STEPS[action]
    ensure(policies.can_advance(actor, submission), "Chỉ cơ quan báo cáo được thao tác này.")
    if not can_proceed(getattr(submission, method)):
        raise invalid(
            f"Không thể «{label.lower()}» khi báo cáo ở trạng thái "
            f"«{submission.get_state_display().lower()}»."
        )
    if action == "review":
        _check_stale(submission)
    before = submission.state
    getattr(submission, method)()
    submission.save(update_fields=["state"])
    record_event(
        actor=actor,
        target=submission,
        verb=f"report_submission_{action}",
        changes={"state": [before, submission.state]},
    )
    return submission


@transaction.atomic
def report_submission_sign(
    *, actor: Actor, submission: ReportSubmission, number: str, signed_on: date | None
) -> ReportSubmission:
    """Record the signature: the body's own number and the date it was signed."""
    ensure(policies.can_sign(actor, submission), "Chỉ cơ quan báo cáo ghi nhận việc ký.")
    if not (number or "").strip():
        raise invalid("Nhập số, ký hiệu của báo cáo (ví dụ 05/BC-HĐND).", "number")
    if signed_on is None:
        raise invalid("Nhập ngày ký báo cáo.", "signed_on")
    if signed_on < submission.request.letter_date:
        raise invalid("Ngày ký không được trước ngày của công văn yêu cầu.", "signed_on")
    if not can_proceed(submission.sign):
        raise invalid("Chỉ ghi nhận ký khi báo cáo đang trình lãnh đạo.")
    if not submission.signatory_name.strip():
        raise invalid("Nhập họ tên người ký trong khối chữ ký.", "signatory_name")
    submission.number, submission.signed_on = number.strip(), signed_on
    submission.sign()
    submission.full_clean()
    submission.save()
    record_event(actor=actor, target=submission, verb="report_submission_signed")
    return submission


@transaction.atomic
def report_submission_submit(
    *, actor: Actor, submission: ReportSubmission, today: date | None = None
) -> ReportSubmission:
    """Send the signed report to the board. The first submission date decides timeliness."""
    ensure(policies.can_advance(actor, submission), "Chỉ cơ quan báo cáo được gửi báo cáo.")
    if not submission.number.strip() or submission.signed_on is None:
        raise invalid("Báo cáo chưa có số, ký hiệu và ngày ký nên chưa gửi được.", "number")
    _check_stale(submission)
    if not can_proceed(submission.submit):
        raise invalid(
            "Chỉ gửi được báo cáo đã ký (trạng thái hiện tại: "
            f"«{submission.get_state_display().lower()}»)."
        )
    submission.submit()
    submission.submitted_at = timezone.now()
    if submission.first_submitted_on is None:
        submission.first_submitted_on = today or timezone.localdate()
    submission.return_reason = ""
    submission.save()
    _collecting(submission.request)
    record_event(actor=actor, target=submission, verb="report_submission_submitted")
    return submission


@transaction.atomic
def report_submission_accept(*, actor: Actor, submission: ReportSubmission) -> ReportSubmission:
    ensure(
        policies.can_review(actor, submission.request), "Chỉ Ban yêu cầu được tiếp nhận báo cáo."
    )
    if not can_proceed(submission.accept):
        raise invalid("Chỉ tiếp nhận được báo cáo đã gửi.")
    submission.accept()
    submission.accepted_at = timezone.now()
    submission.save(update_fields=["state", "accepted_at"])
    record_event(actor=actor, target=submission, verb="report_submission_accepted")
    return submission


@transaction.atomic
def report_submission_return(
    *, actor: Actor, submission: ReportSubmission, reason: str
) -> ReportSubmission:
    """Send the report back with a reason; the body drafts again and resubmits."""
    ensure(policies.can_review(actor, submission.request), "Chỉ Ban yêu cầu được trả lại báo cáo.")
    if not (reason or "").strip():
        raise invalid("Nêu lý do trả lại báo cáo.", "reason")
    if not can_proceed(submission.return_):
        raise invalid("Chỉ trả lại được báo cáo đã gửi.")
    submission.return_()
    submission.return_reason = reason.strip()
    submission.save(update_fields=["state", "return_reason"])
    record_event(
        actor=actor, target=submission, verb="report_submission_returned", detail={"reason": reason}
    )
    from ..reminders import notify_returned

    transaction.on_commit(lambda: notify_returned(submission.pk))
    return submission
