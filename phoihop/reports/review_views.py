"""Pages for review conferences, awards and evaluations; policies decide every button."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from phoihop.core.exceptions import ensure
from phoihop.core.forms import add_service_errors
from phoihop.core.http import XLSX, back_with_errors, back_with_success, download_response
from phoihop.core.params import query_number
from phoihop.core.scoping import get_visible_or_404

from . import selectors, services, spreadsheets
from .forms import (
    AwardForm,
    ConcludeForm,
    ConclusionForm,
    ConferenceForm,
    DocumentForm,
    InvitationForm,
    PeriodForm,
)
from .models import Award, ReviewConference


def _board(request):
    boards = selectors.requesting_boards(actor=request.actor)
    ensure(bool(boards), "Chỉ lãnh đạo, chuyên viên Ban xem được mục này.")
    return boards[0]


@login_required
def conference_list(request):
    context = {
        "conferences": selectors.conference_list(actor=request.actor),
        "can_create": bool(selectors.requesting_boards(actor=request.actor)),
    }
    return render(request, "reports/conferences.html", context)


@login_required
def conference_create(request):
    board = _board(request)
    initial = selectors.conference_defaults(
        board=board, kind=request.GET.get("kind", ""), today=timezone.localdate()
    )
    candidates = selectors.recipient_candidates(board=board)
    form = ConferenceForm(request.POST or None, initial=initial, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        participants = list(data.pop("participants"))
        try:
            conference = services.review_conference_create(
                actor=request.actor,
                board=board,
                data=services.ConferenceData(**data),
                participants=participants,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return back_with_success(request, "Đã lập kế hoạch hội nghị.", conference)
    context = {"form": form, "board": board}
    status = 400 if form.errors else 200
    return render(request, "reports/conference_form.html", context, status=status)


@login_required
def conference_detail(request, pk: int):
    conference = get_visible_or_404(
        ReviewConference.objects.select_related("board"), request.actor, pk=pk
    )
    context = selectors.conference_page(actor=request.actor, conference=conference)
    context |= {
        "invitation_form": InvitationForm(),
        "document_form": DocumentForm(),
        "conclusion_form": ConclusionForm(candidates=context["candidates"]),
        "conclude_form": ConcludeForm(),
    }
    return render(request, "reports/conference.html", context)


def _invite(actor, conference: ReviewConference, post) -> None:
    form = InvitationForm(post)
    form.is_valid()
    services.review_conference_invite(
        actor=actor,
        conference=conference,
        number=form.cleaned_data.get("number", ""),
        invited_on=form.cleaned_data.get("invited_on"),
    )


def _add_document(actor, conference: ReviewConference, post) -> None:
    form = DocumentForm(post)
    form.is_valid()
    services.conference_document_add(
        actor=actor,
        conference=conference,
        title=form.cleaned_data.get("title", ""),
        link=form.cleaned_data.get("link", ""),
    )


def _add_conclusion(actor, conference: ReviewConference, post) -> None:
    form = ConclusionForm(post, candidates=selectors.recipient_candidates(board=conference.board))
    if not form.is_valid():
        raise ValidationError([f"{k}: {' '.join(v)}" for k, v in form.errors.items()])
    services.conclusion_add(actor=actor, conference=conference, **form.cleaned_data)


def _hold(actor, conference: ReviewConference, post) -> None:
    services.review_conference_hold(actor=actor, conference=conference)


def _conclude(actor, conference: ReviewConference, post) -> None:
    services.review_conference_conclude(
        actor=actor, conference=conference, number=post.get("number", "")
    )


# Each button of the conference page: what it posts is parsed here, the write is a service.
CONFERENCE_ACTIONS = {
    "invite": _invite,
    "hold": _hold,
    "document": _add_document,
    "conclusion": _add_conclusion,
    "conclude": _conclude,
}


@login_required
@require_POST
def conference_action(request, pk: int):
    conference = get_visible_or_404(ReviewConference, request.actor, pk=pk)
    act = CONFERENCE_ACTIONS.get(request.POST.get("action", ""))
    try:
        if act is None:
            raise ValidationError("Thao tác không hợp lệ.")
        act(request.actor, conference, request.POST)
    except ValidationError as error:
        return back_with_errors(request, error, conference)
    message = f"Hội nghị: {conference.get_state_display().lower()}."
    return back_with_success(request, message, conference)


@login_required
def award_list(request):
    boards = selectors.requesting_boards(actor=request.actor)
    board = boards[0] if boards else None
    ensure(board is not None or request.method != "POST", "Chỉ Ban đề nghị khen thưởng.")
    form = _award_form(request, board) if board is not None else None
    if form is not None and form.is_bound and form.is_valid():
        try:
            services.award_propose(actor=request.actor, board=board, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return back_with_success(request, "Đã ghi đề nghị khen thưởng.", "reports:awards")
    context = {
        "awards": selectors.award_list(actor=request.actor),
        "form": form,
        "leader": board is not None and request.actor.has_role("board_leader", over=board),
    }
    status = 400 if form and form.errors else 200
    return render(request, "reports/awards.html", context, status=status)


def _award_form(request, board) -> AwardForm:
    """The proposal form, with the body proposed from the evaluation page (`?co_quan=`)."""
    proposed = query_number(request.GET.get("co_quan"))
    return AwardForm(
        request.POST or None,
        candidates=selectors.recipient_candidates(board=board),
        initial={"organisation": proposed} if proposed is not None else None,
    )


def _date(value: str):
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def award_action(request, pk: int):
    award = get_visible_or_404(Award.objects.select_related("board"), request.actor, pk=pk)
    action, post = request.POST.get("action", ""), request.POST
    try:
        if action == "approve":
            services.award_approve(
                actor=request.actor,
                award=award,
                decision_reference=post.get("decision_reference", ""),
                decided_on=_date(post.get("decided_on")),
            )
        elif action == "present":
            presented_on = _date(post.get("presented_on"))
            services.award_present(actor=request.actor, award=award, presented_on=presented_on)
        else:
            raise ValidationError("Thao tác không hợp lệ.")
    except ValidationError as error:
        return back_with_errors(request, error, "reports:awards")
    message = f"Khen thưởng: {award.get_state_display().lower()}."
    return back_with_success(request, message, "reports:awards")


def _period(request):
    form = PeriodForm(request.GET or None)
    year = timezone.localdate().year
    start, end = date(year, 1, 1), date(year, 12, 31)
    if form.is_valid():
        start = form.cleaned_data.get("tu") or start
        end = form.cleaned_data.get("den") or end
    if end < start:
        start, end = end, start
    return form, start, end


@login_required
def evaluation_list(request):
    board = _board(request)
    form, start, end = _period(request)
    context = {
        "form": form,
        "board": board,
        "start": start,
        "end": end,
        "evaluations": selectors.evaluations(board=board, start=start, end=end),
    }
    return render(request, "reports/evaluations.html", context)


@login_required
def evaluation_xlsx(request):
    board = _board(request)
    _, start, end = _period(request)
    title = f"Đánh giá các cơ quan từ {start:%d/%m/%Y} đến {end:%d/%m/%Y} — {board.name}"
    content = spreadsheets.evaluations_xlsx(
        selectors.evaluations(board=board, start=start, end=end), title
    )
    filename = f"danh-gia-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"
    return download_response(content, filename=filename, content_type=XLSX)
