"""Pages for programmes, plans, tasks and "Việc của tôi"; policies decide every button."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from phoihop.accounts.roles import BOARD_ROLES
from phoihop.core.attachments import file_download, stored_file_download
from phoihop.core.exceptions import ensure
from phoihop.core.forms import add_service_errors
from phoihop.core.http import (
    DOCX,
    PDF,
    XLSX,
    back_with_errors,
    back_with_success,
    download_response,
)
from phoihop.core.params import query_number
from phoihop.core.scoping import get_visible_or_404
from phoihop.documents.pdf import PdfUnavailable, docx_to_pdf
from phoihop.documents.programme import render_programme_docx
from phoihop.organisations.models import Organisation

from . import policies, selectors, services, spreadsheets
from .forms import (
    AssignmentDueForm,
    AttachmentForm,
    DeadlinesForm,
    DeferForm,
    ImportForm,
    OutputForm,
    PartyAddForm,
    PartyForm,
    PlanForm,
    ProgrammeCreateForm,
    ProgrammeForm,
    ProgressForm,
    ReasonForm,
    TaskForm,
)
from .models import (
    AnnualPlan,
    Assignment,
    Attachment,
    ContentItem,
    Output,
    Programme,
    ProgrammeParty,
    Regime,
    Task,
)

PAGE_SIZE = 30


def _filter_from(request) -> selectors.ProgrammeFilter:
    def number(name):
        return query_number(request.GET.get(name))

    return selectors.ProgrammeFilter(
        query=request.GET.get("q", "").strip()[:200],
        state=request.GET.get("state", "") if request.GET.get("state") in Programme.State else "",
        party_id=number("party"),
        content_item_id=number("content_item"),
        year=number("year"),
    )


@login_required
def programme_list(request):
    filters = _filter_from(request)
    programmes = selectors.programme_list(actor=request.actor, filters=filters)
    context = {
        "filters": filters,
        "page": Paginator(programmes, PAGE_SIZE).get_page(request.GET.get("page")),
        "states": Programme.State.choices,
        "content_items": ContentItem.objects.filter(regime__is_current=True),
        "can_create": bool(selectors.drafting_boards(actor=request.actor)),
    }
    template = "programmes/_list_rows.html" if request.htmx else "programmes/list.html"
    return render(request, template, context)


@login_required
def programme_create(request):
    boards = selectors.drafting_boards(actor=request.actor)
    ensure(bool(boards), "Chỉ lãnh đạo, chuyên viên Ban được soạn chương trình phối hợp.")
    board = boards[0]
    regime = services.current_regime()
    form = ProgrammeCreateForm(
        request.POST or None,
        regime=regime,
        candidates=selectors.party_candidates(actor=request.actor, board=board),
        initial={"content_items": list(regime.content_items.values_list("pk", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(
                actor=request.actor,
                board=board,
                data=form.data_object(),
                parties=list(form.cleaned_data["parties"]),
                content_items=list(form.cleaned_data["content_items"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã tạo dự thảo chương trình phối hợp.")
            return redirect(programme)
    context = {"form": form, "board": board, "title": "Soạn chương trình phối hợp"}
    return render(
        request, "programmes/programme_form.html", context, status=400 if form.errors else 200
    )


@login_required
def programme_detail(request, pk: int):
    programme = get_visible_or_404(Programme, request.actor, pk=pk)
    context = selectors.programme_detail_context(actor=request.actor, programme=programme)
    candidates = context["party_candidates"]
    context |= {
        "party_form": PartyAddForm(candidates=candidates) if candidates is not None else None,
        "plan_form": PlanForm(),
        "cancel_form": ReasonForm(),
        "deadlines_form": DeadlinesForm(initial=context["deadlines"]),
    }
    return render(request, "programmes/detail.html", context)


@login_required
def programme_edit(request, pk: int):
    programme = get_visible_or_404(Programme, request.actor, pk=pk)
    ensure(
        policies.can_edit_programme(request.actor, programme),
        "Chỉ sửa được chương trình khi chưa ký kết, và chỉ Ban chủ trì được sửa.",
    )
    initial = model_to_dict(programme, fields=[*ProgrammeForm.Meta.fields, "content_items"])
    form = ProgrammeForm(request.POST or None, regime=programme.regime, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(
                actor=request.actor,
                programme=programme,
                content_items=list(form.cleaned_data["content_items"]),
                **form.data_object().__dict__,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã lưu chương trình.")
            return redirect(programme)
    context = {"form": form, "programme": programme, "title": f"Sửa: {programme}"}
    return render(
        request, "programmes/programme_form.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def programme_action(request, pk: int):
    programme = get_visible_or_404(Programme, request.actor, pk=pk)
    action = request.POST.get("action", "")
    try:
        if action == "cancel":
            services.programme_cancel(
                actor=request.actor, programme=programme, reason=request.POST.get("reason", "")
            )
        elif action == "supersede":
            successor = get_visible_or_404(
                Programme, request.actor, pk=request.POST.get("successor") or 0
            )
            services.programme_supersede(
                actor=request.actor, programme=programme, successor=successor
            )
        else:
            services.programme_advance(actor=request.actor, programme=programme, action=action)
    except ValidationError as error:
        return back_with_errors(request, error, programme)
    return back_with_success(
        request, f"Chương trình: {programme.get_state_display().lower()}.", programme
    )


@login_required
@require_POST
def party_add(request, pk: int):
    programme = get_visible_or_404(Programme, request.actor, pk=pk)
    ensure(policies.can_edit_programme(request.actor, programme), "Không thể thêm bên ký kết.")
    form = PartyAddForm(
        request.POST,
        candidates=selectors.party_candidates(actor=request.actor, board=programme.board),
    )
    if not form.is_valid():
        return back_with_errors(
            request, ValidationError("Chọn một cơ quan trong danh sách."), programme
        )
    try:
        services.party_add(
            actor=request.actor, programme=programme, organisation=form.cleaned_data["organisation"]
        )
    except ValidationError as error:
        return back_with_errors(request, error, programme)
    return back_with_success(request, "Đã thêm bên ký kết.", programme)


@login_required
def party_edit(request, pk: int):
    party = get_visible_or_404(ProgrammeParty, request.actor, pk=pk)
    programme = party.programme
    ensure(policies.can_edit_programme(request.actor, programme), "Không thể sửa bên ký kết.")
    form = PartyForm(
        request.POST or None, initial=model_to_dict(party, fields=PartyForm.Meta.fields)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.party_update(actor=request.actor, party=party, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã lưu thông tin ký của {party.organisation}.")
            return redirect(programme)
    context = {"form": form, "party": party, "programme": programme}
    return render(
        request, "programmes/party_form.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def party_remove(request, pk: int):
    party = get_visible_or_404(ProgrammeParty, request.actor, pk=pk)
    programme = party.programme
    try:
        services.party_remove(actor=request.actor, party=party)
    except ValidationError as error:
        return back_with_errors(request, error, programme)
    return back_with_success(request, "Đã bỏ bên ký kết.", programme)


@login_required
@require_POST
def plan_create(request, pk: int):
    programme = get_visible_or_404(Programme, request.actor, pk=pk)
    form = PlanForm(request.POST)
    if not form.is_valid():
        return back_with_errors(request, ValidationError("Năm không hợp lệ."), programme)
    try:
        plan = services.plan_create(
            actor=request.actor, programme=programme, year=form.cleaned_data["year"]
        )
    except ValidationError as error:
        return back_with_errors(request, error, programme)
    return back_with_success(request, f"Đã lập kế hoạch năm {plan.year}.", plan)


@login_required
def plan_detail(request, pk: int):
    plan = get_visible_or_404(
        AnnualPlan.objects.select_related("programme__board"), request.actor, pk=pk
    )
    context = selectors.plan_detail_context(actor=request.actor, plan=plan)
    return render(request, "programmes/plan.html", context)


@login_required
def task_create(request, pk: int):
    plan = get_visible_or_404(AnnualPlan, request.actor, pk=pk)
    programme = plan.programme
    ensure(policies.can_manage_plans(request.actor, programme), "Chỉ Ban chủ trì thêm nhiệm vụ.")
    form = TaskForm(
        request.POST or None,
        bodies=selectors.task_bodies(programme=programme),
        content_items=programme.content_items.all(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            task = services.task_create(
                actor=request.actor,
                plan=plan,
                data=form.data_object(),
                content_items=list(form.cleaned_data["content_items"]),
                cooperating=list(form.cleaned_data["cooperating"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã thêm nhiệm vụ.")
            return redirect(task)
    context = {"form": form, "plan": plan, "programme": programme}
    return render(request, "programmes/task_form.html", context, status=400 if form.errors else 200)


def _task(request, pk: int) -> Task:
    return get_visible_or_404(
        Task.objects.select_related("plan__programme__board", "lead"), request.actor, pk=pk
    )


@login_required
def task_detail(request, pk: int):
    context = selectors.task_detail_context(actor=request.actor, task=_task(request, pk))
    context |= {
        "progress_form": ProgressForm(initial={"progress": context["task"].progress}),
        "output_form": OutputForm(
            bodies=context["output_bodies"], initial=context["output_initial"]
        ),
        "defer_form": DeferForm(),
        "cancel_form": ReasonForm(),
    }
    return render(request, "programmes/task.html", context)


def _task_post(request, pk: int, call, success: str):
    """Run one task service for a POST and go back (to the task, or to the plan board)."""
    task = _task(request, pk)
    back = request.POST.get("next", "")
    if not (back and url_has_allowed_host_and_scheme(back, {request.get_host()})):
        back = task
    try:
        call(task)
    except ValidationError as error:
        return back_with_errors(request, error, back)
    return back_with_success(request, success, back)


def _form_or_error(form):
    if form.is_valid():
        return form.cleaned_data
    errors = [
        f"{form.fields[f].label}: {' '.join(e)}" if f in form.fields else " ".join(e)
        for f, e in form.errors.items()
    ]
    raise ValidationError(errors)


@login_required
@require_POST
def task_action(request, pk: int):
    action = request.POST.get("action", "")
    return _task_post(
        request,
        pk,
        lambda task: services.task_advance(actor=request.actor, task=task, action=action),
        "Đã cập nhật trạng thái nhiệm vụ.",
    )


@login_required
@require_POST
def task_progress(request, pk: int):
    return _task_post(
        request,
        pk,
        lambda task: services.task_update_progress(
            actor=request.actor, task=task, **_form_or_error(ProgressForm(request.POST))
        ),
        "Đã cập nhật tiến độ.",
    )


@login_required
@require_POST
def task_defer(request, pk: int):
    return _task_post(
        request,
        pk,
        lambda task: services.task_defer(
            actor=request.actor, task=task, **_form_or_error(DeferForm(request.POST))
        ),
        "Đã lùi thời hạn nhiệm vụ.",
    )


@login_required
@require_POST
def task_cancel(request, pk: int):
    return _task_post(
        request,
        pk,
        lambda task: services.task_cancel(
            actor=request.actor, task=task, **_form_or_error(ReasonForm(request.POST))
        ),
        "Đã hủy nhiệm vụ.",
    )


@login_required
@require_POST
def task_carry_over(request, pk: int):
    task = _task(request, pk)
    try:
        successor = services.task_carry_over(actor=request.actor, task=task)
    except ValidationError as error:
        return back_with_errors(request, error, task)
    message = f"Đã chuyển nhiệm vụ sang kế hoạch năm {successor.plan.year}."
    return back_with_success(request, message, successor)


@login_required
@require_POST
def output_add(request, pk: int):
    form = OutputForm(
        request.POST, request.FILES, bodies=selectors.output_bodies(_task(request, pk))
    )
    return _task_post(
        request,
        pk,
        lambda task: services.output_add(actor=request.actor, task=task, **_form_or_error(form)),
        "Đã ghi nhận sản phẩm.",
    )


@login_required
def my_work(request):
    tasks = selectors.my_work(actor=request.actor)
    context = {
        "page": Paginator(tasks, 50).get_page(request.GET.get("page")),
        "today": selectors.today(),
        "is_board": request.actor.has_role(*BOARD_ROLES),
    }
    return render(request, "programmes/my_work.html", context)


@login_required
def coverage(request):
    boards = [
        m.organisation
        for m in request.actor.memberships
        if m.organisation.kind == Organisation.Kind.BOARD
    ]
    ensure(bool(boards), "Trang này dành cho cán bộ Ban Tuyên giáo và Dân vận.")
    year = _year(request.GET.get("nam"))
    result = selectors.coverage(actor=request.actor, board=boards[0], year=year)
    (level_in, level_out), (commune_in, commune_out) = (
        result.same_level_counts,
        result.commune_counts,
    )
    chart = {
        "categories": ["Cơ quan cùng cấp", "Cấp xã"],
        "covered": [level_in, commune_in],
        "missing": [level_out, commune_out],
    }
    return render(request, "programmes/coverage.html", {"coverage": result, "chart": chart})


def _year(raw: str | None) -> int:
    today = selectors.today()
    year = query_number(raw)
    return year if year is not None and 2000 <= year <= 2100 else today.year


@login_required
@require_POST
def attachment_add(request, pk: int):
    programme = get_visible_or_404(Programme, request.actor, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    try:
        services.attachment_add(actor=request.actor, programme=programme, **_form_or_error(form))
    except ValidationError as error:
        return back_with_errors(request, error, programme)
    return back_with_success(request, "Đã đính kèm tài liệu.", programme)


@login_required
def attachment_download(request, pk: int):
    return stored_file_download(get_visible_or_404(Attachment, request.actor, pk=pk))


@login_required
def output_download(request, pk: int):
    return file_download(get_visible_or_404(Output, request.actor, pk=pk).file)


@login_required
def regimes(request):
    """The regimes with their content items; the operator rewords them (versions kept)."""
    can_edit = policies.can_edit_regime(request.actor)
    if request.method == "POST":
        ensure(can_edit, "Chỉ quản trị hệ thống được sửa quy chế.")
        item = ContentItem.objects.filter(pk=request.POST.get("item") or 0).first()
        if item is None:
            raise Http404("Không tìm thấy")
        try:
            services.content_item_update(
                actor=request.actor, item=item, title=request.POST.get("title", "")[:500]
            )
        except ValidationError as error:
            return back_with_errors(request, error, "programmes:regimes")
        return back_with_success(request, f"Đã sửa nội dung {item.code}.", "programmes:regimes")
    context = {
        "regimes": Regime.objects.prefetch_related("content_items"),
        "can_edit": can_edit,
    }
    return render(request, "programmes/regimes.html", context)


@login_required
def plan_export(request, pk: int):
    plan = get_visible_or_404(AnnualPlan, request.actor, pk=pk)
    name = f"ke-hoach-{plan.year}-{plan.pk}.xlsx"
    return download_response(spreadsheets.export_plan(plan), filename=name, content_type=XLSX)


@login_required
def plan_import(request, pk: int):
    plan = get_visible_or_404(AnnualPlan.objects.select_related("programme"), request.actor, pk=pk)
    ensure(policies.can_steer_task(request.actor, plan.programme), "Chỉ Ban chủ trì được nhập tệp.")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.plan_import_start(
            actor=request.actor, plan=plan, upload=form.cleaned_data["file"]
        )
        return redirect(job)
    context = {"plan": plan, "programme": plan.programme, "form": form}
    return render(
        request, "programmes/plan_import.html", context, status=400 if form.errors else 200
    )


def _document_response(content: bytes, programme: Programme, extension: str, content_type: str):
    name = f"chuong-trinh-{programme.pk}.{extension}"
    return download_response(content, filename=name, content_type=content_type)


@login_required
def programme_docx(request, pk: int):
    programme = get_visible_or_404(Programme, request.actor, pk=pk)
    return _document_response(render_programme_docx(programme), programme, "docx", DOCX)


@login_required
def programme_pdf(request, pk: int):
    programme = get_visible_or_404(Programme, request.actor, pk=pk)
    try:
        pdf = docx_to_pdf(render_programme_docx(programme))
    except PdfUnavailable as error:
        messages.error(request, str(error))
        return redirect(programme)
    return _document_response(pdf, programme, "pdf", PDF)


@login_required
@require_POST
def programme_deadlines(request, pk: int):
    programme = get_visible_or_404(Programme, request.actor, pk=pk)
    try:
        services.programme_set_deadlines(
            actor=request.actor, programme=programme, **_form_or_error(DeadlinesForm(request.POST))
        )
    except ValidationError as error:
        return back_with_errors(request, error, programme)
    return back_with_success(request, "Đã lưu lịch nhắc hạn của chương trình.", programme)


@login_required
@require_POST
def assignment_due(request, pk: int):
    assignment = get_visible_or_404(Assignment.objects.select_related("task"), request.actor, pk=pk)
    form = AssignmentDueForm(request.POST)
    return _task_post(
        request,
        assignment.task_id,
        lambda task: services.assignment_set_due(
            actor=request.actor, assignment=assignment, **_form_or_error(form)
        ),
        "Đã giao hạn cho đơn vị phối hợp.",
    )
