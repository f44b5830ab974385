"""Operator pages for the current regime's report templates and evaluation criteria."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from phoihop.core.exceptions import ensure
from phoihop.core.forms import add_service_errors
from phoihop.core.http import back_with_errors, back_with_success
from phoihop.programmes.policies import can_edit_regime
from phoihop.programmes.selectors import timeline
from phoihop.programmes.services import current_regime, regime_update_review_defaults

from . import policies, selectors, services
from .forms import CriterionForm, ReviewDefaultsForm, TemplateForm
from .models import EvaluationCriterion, ReportTemplate

TEMPLATE_FIELDS = ["name", "summary", "opening", "closing", "is_default"]
CRITERION_FIELDS = ["label", "numerator_key", "denominator_key", "weight", "order"]


def _ensure_reader(request) -> None:
    ensure(
        policies.can_read_configuration(request.actor),
        "Bạn không có quyền xem cấu hình báo cáo.",
    )


def _ensure_operator(request) -> None:
    ensure(can_edit_regime(request.actor), "Chỉ quản trị hệ thống được sửa cấu hình báo cáo.")


@login_required
def configuration(request):
    """The current regime's templates and criteria (with the code's defaults when it has none)."""
    _ensure_reader(request)
    regime = current_regime()
    context = selectors.configuration(regime=regime) | {
        "can_edit": can_edit_regime(request.actor),
        "review_form": ReviewDefaultsForm(
            initial={name: getattr(regime, name) for name in REVIEW_FIELDS}
        ),
    }
    return render(request, "reports/configuration.html", context)


REVIEW_FIELDS = ["preliminary_review_by_day", "final_review_within_months"]


@login_required
@require_POST
def review_defaults(request):
    """The regime's review dates (the annual review's day of January, the final review's months
    after a phase), through the programmes app's write path for the regime."""
    _ensure_operator(request)
    form = ReviewDefaultsForm(request.POST)
    if not form.is_valid():
        refusal = ValidationError("Nhập số nguyên cho ngày sơ kết và số tháng tổng kết.")
        return back_with_errors(request, refusal, "reports:configuration")
    try:
        regime_update_review_defaults(
            actor=request.actor, regime=current_regime(), **form.cleaned_data
        )
    except ValidationError as error:
        return back_with_errors(request, error, "reports:configuration")
    message = "Đã lưu thời hạn sơ kết, tổng kết của quy chế."
    return back_with_success(request, message, "reports:configuration")


def _save(request, form, write, success: str):
    """Run `write(data)` for a valid form; a refusal becomes the form's errors (nothing saved)."""
    if not form.is_valid():
        return None
    try:
        saved = write(form.data_object())
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    messages.success(request, success)
    return saved


def _form_page(request, form, *, title: str, obj=None, status=None):
    context = {
        "form": form,
        "title": title,
        "object": obj,
        "timeline": timeline(obj) if obj is not None else [],
        "can_edit": can_edit_regime(request.actor),
    }
    if status is None:
        status = 400 if form.errors else 200
    return render(request, "reports/configuration_form.html", context, status=status)


@login_required
def template_create(request):
    _ensure_operator(request)
    form = TemplateForm(request.POST or None)
    if request.method == "POST":
        regime = current_regime()
        saved = _save(
            request,
            form,
            lambda data: services.template_create(actor=request.actor, regime=regime, data=data),
            "Đã thêm mẫu báo cáo.",
        )
        if saved is not None:
            return redirect("reports:configuration")
    return _form_page(request, form, title="Thêm mẫu báo cáo")


@login_required
def template_edit(request, pk: int):
    _ensure_reader(request)
    template = get_object_or_404(ReportTemplate, pk=pk)
    initial = {name: getattr(template, name) for name in TEMPLATE_FIELDS}
    form = TemplateForm(request.POST or None, initial=initial)
    if request.method == "POST":
        _ensure_operator(request)
        fresh = ReportTemplate.objects.get(pk=pk)  # a refused save leaves `template` as read
        saved = _save(
            request,
            form,
            lambda data: services.template_update(actor=request.actor, template=fresh, data=data),
            "Đã lưu mẫu báo cáo.",
        )
        if saved is not None:
            return redirect("reports:template", pk=pk)
    return _form_page(request, form, title=f"Mẫu báo cáo: {template.name}", obj=template)


@login_required
def criterion_create(request):
    _ensure_operator(request)
    form = CriterionForm(request.POST or None)
    if request.method == "POST":
        regime = current_regime()
        saved = _save(
            request,
            form,
            lambda data: services.criterion_create(actor=request.actor, regime=regime, data=data),
            "Đã thêm tiêu chí đánh giá.",
        )
        if saved is not None:
            return redirect("reports:configuration")
    return _form_page(request, form, title="Thêm tiêu chí đánh giá")


@login_required
def criterion_edit(request, pk: int):
    _ensure_reader(request)
    criterion = get_object_or_404(EvaluationCriterion, pk=pk)
    initial = {name: getattr(criterion, name) for name in CRITERION_FIELDS}
    form = CriterionForm(request.POST or None, initial=initial)
    if request.method == "POST":
        _ensure_operator(request)
        fresh = EvaluationCriterion.objects.select_related("regime").get(pk=pk)
        saved = _save(
            request,
            form,
            lambda data: services.criterion_update(actor=request.actor, criterion=fresh, data=data),
            "Đã lưu tiêu chí đánh giá.",
        )
        if saved is not None:
            return redirect("reports:configuration")
    return _form_page(request, form, title=f"Tiêu chí: {criterion.label}", obj=criterion)


@login_required
@require_POST
def criterion_delete(request, pk: int):
    _ensure_operator(request)
    criterion = get_object_or_404(EvaluationCriterion.objects.select_related("regime"), pk=pk)
    try:
        services.criterion_delete(actor=request.actor, criterion=criterion)
    except ValidationError as error:
        return back_with_errors(request, error, "reports:configuration")
    return back_with_success(request, "Đã xóa tiêu chí đánh giá.", "reports:configuration")
