"""Pages for review conferences, awards and evaluations; policies decide every button."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from phoihop.core.exceptions import ensure
from phoihop.core.forms import add_service_errors
from phoihop.core.scoping import get_visible_or_404

from . import policies, reviews, selectors, spreadsheets
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

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _board(request):
    boards = selectors.requesting_boards(actor=request.actor)
    ensure(bool(boards), "Chỉ lãnh đạo, chuyên viên Ban xem được mục này.")
    return boards[0]


@login_required
def conference_list(request):
    context = {
        "conferences": ReviewConference.objects.visible_to(request.actor).select_related("board"),
        "can_create": bool(selectors.requesting_boards(actor=request.actor)),
    }
    return render(request, "reports/conferences.html", context)


@login_required
def conference_create(request):
    board = _board(request)
    initial = reviews.conference_defaults(
        board=board, kind=request.GET.get("kind", ""), today=timezone.localdate()
    )
    form = ConferenceForm(
        request.POST or None,
        initial=initial,
        candidates=selectors.recipient_candidates(board=board),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        participants = list(data.pop("participants"))
        try:
            conference = reviews.review_conference_create(
                actor=request.actor,
                board=board,
                data=reviews.ConferenceData(**data),
                participants=participants,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã lập kế hoạch hội nghị.")
            return redirect(conference)
    return render(
        request,
        "reports/conference_form.html",
        {"form": form, "board": board},
        status=400 if form.errors else 200,
    )


@login_required
def conference_detail(request, pk: int):
    conference = get_visible_or_404(
        ReviewConference.objects.select_related("board"), request.actor, pk=pk
    )
    can_manage = policies.can_request_reports(request.actor, conference.board)
    candidates = selectors.recipient_candidates(board=conference.board)
    context = {
        "object": conference,
        "can_manage": can_manage,
        "participants": conference.participants.all(),
        "documents": conference.documents.all(),
        "conclusions": conference.conclusions.select_related("lead", "task"),
        "awards": conference.awards.select_related("organisation"),
        "invitation_form": InvitationForm(),
        "document_form": DocumentForm(),
        "conclusion_form": ConclusionForm(candidates=candidates),
        "conclude_form": ConcludeForm(),
    }
    return render(request, "reports/conference.html", context)


@login_required
@require_POST
def conference_action(request, pk: int):
    conference = get_visible_or_404(ReviewConference, request.actor, pk=pk)
    action, actor = request.POST.get("action", ""), request.actor
    try:
        if action == "invite":
            form = InvitationForm(request.POST)
            form.is_valid()
            reviews.review_conference_invite(
                actor=actor,
                conference=conference,
                number=form.cleaned_data.get("number", ""),
                invited_on=form.cleaned_data.get("invited_on"),
            )
        elif action == "hold":
            reviews.review_conference_hold(actor=actor, conference=conference)
        elif action == "document":
            form = DocumentForm(request.POST)
            form.is_valid()
            reviews.conference_document_add(
                actor=actor,
                conference=conference,
                title=form.cleaned_data.get("title", ""),
                link=form.cleaned_data.get("link", ""),
            )
        elif action == "conclusion":
            form = ConclusionForm(
                request.POST, candidates=selectors.recipient_candidates(board=conference.board)
            )
            if not form.is_valid():
                raise ValidationError([f"{k}: {' '.join(v)}" for k, v in form.errors.items()])
            reviews.conclusion_add(actor=actor, conference=conference, **form.cleaned_data)
        elif action == "conclude":
            reviews.review_conference_conclude(
                actor=actor, conference=conference, number=request.POST.get("number", "")
            )
        else:
            raise ValidationError("Thao tác không hợp lệ.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Hội nghị: {conference.get_state_display().lower()}.")
    return redirect(conference)


@login_required
def award_list(request):
    boards = selectors.requesting_boards(actor=request.actor)
    board = boards[0] if boards else None
    form = None
    if board is not None:
        proposed = request.GET.get("co_quan", "")
        form = AwardForm(
            request.POST or None,
            candidates=selectors.recipient_candidates(board=board),
            initial={"organisation": int(proposed)} if proposed.isdigit() else None,
        )
        if request.method == "POST" and form.is_valid():
            try:
                reviews.award_propose(actor=request.actor, board=board, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Đã ghi đề nghị khen thưởng.")
                return redirect("reports:awards")
    elif request.method == "POST":
        ensure(False, "Chỉ Ban đề nghị khen thưởng.")
    awards = Award.objects.visible_to(request.actor).select_related("organisation", "board")
    context = {
        "awards": awards,
        "form": form,
        "leader": board is not None and request.actor.has_role("board_leader", over=board),
    }
    return render(
        request, "reports/awards.html", context, status=400 if form and form.errors else 200
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
    action = request.POST.get("action", "")
    try:
        if action == "approve":
            reviews.award_approve(
                actor=request.actor,
                award=award,
                decision_reference=request.POST.get("decision_reference", ""),
                decided_on=_date(request.POST.get("decided_on")),
            )
        elif action == "present":
            reviews.award_present(
                actor=request.actor,
                award=award,
                presented_on=_date(request.POST.get("presented_on")),
            )
        else:
            raise ValidationError("Thao tác không hợp lệ.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Khen thưởng: {award.get_state_display().lower()}.")
    return redirect("reports:awards")


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
        "evaluations": reviews.evaluations(board=board, start=start, end=end),
    }
    return render(request, "reports/evaluations.html", context)


@login_required
def evaluation_xlsx(request):
    board = _board(request)
    _, start, end = _period(request)
    title = f"Đánh giá các cơ quan từ {start:%d/%m/%Y} đến {end:%d/%m/%Y} — {board.name}"
    content = spreadsheets.evaluations_xlsx(
        reviews.evaluations(board=board, start=start, end=end), title
    )
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="danh-gia-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"'
    )
    return response
