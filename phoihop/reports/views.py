"""Pages for report requests, submissions, review, completeness and consolidation."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from phoihop.core.exceptions import ensure
from phoihop.core.forms import add_service_errors
from phoihop.core.http import DOCX, PDF, back_with_errors, back_with_success, download_response
from phoihop.core.scoping import get_visible_or_404
from phoihop.documents.pdf import PdfUnavailable, docx_to_pdf
from phoihop.documents.report import render_consolidation_docx, render_submission_docx

from . import policies, selectors, services
from .forms import ConsolidationForm, ReasonForm, RequestForm, SignForm, SubmissionForm
from .models import Consolidation, ReportRequest, ReportSubmission

REQUESTS = ReportRequest.objects.select_related("board", "regime", "template")
SUBMISSIONS = ReportSubmission.objects.select_related(
    "request__board", "request__regime", "request__template", "organisation"
)


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
            return back_with_success(request, "Đã soạn yêu cầu báo cáo.", report_request)
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
    form = RequestForm(
        request.POST or None,
        initial=selectors.request_initial(report_request),
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
            return back_with_success(request, "Đã sửa dự thảo yêu cầu báo cáo.", report_request)
    context = {"form": form, "board": report_request.board, "object": report_request}
    return render(request, "reports/request_form.html", context, status=400 if form.errors else 200)


@login_required
def request_detail(request, pk: int):
    report_request = get_visible_or_404(REQUESTS, request.actor, pk=pk)
    context = selectors.request_page(actor=request.actor, request=report_request)
    return render(request, "reports/request_detail.html", context)


@login_required
@require_POST
def request_issue(request, pk: int):
    report_request = get_visible_or_404(REQUESTS, request.actor, pk=pk)
    try:
        services.report_request_issue(actor=request.actor, request=report_request)
    except ValidationError as error:
        return back_with_errors(request, error, report_request)
    return back_with_success(
        request, "Đã ban hành yêu cầu báo cáo; các cơ quan đã được thông báo.", report_request
    )


@login_required
@require_POST
def request_consolidate(request, pk: int):
    report_request = get_visible_or_404(REQUESTS, request.actor, pk=pk)
    try:
        services.report_request_consolidate(actor=request.actor, request=report_request)
    except ValidationError as error:
        return back_with_errors(request, error, report_request)
    return back_with_success(
        request,
        "Đã dự thảo báo cáo tổng hợp; rà soát, sửa trước khi ban hành.",
        _consolidation_url(report_request.pk),
    )


@login_required
def grid(request):
    board = selectors.grid_board(actor=request.actor)
    data = selectors.completeness_grid(actor=request.actor, board=board) if board else None
    context = {
        "grid": data,
        "chart": selectors.grid_chart(data) if data and data.requests else None,
        "labels": selectors.STATUS_LABELS,
    }
    return render(request, "reports/grid.html", context)


# --- submissions ---------------------------------------------------------------------------------
def _submission_response(request, submission, refused_form=None):
    """The submission's page; with the form of a refused edit, shown with its errors (400)."""
    form = SubmissionForm(instance=submission) if refused_form is None else refused_form
    context = selectors.submission_page(actor=request.actor, submission=submission) | {
        "form": form,
        "sign_form": SignForm(initial={"number": submission.number}),
        "reason_form": ReasonForm(),
    }
    status = 200 if refused_form is None else 400
    return render(request, "reports/submission.html", context, status=status)


@login_required
def submission_detail(request, pk: int):
    submission = get_visible_or_404(SUBMISSIONS, request.actor, pk=pk)
    if request.method != "POST":
        return _submission_response(request, submission)
    # The form edits its own copy, so a refused save leaves `submission` as it was read.
    fresh = get_visible_or_404(ReportSubmission, request.actor, pk=pk)
    form = SubmissionForm(request.POST, instance=fresh)
    if form.is_valid():
        values = {name: form.cleaned_data[name] for name in SubmissionForm.Meta.fields}
        try:
            services.report_submission_update(actor=request.actor, submission=submission, **values)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return back_with_success(request, "Đã lưu báo cáo.", submission)
    return _submission_response(request, submission, form)


