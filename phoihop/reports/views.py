"""Pages for report requests, submissions, review, completeness and consolidation."""

from __future__ import annotations

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
from phoihop.documents.pdf import PdfUnavailable, docx_to_pdf
from phoihop.documents.report import render_consolidation_docx, render_submission_docx
from phoihop.organisations.models import Organisation

from . import policies, selectors, services
from .forms import ConsolidationForm, ReasonForm, RequestForm, SignForm, SubmissionForm
from .models import Consolidation, ReportRequest, ReportSubmission

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
REQUESTS = ReportRequest.objects.select_related("board", "regime", "template")
SUBMISSIONS = ReportSubmission.objects.select_related(
    "request__board", "request__regime", "request__template", "organisation"
)


def _errors(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@login_required
def request_list(request):
    context = {
        "requests": selectors.request_list(actor=request.actor)[:100],
        "mine": selectors.my_submissions(actor=request.actor)[:50],
        "awaiting": selectors.awaiting_review(actor=request.actor)[:50],
        "can_create": bool(selectors.requesting_boards(actor=request.actor)),
    }
    return render(request, "reports/list.html", context)


@login_required
def request_create(request):
    boards = selectors.requesting_boards(actor=request.actor)
    ensure(bool(boards), "Chỉ lãnh đạo, chuyên viên Ban được yêu cầu báo cáo.")
    board = boards[0]
    form = RequestForm(request.POST or None, candidates=selectors.recipient_candidates(board=board))
    if request.method == "POST" and form.is_valid():
        try:
            report_request = services.report_request_create(
                actor=request.actor,
                board=board,
                data=form.data_object(),
                recipients=list(form.cleaned_data["recipients"]),
                kinds=form.cleaned_data["kinds"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã soạn yêu cầu báo cáo.")
            return redirect(report_request)
    status = 400 if form.errors else 200
    context = {"form": form, "board": board}
    return render(request, "reports/request_form.html", context, status=status)


@login_required
def request_edit(request, pk: int):
    report_request = get_visible_or_404(REQUESTS, request.actor, pk=pk)
    ensure(
        policies.can_edit_request(request.actor, report_request),
        "Chỉ Ban sửa được yêu cầu báo cáo khi còn là dự thảo.",
    )
    initial = {
        name: getattr(report_request, name)
        for name in (
            "letter_number",
            "letter_date",
            "title",
            "period_kind",
            "period_start",
            "period_end",
            "data_cutoff",
            "deadline",
        )
    }
    initial["recipients"] = list(
        report_request.submissions.values_list("organisation_id", flat=True)
    )
    form = RequestForm(
        request.POST or None,
        initial=initial,
        candidates=selectors.recipient_candidates(
            board=report_request.board, on=report_request.letter_date
        ),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.report_request_update(
                actor=request.actor,
                request=report_request,
                data=form.data_object(),
                recipients=list(form.cleaned_data["recipients"]),
                kinds=form.cleaned_data["kinds"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã sửa dự thảo yêu cầu báo cáo.")
            return redirect(report_request)
    context = {"form": form, "board": report_request.board, "object": report_request}
    return render(request, "reports/request_form.html", context, status=400 if form.errors else 200)


@login_required
def request_detail(request, pk: int):
    report_request = get_visible_or_404(REQUESTS, request.actor, pk=pk)
    sees_board = request.actor.can_see(report_request.board)
    result = selectors.completeness(report_request) if sees_board else None
    letter = selectors.letter_delivery(actor=request.actor, request=report_request)
    for submission, _ in result.rows if result and letter else []:
        submission.letter_state = letter.by_body.get(submission.organisation_id, "—")
    own = selectors.my_submissions(actor=request.actor).filter(request=report_request)
    context = {
        "object": report_request,
        "letter": letter,
        "result": result,
        "labels": selectors.STATUS_LABELS,
        "own": own,
        "can_issue": policies.can_issue_request(request.actor, report_request),
        "can_edit": policies.can_edit_request(request.actor, report_request),
        "can_review": policies.can_review(request.actor, report_request),
        "has_consolidation": Consolidation.objects.filter(request=report_request).exists(),
    }
    return render(request, "reports/request_detail.html", context)


@login_required
@require_POST
def request_issue(request, pk: int):
    report_request = get_visible_or_404(REQUESTS, request.actor, pk=pk)
    try:
        services.report_request_issue(actor=request.actor, request=report_request)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, "Đã ban hành yêu cầu báo cáo; các cơ quan đã được thông báo.")
    return redirect(report_request)


@login_required
@require_POST
def request_consolidate(request, pk: int):
    report_request = get_visible_or_404(REQUESTS, request.actor, pk=pk)
    try:
        services.report_request_consolidate(actor=request.actor, request=report_request)
    except ValidationError as error:
        _errors(request, error)
        return redirect(report_request)
    messages.success(request, "Đã dự thảo báo cáo tổng hợp; rà soát, sửa trước khi ban hành.")
    return redirect("reports:consolidation", pk=report_request.pk)


@login_required
def grid(request):
    boards = selectors.requesting_boards(actor=request.actor)
    if not boards:
        boards = [
            o
            for o in Organisation.objects.visible_to(request.actor).filter(
                kind=Organisation.Kind.BOARD
            )[:1]
        ]
    board = boards[0] if boards else None
    data = selectors.completeness_grid(actor=request.actor, board=board) if board else None
    context = {
        "grid": data,
        "chart": selectors.grid_chart(data) if data and data.requests else None,
        "labels": selectors.STATUS_LABELS,
    }
    return render(request, "reports/grid.html", context)


# --- submissions ---------------------------------------------------------------------------------
def _submission_context(request, submission, **extra) -> dict:
    actor = request.actor
    return {
        "object": submission,
        "form": SubmissionForm(instance=submission),
        "sign_form": SignForm(initial={"number": submission.number}),
        "reason_form": ReasonForm(),
        "can_write": policies.can_write(actor, submission)
        and submission.state == ReportSubmission.State.DRAFTING,
        "can_start": policies.can_write(actor, submission)
        and submission.state != ReportSubmission.State.DRAFTING,
        "can_advance": policies.can_advance(actor, submission),
        "can_sign": policies.can_sign(actor, submission)
        and submission.state == ReportSubmission.State.INTERNAL_REVIEW,
        "can_review": policies.can_review(actor, submission.request)
        and submission.state == ReportSubmission.State.SUBMITTED,
        "overdue": submission.is_overdue(timezone.localdate()),
    } | extra


@login_required
def submission_detail(request, pk: int):
    submission = get_visible_or_404(SUBMISSIONS, request.actor, pk=pk)
    if request.method == "POST":
        # The form edits its own copy, so a refused save leaves `submission` as it was read.
        fresh = get_visible_or_404(ReportSubmission, request.actor, pk=pk)
        form = SubmissionForm(request.POST, instance=fresh)
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in SubmissionForm.Meta.fields}
            try:
                services.report_submission_update(
                    actor=request.actor, submission=submission, **values
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Đã lưu báo cáo.")
                return redirect(submission)
        context = _submission_context(request, submission, form=form)
        return render(request, "reports/submission.html", context, status=400)
    return render(request, "reports/submission.html", _submission_context(request, submission))


@login_required
@require_POST
def submission_action(request, pk: int):
    submission = get_visible_or_404(SUBMISSIONS, request.actor, pk=pk)
    action = request.POST.get("action", "")
    actor = request.actor
    try:
        if action == "start":
            services.report_submission_start(actor=actor, submission=submission)
        elif action == "acknowledge":
            services.report_submission_acknowledge_stale(actor=actor, submission=submission)
        elif action == "submit":
            services.report_submission_submit(actor=actor, submission=submission)
        elif action == "sign":
            form = SignForm(request.POST)
            form.is_valid()
            services.report_submission_sign(
                actor=actor,
                submission=submission,
                number=form.cleaned_data.get("number", ""),
                signed_on=form.cleaned_data.get("signed_on"),
            )
        elif action == "accept":
            services.report_submission_accept(actor=actor, submission=submission)
        elif action == "return":
            services.report_submission_return(
                actor=actor, submission=submission, reason=request.POST.get("reason", "")
            )
        else:
            services.report_submission_advance(actor=actor, submission=submission, action=action)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, f"Báo cáo: {submission.get_state_display().lower()}.")
    return redirect(submission)


def _download(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def submission_docx(request, pk: int):
    submission = get_visible_or_404(SUBMISSIONS, request.actor, pk=pk)
    return _download(render_submission_docx(submission), f"bao-cao-{pk}.docx", DOCX_TYPE)


@login_required
def submission_pdf(request, pk: int):
    submission = get_visible_or_404(SUBMISSIONS, request.actor, pk=pk)
    try:
        pdf = docx_to_pdf(render_submission_docx(submission))
    except PdfUnavailable as error:
        messages.error(request, str(error))
        return redirect(submission)
    return _download(pdf, f"bao-cao-{pk}.pdf", "application/pdf")


# --- consolidation -------------------------------------------------------------------------------
CONSOLIDATIONS = Consolidation.objects.select_related(
    "request__board", "request__regime", "request__template"
)


@login_required
def consolidation(request, pk: int):
    item = get_visible_or_404(CONSOLIDATIONS, request.actor, request_id=pk)
    can_edit = policies.can_edit_consolidation(request.actor, item.request) and not item.issued
    fresh = get_visible_or_404(Consolidation, request.actor, pk=item.pk)
    form = ConsolidationForm(request.POST or None, instance=fresh)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in ConsolidationForm.Meta.fields}
        try:
            services.consolidation_update(actor=request.actor, consolidation=item, **values)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã lưu báo cáo tổng hợp.")
            return redirect("reports:consolidation", pk=pk)
    context = {
        "object": item,
        "form": form,
        "can_edit": can_edit,
        "can_issue": policies.can_close_request(request.actor, item.request) and not item.issued,
    }
    return render(
        request, "reports/consolidation.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def consolidation_issue(request, pk: int):
    item = get_visible_or_404(CONSOLIDATIONS, request.actor, request_id=pk)
    try:
        services.consolidation_issue(actor=request.actor, consolidation=item)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, "Đã ban hành báo cáo tổng hợp.")
    return redirect("reports:consolidation", pk=pk)


@login_required
def consolidation_docx(request, pk: int):
    item = get_visible_or_404(CONSOLIDATIONS, request.actor, request_id=pk)
    return _download(render_consolidation_docx(item), f"bao-cao-tong-hop-{pk}.docx", DOCX_TYPE)


@login_required
def consolidation_pdf(request, pk: int):
    item = get_visible_or_404(CONSOLIDATIONS, request.actor, request_id=pk)
    try:
        pdf = docx_to_pdf(render_consolidation_docx(item))
    except PdfUnavailable as error:
        messages.error(request, str(error))
        return redirect("reports:consolidation", pk=pk)
    return _download(pdf, f"bao-cao-tong-hop-{pk}.pdf", "application/pdf")
