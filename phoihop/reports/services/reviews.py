"""Every write to review conferences (sơ kết, tổng kết), their documents and conclusions, and
to awards. What a new conference proposes and how bodies are evaluated are reads
(`selectors.reviews`, `selectors.evaluation`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django_fsm import can_proceed

from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.core.exceptions import ensure, invalid
from phoihop.organisations.models import Organisation
from phoihop.programmes import services as programme_services
from phoihop.programmes.models import AnnualPlan, Programme

from .. import policies
from ..models import Award, Conclusion, ConferenceDocument, ReviewConference
from .requests import reach_path


def _ensure_board(actor: Actor, board: Organisation) -> None:
    ensure(
        policies.can_request_reports(actor, board),
        "Chỉ lãnh đạo, chuyên viên Ban tổ chức sơ kết, tổng kết và đề nghị khen thưởng.",
    )


def _in_reach(board: Organisation, bodies, field: str) -> None:
    reach = reach_path(board)
    for body in bodies:
        if body.pk == board.pk or not body.path.startswith(reach):
            raise invalid(f"«{body}» không thuộc phạm vi của {board}.", field)


@dataclass(frozen=True)
class ConferenceData:
    kind: str
    title: str
    period_start: date
    period_end: date
    held_on: date
    venue: str = ""


@transaction.atomic
def review_conference_create(
    *, actor: Actor, board: Organisation, data: ConferenceData, participants: list[Organisation]
) -> ReviewConference:
    _ensure_board(actor, board)
    if data.kind not in ReviewConference.Kind.values:
        raise invalid("Loại hội nghị không hợp lệ.", "kind")
    if data.held_on < data.period_end:
        raise invalid("Hội nghị sơ kết, tổng kết tổ chức sau khi kết thúc kỳ đánh giá.", "held_on")
    _in_reach(board, participants, "participants")
    conference = ReviewConference(board=board, **{k: v for k, v in data.__dict__.items()})
    conference.title = conference.title.strip()
    conference.full_clean()
    conference.save()
    conference.participants.set(participants)
    record_event(actor=actor, target=conference, verb="review_conference_created")
    return conference


@transaction.atomic
def review_conference_invite(
    *, actor: Actor, conference: ReviewConference, number: str, invited_on: date
) -> ReviewConference:
    """Record the invitation (giấy mời, GM) sent to the participants."""
    _ensure_board(actor, conference.board)
    if not (number or "").strip():
        raise invalid("Nhập số giấy mời (ví dụ 12-GM/BTGDVTU).", "number")
    if invited_on is None or invited_on > conference.held_on:
        raise invalid("Ngày giấy mời phải trước ngày tổ chức hội nghị.", "invited_on")
    if not can_proceed(conference.invite):
        raise invalid("Giấy mời chỉ gửi khi hội nghị đang chuẩn bị.")
    if not conference.participants.exists():
        raise invalid("Chọn thành phần tham dự trước khi gửi giấy mời.", "participants")
    conference.invitation_number, conference.invitation_date = number.strip(), invited_on
    conference.invite()
    conference.save()
    record_event(actor=actor, target=conference, verb="review_conference_invited")
    return conference


@transaction.atomic
def review_conference_hold(*, actor: Actor, conference: ReviewConference) -> ReviewConference:
    _ensure_board(actor, conference.board)
    if not can_proceed(conference.hold):
        raise invalid("Hội nghị đã được ghi nhận tổ chức.")
    conference.hold()
    conference.save(update_fields=["state"])
    record_event(actor=actor, target=conference, verb="review_conference_held")
    return conference


@transaction.atomic
def conference_document_add(
    *, actor: Actor, conference: ReviewConference, title: str, link: str = "", consolidation=None
) -> ConferenceDocument:
    _ensure_board(actor, conference.board)
    if not (title or "").strip():
        raise invalid("Nhập tên tài liệu.", "title")
    document = ConferenceDocument(
        conference=conference, title=title.strip(), link=link, consolidation=consolidation
    )
    document.full_clean()
    document.save()
    record_event(actor=actor, target=conference, verb="conference_document_added")
    return document


@transaction.atomic
def conclusion_add(
    *, actor: Actor, conference: ReviewConference, text: str, lead: Organisation, due: date
) -> Conclusion:
    _ensure_board(actor, conference.board)
    if conference.state not in {ReviewConference.State.HELD, ReviewConference.State.CONCLUDED}:
        raise invalid("Kết luận được ghi sau khi hội nghị đã tổ chức.")
    if lead.pk != conference.board_id:
        _in_reach(conference.board, [lead], "lead")
    if due <= conference.held_on:
        raise invalid("Thời hạn thực hiện kết luận phải sau ngày hội nghị.", "due")
    conclusion = Conclusion(conference=conference, text=(text or "").strip(), lead=lead, due=due)
    conclusion.full_clean()
    conclusion.save()
    record_event(actor=actor, target=conference, verb="conclusion_added")
    return conclusion


@transaction.atomic
def review_conference_conclude(
    *, actor: Actor, conference: ReviewConference, number: str
) -> ReviewConference:
    """Issue the conclusions (a notice, TB) and turn each into a task of next year's plan of
    the board's programme with the lead body, through the programmes services."""
    _ensure_board(actor, conference.board)
    if not can_proceed(conference.conclude):
        raise invalid("Chỉ ban hành kết luận sau khi hội nghị đã tổ chức.")
    if not (number or "").strip():
        raise invalid("Nhập số thông báo kết luận (ví dụ 05-TB/BTGDVTU).", "number")
    conclusions = list(conference.conclusions.select_related("lead"))
    if not conclusions:
        raise invalid("Hội nghị chưa có kết luận nào.")
    for conclusion in conclusions:
        conclusion.task = _task_for(actor, conference, conclusion)
        conclusion.save(update_fields=["task"])
    conference.conclusion_number = number.strip()
    conference.conclude()
    conference.save()
    record_event(
        actor=actor,
        target=conference,
        verb="review_conference_concluded",
        detail={"tasks": [c.task_id for c in conclusions]},
    )
    return conference