# The steps of a submission that need nothing but the actor; the others read the form.
PLAIN_STEPS = {
    "start": services.report_submission_start,
    "acknowledge": services.report_submission_acknowledge_stale,
    "submit": services.report_submission_submit,
    "accept": services.report_submission_accept,
}


def _take_step(actor, submission: ReportSubmission, post) -> None:
    action = post.get("action", "")
    if action in PLAIN_STEPS:
        PLAIN_STEPS[action](actor=actor, submission=submission)
    elif action == "sign":
        form = SignForm(post)
        form.is_valid()
        services.report_submission_sign(
            actor=actor,
            submission=submission,
            number=form.cleaned_data.get("number", ""),
            signed_on=form.cleaned_data.get("signed_on"),
        )
    elif action == "return":
        services.report_submission_return(
            actor=actor, submission=submission, reason=post.get("reason", "")
        )
    else:
        services.report_submission_advance(actor=actor, submission=submission, action=action)


@login_required
@require_POST
def submission_action(request, pk: int):
    submission = get_visible_or_404(SUBMISSIONS, request.actor, pk=pk)
    try:
        _take_step(request.actor, submission, request.POST)
    except ValidationError as error:
        return back_with_errors(request, error, submission)
    return back_with_success(
        request, f"Báo cáo: {submission.get_state_display().lower()}.", submission
    )


def _pdf_response(request, docx: bytes, filename: str, back):
    """The PDF made from `docx`; back to `back` with the reason when no converter answers."""
    try:
        pdf = docx_to_pdf(docx)
    except PdfUnavailable as error:
        return back_with_errors(request, ValidationError(str(error)), back)
    return download_response(pdf, filename=filename, content_type=PDF)


@login_required
def submission_docx(request, pk: int):
    submission = get_visible_or_404(SUBMISSIONS, request.actor, pk=pk)
    docx = render_submission_docx(submission)
    return download_response(docx, filename=f"bao-cao-{pk}.docx", content_type=DOCX)


@login_required
def submission_pdf(request, pk: int):
    submission = get_visible_or_404(SUBMISSIONS, request.actor, pk=pk)
    return _pdf_response(
        request, render_submission_docx(submission), f"bao-cao-{pk}.pdf", submission
    )


# --- consolidation -------------------------------------------------------------------------------
CONSOLIDATIONS = Consolidation.objects.select_related(
    "request__board", "request__regime", "request__template"
)


@login_required
def consolidation(request, pk: int):
    item = get_visible_or_404(CONSOLIDATIONS, request.actor, request_id=pk)
    fresh = get_visible_or_404(Consolidation, request.actor, pk=item.pk)
    form = ConsolidationForm(request.POST or None, instance=fresh)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in ConsolidationForm.Meta.fields}
        try:
            services.consolidation_update(actor=request.actor, consolidation=item, **values)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return back_with_success(request, "Đã lưu báo cáo tổng hợp.", _consolidation_url(pk))
    context = selectors.consolidation_page(actor=request.actor, consolidation=item)
    context["form"] = form
    return render(
        request, "reports/consolidation.html", context, status=400 if form.errors else 200
    )


def _consolidation_url(pk: int) -> str:
    return reverse("reports:consolidation", args=[pk])


@login_required
@require_POST
def consolidation_issue(request, pk: int):
    item = get_visible_or_404(CONSOLIDATIONS, request.actor, request_id=pk)
    try:
        services.consolidation_issue(actor=request.actor, consolidation=item)
    except ValidationError as error:
        return back_with_errors(request, error, _consolidation_url(pk))
    return back_with_success(request, "Đã ban hành báo cáo tổng hợp.", _consolidation_url(pk))


@login_required
def consolidation_docx(request, pk: int):
    item = get_visible_or_404(CONSOLIDATIONS, request.actor, request_id=pk)
    docx = render_consolidation_docx(item)
    return download_response(docx, filename=f"bao-cao-tong-hop-{pk}.docx", content_type=DOCX)


@login_required
def consolidation_pdf(request, pk: int):
    item = get_visible_or_404(CONSOLIDATIONS, request.actor, request_id=pk)
    return _pdf_response(
        request,
        render_consolidation_docx(item),
        f"bao-cao-tong-hop-{pk}.pdf",
        _consolidation_url(pk),
    )
