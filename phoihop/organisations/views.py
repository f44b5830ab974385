"""The organisation browser (province → communes → bodies) and the body pages."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404, render

from phoihop.accounts.policies import can_manage_members
from phoihop.accounts.selectors import members_of
from phoihop.core.exceptions import ensure
from phoihop.core.forms import add_service_errors
from phoihop.core.http import back_with_success
from phoihop.core.scoping import get_visible_or_404

from . import policies, selectors, services
from .forms import FocalPointForm, MergeForm, OrganisationForm, SplitForm
from .models import AdminUnit, Organisation

PAGE_SIZE = 60
NO_RIGHT = "Bạn không có quyền thay đổi cơ quan này."


@login_required
def browser(request):
    provinces = selectors.provinces_with_counts(actor=request.actor)
    return render(request, "organisations/browser.html", {"provinces": provinces})


@login_required
def admin_unit(request, pk: int):
    unit = get_object_or_404(AdminUnit.objects.select_related("parent"), pk=pk)
    query = request.GET.get("q", "").strip()[:100]
    communes = selectors.communes_of(unit=unit, query=query)
    context = {
        "unit": unit,
        "query": query,
        "bodies": selectors.bodies_in(actor=request.actor, unit=unit),
        "communes": Paginator(communes, PAGE_SIZE).get_page(request.GET.get("page")),
    }
    template = "organisations/_communes.html" if request.htmx else "organisations/admin_unit.html"
    return render(request, template, context)


@login_required
def detail(request, pk: int):
    organisation = get_visible_or_404(Organisation, request.actor, pk=pk)
    predecessors, successors = selectors.lineage_of(organisation)
    can_manage = policies.can_manage(request.actor, organisation)
    context = {
        "organisation": organisation,
        "ancestors": selectors.visible_ancestors(actor=request.actor, organisation=organisation),
        "children": selectors.children_of(actor=request.actor, organisation=organisation),
        "focal_point": selectors.focal_point_of(actor=request.actor, organisation=organisation),
        "predecessors": predecessors,
        "successors": successors,
        "can_manage": can_manage and organisation.valid_to is None,
        "can_set_focal_point": policies.can_set_focal_point(request.actor, organisation),
        "members": (
            members_of(organisation) if can_manage_members(request.actor, organisation) else None
        ),
    }
    return render(request, "organisations/detail.html", context)


def _managed(request, pk: int) -> Organisation:
    organisation = get_visible_or_404(Organisation, request.actor, pk=pk)
    ensure(policies.can_manage(request.actor, organisation), NO_RIGHT)
    return organisation


def _render_form(request, organisation, form, title: str, template="organisations/form.html"):
    context = {"organisation": organisation, "form": form, "title": title}
    return render(request, template, context, status=400 if form.errors else 200)


@login_required
def create_child(request, pk: int):
    parent = _managed(request, pk)
    form = OrganisationForm(request.POST or None, province=parent.province)
    if request.method == "POST" and form.is_valid():
        try:
            child = services.organisation_create(
                actor=request.actor, parent=parent, data=form.data_object()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return back_with_success(request, f"Đã thêm «{child}».", child)
    return _render_form(request, parent, form, f"Thêm cơ quan trực thuộc {parent}")


@login_required
def edit(request, pk: int):
    organisation = _managed(request, pk)
    form = OrganisationForm(
        request.POST or None,
        initial=model_to_dict(organisation),
        province=organisation.province,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                actor=request.actor, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return back_with_success(request, "Đã lưu thông tin cơ quan.", organisation)
    return _render_form(request, organisation, form, f"Sửa thông tin: {organisation}")


@login_required
def focal_point(request, pk: int):
    organisation = get_visible_or_404(Organisation, request.actor, pk=pk)
    ensure(
        policies.can_set_focal_point(request.actor, organisation),
        "Bạn không có quyền cử đầu mối cho cơ quan này.",
    )
    initial = selectors.focal_point_initial(organisation)
    form = FocalPointForm(request.POST or None, initial=initial, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.focal_point_set(
                actor=request.actor, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return back_with_success(request, "Đã cập nhật đầu mối phối hợp.", organisation)
    return _render_form(request, organisation, form, f"Đầu mối phối hợp: {organisation}")


@login_required
def merge(request, pk: int):
    organisation = _managed(request, pk)
    siblings = selectors.merge_partners(actor=request.actor, organisation=organisation)
    form = MergeForm(request.POST or None, organisation=organisation, siblings=siblings)
    if request.method == "POST" and form.is_valid():
        try:
            successor = services.organisation_merge(
                actor=request.actor,
                predecessors=[organisation, *form.cleaned_data["others"]],
                into=form.into(),
                effective=form.cleaned_data["effective"],
                basis=form.cleaned_data["basis"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return back_with_success(request, f"Đã hợp nhất thành «{successor}».", successor)
    return _render_form(
        request, organisation, form, f"Hợp nhất {organisation}", "organisations/reorganise.html"
    )


@login_required
def split(request, pk: int):
    organisation = _managed(request, pk)
    form = SplitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            successors = services.organisation_split(
                actor=request.actor,
                organisation=organisation,
                parts=form.parts(organisation),
                effective=form.cleaned_data["effective"],
                basis=form.cleaned_data["basis"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            message = f"Đã chia tách thành {len(successors)} cơ quan."
            return back_with_success(request, message, organisation)
    return _render_form(
        request, organisation, form, f"Chia tách {organisation}", "organisations/reorganise.html"
    )
