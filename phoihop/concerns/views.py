"""Pages for concerns, their queues and statistics, and claims; policies decide every button."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST

from phoihop.core.exceptions import ensure, invalid
from phoihop.core.forms import add_service_errors
from phoihop.core.http import XLSX, back_with_errors, back_with_success, download_response
from phoihop.core.paging import COUNT_CAP, format_count
from phoihop.core.params import query_number
from phoihop.core.scoping import get_visible_or_404

from . import contacts, policies, selectors, spreadsheets, suggestions
from .forms import (
    ActionForm,
    CategoryForm,
    ClaimForm,
    ConcernForm,
    ConcernUpdateForm,
    ContactForm,
    ContactViewForm,
    MergeForm,
    RetentionForm,
)
from .models import Category, Claim, Concern, PetitionerContact
from .selectors import capturing_boards
from .services import corrections, merge, recording, taxonomy, transitions

PAGE_SIZE = 30


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP + 1 rows: a common word among millions of concerns is shown as
    "hơn 1.000" instead of being counted in full (ARCHITECTURE.md, Performance by design)."""

    @cached_property
    def count(self) -> int:
        return self.object_list[: COUNT_CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP

    @property
    def cap(self) -> str:
        return format_count(COUNT_CAP)


def _number(request, name: str) -> int | None:
    return query_number(request.GET.get(name))


def _filters(request) -> selectors.ConcernFilter:
    state = request.GET.get("state", "")
    return selectors.ConcernFilter(
        query=request.GET.get("q", "").strip()[:200],
        state=state if state in Concern.State.values else "",
        category_id=_number(request, "category"),
        commune_id=_number(request, "commune"),
        overdue=request.GET.get("overdue") == "1",
    )


def _nav(request) -> dict:
    return {
        "queues": selectors.queue_counts(actor=request.actor),
        "queue_labels": selectors.QUEUES,
        "can_manage_categories": policies.can_manage_categories(request.actor),
    }


@login_required
def concern_list(request):
    filters = _filters(request)
    concerns = selectors.concern_list(actor=request.actor, filters=filters)
    boards = capturing_boards(request.actor)
    context = {
        "filters": filters,
        "page": CappedPaginator(concerns, PAGE_SIZE).get_page(request.GET.get("page")),
        **selectors.filter_choices(boards=boards),
        "can_create": bool(boards),
        **_nav(request),
        "today": timezone.localdate(),
    }
    template = "concerns/_rows.html" if request.htmx else "concerns/list.html"
    return render(request, template, context)


@login_required
def concern_queue(request, name: str = "triage"):
    title, lead = selectors.QUEUES[name]
    concerns = selectors.queue(actor=request.actor, name=name)
    context = {
        "name": name,
        "title": title,
        "lead": lead,
        "page": CappedPaginator(concerns, PAGE_SIZE).get_page(request.GET.get("page")),
        **_nav(request),
        "today": timezone.localdate(),
    }
    return render(request, "concerns/queue.html", context)


@login_required
def concern_create(request):
    boards = capturing_boards(request.actor)
    ensure(bool(boards), "Chỉ lãnh đạo, chuyên viên Ban được ghi nhận vấn đề dư luận quan tâm.")
    board = boards[0]
    form = ConcernForm(request.POST or None, province=board.province, actor=request.actor)
    if request.method == "POST" and form.is_valid():
        try:
            concern = recording.concern_create(
                actor=request.actor,
                board=board,
                data=form.data_object(),
                places=list(form.cleaned_data["places"]),
                sources=form.sources(),
                contact=form.cleaned_data["contact"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return back_with_success(request, "Đã ghi nhận vấn đề.", concern)
    context = {"form": form, "board": board}
    return render(request, "concerns/form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def concern_suggest(request):
    """Suggestions while a concern is being entered: similar open concerns, learned
    category and competent body (the human picks)."""
    boards = capturing_boards(request.actor)
    ensure(bool(boards), "Chỉ lãnh đạo, chuyên viên Ban được ghi nhận vấn đề dư luận quan tâm.")
    title = request.POST.get("title", "")[:300]
    summary = request.POST.get("summary", "")[:2000]
    numbers = (query_number(value) for value in request.POST.getlist("places"))
    place_ids = [number for number in numbers if number is not None]
    context = {
        "categories": suggestions.suggest(title, summary, "category"),
        "bodies": suggestions.suggest(title, summary, "body"),
        "similar": selectors.similar_concerns(
            actor=request.actor,
            title=title,
            summary=summary,
            province_id=boards[0].province_id,
            commune_ids=place_ids,
        ),
        "pick": True,
        "pick_body": False,  # the entry form has no such field: the body is confirmed at triage
    }
    return render(request, "concerns/_suggestions.html", context)


def _detail_context(request, concern: Concern, **extra) -> dict:
    actions = transitions.concern_actions(request.actor, concern)
    page = selectors.concern_page(actor=request.actor, concern=concern, actions=actions)
    forms = {"form": ActionForm(bodies=page["bodies"]), "contact_form": ContactViewForm()}
    return {**page, **forms, **extra}


@login_required
def concern_detail(request, pk: int):
    concern = get_visible_or_404(selectors.concern_detail_queryset(), request.actor, pk=pk)
    return render(request, "concerns/detail.html", _detail_context(request, concern))


@login_required
def concern_detail_suggestions(request, pk: int):
    """The learned suggestions for a concern waiting for triage (loaded after the page)."""
    concern = get_visible_or_404(Concern, request.actor, pk=pk)
    ensure(policies.may(request.actor, concern, "triage"), "Bạn không có quyền phân loại.")
    context = {
        "categories": suggestions.suggest(concern.title, concern.summary, "category"),
        "bodies": suggestions.suggest(concern.title, concern.summary, "body"),
        "similar": [],
        "pick": concern.state == Concern.State.CAPTURED,
        "pick_body": concern.state == Concern.State.CAPTURED,
    }
    return render(request, "concerns/_suggestions.html", context)


@login_required
@require_POST
def concern_act(request, pk: int):
    concern = get_visible_or_404(selectors.concern_detail_queryset(), request.actor, pk=pk)
    form = ActionForm(request.POST, bodies=selectors.competent_bodies(concern))
    if not form.is_valid():
        return _refuse(request, concern, ValidationError(form.errors))
    try:
        concern = transitions.concern_act(
            actor=request.actor,
            concern=concern,
            action=form.cleaned_data["action"],
            step=form.step(),
            extra=form.extra(),
        )
    except ValidationError as error:
        return _refuse(request, concern, error)
    return back_with_success(request, f"Đã cập nhật: {concern.get_state_display()}.", concern)


def _refuse(request, concern: Concern, error: ValidationError) -> HttpResponse:
    """A refused step or entry on the concern's page: the page again, at 400, with the errors
    above it (the page's own forms start empty again)."""
    context = _detail_context(request, concern, errors=error.messages)
    return render(request, "concerns/detail.html", context, status=400)


@login_required
def concern_edit(request, pk: int):
    concern = get_visible_or_404(selectors.concern_detail_queryset(), request.actor, pk=pk)
    ensure(
        policies.may(request.actor, concern, "edit") and concern.is_open,
        "Chỉ Ban ghi nhận được cập nhật vấn đề đang xử lý.",
    )
    form = ConcernUpdateForm(
        request.POST or None,
        province=concern.province,
        actor=request.actor,
        initial=selectors.concern_edit_initial(concern),
    )
    if request.method == "POST" and form.is_valid():
        try:
            recording.concern_update(actor=request.actor, concern=concern, **form.update_values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return back_with_success(request, "Đã cập nhật vấn đề.", concern)
    context = {"form": form, "concern": concern}
    return render(request, "concerns/edit.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def concern_merge(request, pk: int):
    concern = get_visible_or_404(Concern, request.actor, pk=pk)
    form = MergeForm(request.POST)
    if not form.is_valid():
        return _refuse(request, concern, invalid("Vui lòng chọn vấn đề để gộp vào."))
    into = Concern.objects.visible_to(request.actor).filter(pk=form.cleaned_data["into"]).first()
    if into is None:
        return _refuse(request, concern, invalid("Không tìm thấy vấn đề để gộp vào."))
    try:
        merge.concern_merge(actor=request.actor, concern=concern, into=into)
    except ValidationError as error:
        return _refuse(request, concern, error)
    return back_with_success(request, f"Đã gộp vào vấn đề «{into}».", concern)


@login_required
@require_POST
def concern_unmerge(request, pk: int):
    concern = get_visible_or_404(Concern, request.actor, pk=pk)
    try:
        merge.concern_unmerge(actor=request.actor, concern=concern)
    except ValidationError as error:
        return _refuse(request, concern, error)
    return back_with_success(request, "Đã tách vấn đề.", concern)


@login_required
@require_POST
def contact_add(request, pk: int):
    concern = get_visible_or_404(Concern, request.actor, pk=pk)
    form = ContactForm(request.POST)
    if not form.is_valid():
        return _refuse(request, concern, ValidationError(form.errors))
    try:
        contacts.contact_store(
            actor=request.actor, concern=concern, text=form.cleaned_data["contact"]
        )
    except ValidationError as error:
        return _refuse(request, concern, error)
    return back_with_success(request, "Đã lưu thông tin liên hệ (được mã hóa).", concern)


@login_required
@require_POST
def contact_view(request, pk: int):
    """Show a petitioner's contact once, in this response only, with the reason logged."""
    contact = get_visible_or_404(PetitionerContact, request.actor, pk=pk, purged_at__isnull=True)
    concern = get_visible_or_404(
        selectors.concern_detail_queryset(), request.actor, pk=contact.concern_id
    )
    form = ContactViewForm(request.POST)
    if not form.is_valid():
        return _refuse(request, concern, ValidationError(form.errors))
    try:
        _contact, text = contacts.contact_read(
            actor=request.actor, contact_id=contact.pk, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        return _refuse(request, concern, error)
    response = render(
        request, "concerns/detail.html", _detail_context(request, concern, contact_text=text)
    )
    add_never_cache_headers(response)
    return response


@login_required
def retention(request):
    ensure(
        policies.can_set_retention(request.actor),
        "Chỉ cán bộ bảo vệ dữ liệu cá nhân được đặt thời hạn lưu.",
    )
    form = RetentionForm(request.POST or None, initial={"months": contacts.retention_months()})
    if request.method == "POST" and form.is_valid():
        try:
            contacts.retention_set(actor=request.actor, months=form.cleaned_data["months"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            message = "Đã lưu thời hạn lưu thông tin liên hệ."
            return back_with_success(request, message, "concerns:retention")
    context = {"form": form}
    return render(request, "concerns/retention.html", context, status=400 if form.errors else 200)


@login_required
def statistics(request):
    figures = selectors.concern_statistics(actor=request.actor)
    chart = {
        "categories": figures.by_category,
        "states": figures.by_state,
        "communes": figures.by_commune,
        "ages": figures.by_age,
    }
    context = {"figures": figures, "chart": chart, **_nav(request)}
    return render(request, "concerns/statistics.html", context)


@login_required
def statistics_export(request):
    figures = selectors.concern_statistics(actor=request.actor)
    content = spreadsheets.statistics_xlsx(figures)
    return download_response(content, filename="thong-ke-van-de.xlsx", content_type=XLSX)


# --- claims and corrections -------------------------------------------------------------------
@login_required
def claim_list(request):
    query = request.GET.get("q", "").strip()[:200]
    claims = selectors.claim_list(actor=request.actor, query=query)
    context = {
        "page": Paginator(claims, PAGE_SIZE).get_page(request.GET.get("page")),
        "query": query,
        "can_create": bool(capturing_boards(request.actor)),
        **_nav(request),
    }
    return render(request, "concerns/claims.html", context)


def _claim_form(request, board, **kwargs) -> ClaimForm:
    """The claim form, its links limited to the board's concerns and the cases the actor sees."""
    return ClaimForm(
        request.POST or None,
        concerns=Concern.objects.visible_to(request.actor).filter(board=board),
        incidents=selectors.linkable(request.actor, "incident"),
        **kwargs,
    )


@login_required
def claim_create(request):
    boards = capturing_boards(request.actor)
    ensure(bool(boards), "Chỉ lãnh đạo, chuyên viên Ban được ghi nhận thông tin sai sự thật.")
    form = _claim_form(request, boards[0])
    if request.method == "POST" and form.is_valid():
        try:
            claim = corrections.claim_create(
                actor=request.actor, board=boards[0], data=form.data_object()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return back_with_success(request, "Đã ghi nhận thông tin sai sự thật.", claim)
    context = {"form": form, "title": "Ghi nhận thông tin sai sự thật"}
    return render(request, "concerns/claim_form.html", context, status=400 if form.errors else 200)


@login_required
def claim_detail(request, pk: int):
    claim = get_visible_or_404(Claim.objects.select_related("concern"), request.actor, pk=pk)
    can_edit = policies.can_edit_claim(request.actor, claim)
    form = None
    if can_edit:
        form = _claim_form(request, claim.board, instance=claim)
    if request.method == "POST":
        ensure(can_edit, "Bạn không có quyền sửa thông tin này.")
        if form.is_valid():
            data = form.data_object()
            claim.refresh_from_db()
            try:
                corrections.claim_update(actor=request.actor, claim=claim, data=data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return back_with_success(request, "Đã lưu.", claim)
    context = {
        "claim": claim,
        "form": form,
        "incident": selectors.shown_link(request.actor, "incident", claim.incident_id),
        "title": "Thông tin sai sự thật và cải chính",
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "concerns/claim_form.html", context, status=status)


# --- the taxonomy of sectors (operator only) -------------------------------------------------
def _category_admin(request) -> None:
    ensure(policies.can_manage_categories(request.actor), taxonomy.DENIED)


@login_required
def category_list(request):
    _category_admin(request)
    context = {"categories": selectors.category_usage(), **_nav(request)}
    return render(request, "concerns/categories.html", context)


@login_required
def category_form(request, pk: int | None = None):
    _category_admin(request)
    category = get_object_or_404(Category, pk=pk) if pk else None
    initial = {name: getattr(category, name) for name in CategoryForm.base_fields} if pk else {}
    form = CategoryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if category is None:
                category = taxonomy.category_create(actor=request.actor, data=form.data_object())
            else:
                taxonomy.category_update(
                    actor=request.actor, category=category, data=form.data_object()
                )
        except ValidationError as error:
            add_service_errors(form, error)
            if category is not None:
                category.refresh_from_db()
        else:
            message = f"Đã lưu lĩnh vực «{category.name}»."
            return back_with_success(request, message, "concerns:categories")
    context = {"form": form, "category": category}
    return render(
        request, "concerns/category_form.html", context, status=400 if form.errors else 200
    )


@login_required
def category_confirm(request, pk: int, action: str):
    """Ask before deactivating, bringing back or deleting a category; then do it."""
    _category_admin(request)
    category = get_object_or_404(Category, pk=pk)
    used = taxonomy.in_use(category)
    if request.method == "POST":
        try:
            if action == "delete":
                taxonomy.category_delete(actor=request.actor, category=category)
            else:
                taxonomy.category_set_active(
                    actor=request.actor, category=category, active=action == "activate"
                )
        except ValidationError as error:
            return back_with_errors(request, error, "concerns:categories")
        done = {"delete": "Đã xóa", "activate": "Đã dùng lại", "deactivate": "Đã ngừng dùng"}
        message = f"{done[action]} lĩnh vực «{category.name}»."
        return back_with_success(request, message, "concerns:categories")
    context = {"category": category, "action": action, "used": used}
    return render(request, "concerns/category_confirm.html", context)