def _task_for(actor: Actor, conference: ReviewConference, conclusion: Conclusion):
    year = conclusion.due.year
    lead = conclusion.lead
    step = lead.steplen
    above = [lead.path[:n] for n in range(step, len(lead.path) + 1, step)]
    programme = (
        Programme.objects.filter(
            board=conference.board,
            state__in=[Programme.State.SIGNED, Programme.State.IN_FORCE],
            start__lte=conclusion.due,
            end__gte=conclusion.due,
            parties__organisation__path__in=above,
        )
        .order_by("-start")
        .first()
    )
    if programme is None:
        raise invalid(
            f"Chưa có chương trình phối hợp đang thực hiện với {lead} trong năm {year} để đưa "
            "kết luận vào kế hoạch.",
            "lead",
        )
    plan = AnnualPlan.objects.filter(programme=programme, year=year).first()
    if plan is None:
        plan = programme_services.plan_create(actor=actor, programme=programme, year=year)
    return programme_services.task_create(
        actor=actor,
        plan=plan,
        data=programme_services.TaskData(
            title=conclusion.text[:500], lead=lead, due=conclusion.due
        ),
        today=conference.held_on,
    )


# --- awards ------------------------------------------------------------------------------------
@transaction.atomic
def award_propose(
    *,
    actor: Actor,
    board: Organisation,
    organisation: Organisation,
    reason: str,
    official: str = "",
    title: str = "Bằng khen",
    conference: ReviewConference | None = None,
) -> Award:
    _ensure_board(actor, board)
    _in_reach(board, [organisation], "organisation")
    if not (reason or "").strip():
        raise invalid("Nêu thành tích đề nghị khen thưởng.", "reason")
    if conference is not None and conference.board_id != board.pk:
        raise invalid("Hội nghị không phải của Ban này.", "conference")
    award = Award(
        board=board,
        conference=conference,
        organisation=organisation,
        official=official.strip(),
        title=title.strip() or "Bằng khen",
        reason=reason.strip(),
    )
    award.full_clean()
    award.save()
    record_event(actor=actor, target=award, verb="award_proposed")
    return award


@transaction.atomic
def award_approve(*, actor: Actor, award: Award, decision_reference: str, decided_on) -> Award:
    ensure(
        actor.has_role("board_leader", over=award.board),
        "Chỉ lãnh đạo Ban ghi nhận quyết định khen thưởng.",
    )
    if not (decision_reference or "").strip():
        raise invalid("Nhập số quyết định khen thưởng.", "decision_reference")
    if decided_on is None:
        raise invalid("Nhập ngày quyết định.", "decided_on")
    if not can_proceed(award.approve):
        raise invalid("Chỉ ghi nhận quyết định cho đề nghị chưa có quyết định.")
    award.decision_reference, award.decided_on = decision_reference.strip(), decided_on
    award.approve()
    award.save()
    record_event(actor=actor, target=award, verb="award_approved")
    return award


@transaction.atomic
def award_present(*, actor: Actor, award: Award, presented_on) -> Award:
    _ensure_board(actor, award.board)
    if not can_proceed(award.present):
        raise invalid("Chỉ trao khen thưởng đã có quyết định.")
    if presented_on is None or (award.decided_on and presented_on < award.decided_on):
        raise invalid("Ngày trao không được trước ngày quyết định.", "presented_on")
    award.presented_on = presented_on
    award.present()
    award.save()
    record_event(actor=actor, target=award, verb="award_presented")
    return award
