"""Pages for cases: list, report, the case page and its parts; policies decide every button.

An outsider gets 404 (`get_visible_or_404`); someone who sees a restricted case without being
allowed its details sees a placeholder page, and every part of the case answers 403.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from phoihop.core.exceptions import ensure
from phoihop.core.forms import add_service_errors
from phoihop.core.http import back_with_errors, back_with_success
from phoihop.core.scoping import get_visible_or_404
from phoihop.exchange.selectors import dispatches_for_incident
from phoihop.organisations.models import Organisation

from . import clocks, policies, selectors, services
from .forms import (
    AssessForm,
    ConferenceForm,
    IncidentReportForm,
    MemberForm,
    MergeForm,
    OrientationForm,
    PressReleaseForm,
    PublishForm,
)
from .models import Incident, OrientationPlan, PressRelease, SituationReport, WorkingGroupMember

PAGE_SIZE = 30


def _filters(request) -> selectors.IncidentFilter:
    get = request.GET.get
    overdue = {value for value, _ in selectors.OVERDUE_CHOICES}
    return selectors.IncidentFilter(
        query=get("q", "").strip()[:200],
        state=get("state", "") if get("state") in Incident.State.values else "",
        severity=get("severity", "") if get("severity") in Incident.Severity.values else "",
        overdue=get("overdue", "") if get("overdue") in overdue else "",
    )


@login_required
def incident_list(request):
    filters = _filters(request)
    now = timezone.now()
    incidents = selectors.incident_list(actor=request.actor, filters=filters, now=now)
    page = Paginator(incidents, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "page": page,
        "rows": selectors.list_rows(actor=request.actor, incidents=page, now=now),
        "states": Incident.State.choices,
        "severities": Incident.Severity.choices,
        "overdue_choices": selectors.OVERDUE_CHOICES,
        "can_report": bool(selectors.reporting_bodies(request.actor)),
    }
    template = "incidents/_list_rows.html" if request.htmx else "incidents/list.html"
    return render(request, template, context)


def _report_form(request) -> tuple[IncidentReportForm, Organisation]:
    """The report form for the bodies the actor reports for (the one posted, else the first),
    and the board that body reports to."""
    bodies = selectors.reporting_bodies(request.actor)
    ensure(bool(bodies), "Chỉ cán bộ cơ quan nhà nước hoặc của Ban được thông báo vụ việc.")
    posted = request.POST.get("reporting_body")
    chosen = next((b for b in bodies if str(b.pk) == posted), bodies[0])
    board = selectors.board_for(chosen)
    ensure(board is not None, "Không tìm thấy Ban tiếp nhận cho cơ quan của bạn.")
    form = IncidentReportForm(
        request.POST or None,
        bodies=bodies,
        competent=selectors.level_bodies(board),
        places=selectors.place_choices(board),
        initial={"reporting_body": chosen.pk, "competent_body": chosen.pk},
    )
    return form, board


@login_required
def incident_create(request):
    form, board = _report_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            incident = services.incident_report(
                actor=request.actor,
                reporting_body=form.cleaned_data["reporting_body"],
                competent_body=form.cleaned_data["competent_body"],
                data=form.data_object(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            message = "Đã thông báo vụ việc tới Ban. Đồng hồ tiếp nhận bắt đầu."
            return back_with_success(request, message, incident)
    context = {"form": form, "board": board}
    status = 400 if form.errors else 200
    return render(request, "incidents/report_form.html", context, status=status)


def _case(request, pk: int) -> tuple[Incident, policies.Access]:
    incident = get_visible_or_404(selectors.cases(), request.actor, pk=pk)
    return incident, selectors.access_for(request.actor, incident)


def _details(request, pk: int) -> tuple[Incident, policies.Access]:
    """The case, when the actor may see its details (403 otherwise, 404 for outsiders)."""
    incident, access = _case(request, pk)
    ensure(policies.can_see_details(request.actor, incident, access), policies.RESTRICTED)
    return incident, access


def _case_forms(page: dict) -> dict:
    """The forms of the case page, each only where the page shows it."""
    incident, plan = page["incident"], page["plan"]
    bodies = selectors.group_bodies(incident)
    plan_initial = {name: getattr(plan, name) for name in selectors.PLAN_FIELDS} if plan else None
    candidates = selectors.member_candidates(incident)
    return {
        "plan_form": OrientationForm(initial=plan_initial),
        "assess_form": AssessForm(initial={"severity": incident.severity}),
        "merge_form": MergeForm(candidates=page["merge_candidates"]),
        "member_form": MemberForm(users=candidates, bodies=bodies)
        if page["can_manage_group"]
        else None,
        "release_form": PressReleaseForm(),
        "conference_form": ConferenceForm(users=selectors.officials(incident), bodies=bodies)
        if page["can_press"]
        else None,
    }


@login_required
def incident_detail(request, pk: int):
    incident, access = _case(request, pk)
    actor = request.actor
    actions = services.incident_actions(actor, incident)
    if not policies.can_see_details(actor, incident, access):
        context = {
            "incident": incident,
            "clocks": clocks.clocks_of(incident),
            "actions": [a for a in actions if a.name == "acknowledge"],
        }
        return render(request, "incidents/restricted.html", context)
    page = selectors.case_page(actor=actor, incident=incident, access=access)
    page |= {
        "actions": actions,
        "dispatches": dispatches_for_incident(actor=actor, incident=incident),
    }
    return render(request, "incidents/detail.html", page | _case_forms(page))


@login_required
@require_POST
def incident_action(request, pk: int):
    incident, access = _case(request, pk)
    action = request.POST.get("action", "")
    if action != "acknowledge":
        ensure(policies.can_see_details(request.actor, incident, access), policies.RESTRICTED)
    try:
        services.incident_act(
            actor=request.actor, incident=incident, action=action, text=request.POST.get("text", "")
        )
    except ValidationError as error:
        return back_with_errors(request, error, incident)
    incident.refresh_from_db()
    message = f"Vụ việc: {incident.get_state_display().lower()}."
    return back_with_success(request, message, incident)


@login_required
@require_POST
def incident_assess(request, pk: int):
    incident, _ = _details(request, pk)
    form = AssessForm(request.POST)
    if not form.is_valid():
        return back_with_errors(request, ValidationError("Nhập đánh giá và chọn mức độ."), incident)
    try:
        services.incident_assess(actor=request.actor, incident=incident, **form.cleaned_data)
    except ValidationError as error:
        return back_with_errors(request, error, incident)
    return back_with_success(request, "Đã ghi nhận đánh giá.", incident)


@login_required
@require_POST
def incident_merge(request, pk: int):
    incident, _ = _details(request, pk)
    into = get_visible_or_404(Incident, request.actor, pk=request.POST.get("into") or 0)
    try:
        services.incident_merge(
            actor=request.actor, incident=incident, into=into, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        return back_with_errors(request, error, incident)
    return back_with_success(request, "Đã gộp vào vụ việc được giữ lại.", incident)


# --- orientation plan ---------------------------------------------------------------------------


@login_required
@require_POST
def orientation_save(request, pk: int):
    incident, _ = _details(request, pk)
    form = OrientationForm(request.POST)
    if not form.is_valid():
        return back_with_errors(
            request, ValidationError("Phương án cần đủ bốn nội dung."), incident
        )
    try:
        plan = services.orientation_plan_save(
            actor=request.actor, incident=incident, data=form.data_object()
        )
    except ValidationError as error:
        return back_with_errors(request, error, incident)
    message = f"Đã lưu phương án định hướng, phiên bản {plan.version}."
    return back_with_success(request, message, incident)


@login_required
@require_POST
def orientation_approve(request, pk: int):
    incident, _ = _details(request, pk)
    plan = selectors.orientation_plan(incident)
    if plan is None:
        return back_with_errors(request, ValidationError("Chưa có phương án định hướng."), incident)
    try:
        plan = services.orientation_plan_approve(actor=request.actor, plan=plan)
    except ValidationError as error:
        return back_with_errors(request, error, incident)
    done = plan.state == OrientationPlan.State.APPROVED
    message = "Hai bên đã thống nhất phương án." if done else "Đã phê duyệt phần của bạn."
    return back_with_success(request, message, incident)


@login_required
def orientation_versions(request, pk: int):
    incident, _ = _details(request, pk)
    return render(request, "incidents/versions.html", selectors.plan_versions_page(incident))


# --- working group, log, situation reports ----------------------------------------------------


@login_required
@require_POST
def member_add(request, pk: int):
    incident, _ = _details(request, pk)
    ensure(policies.can_manage_group(request.actor, incident), "Không thể thay đổi tổ công tác.")
    form = MemberForm(
        request.POST,
        users=selectors.member_candidates(incident),
        bodies=selectors.group_bodies(incident),
    )
    if not form.is_valid():
        return back_with_errors(
            request, ValidationError("Chọn cán bộ, cơ quan và vai trò."), incident
        )
    try:
        services.working_group_add_member(
            actor=request.actor, incident=incident, **form.cleaned_data
        )
    except ValidationError as error:
        return back_with_errors(request, error, incident)
    return back_with_success(request, "Đã thêm thành viên tổ công tác.", incident)


@login_required
@require_POST
def member_remove(request, pk: int):
    member = get_visible_or_404(
        WorkingGroupMember.objects.select_related("incident"), request.actor, pk=pk
    )
    incident, _ = _details(request, member.incident_id)
    try:
        services.working_group_remove_member(actor=request.actor, member=member)
    except ValidationError as error:
        return back_with_errors(request, error, incident)
    return back_with_success(request, "Thành viên đã rời tổ công tác.", incident)


@login_required
@require_POST
def log_append(request, pk: int):
    incident, _ = _details(request, pk)
    try:
        services.position_log_append(
            actor=request.actor, incident=incident, text=request.POST.get("text", "")
        )
    except ValidationError as error:
        return back_with_errors(request, error, incident)
    return back_with_success(request, "Đã ghi nhật ký diễn biến.", incident)


@login_required
@require_POST
def section_save(request, pk: int):
    incident, _ = _details(request, pk)
    try:
        services.situation_section_save(
            actor=request.actor, incident=incident, text=request.POST.get("text", "")
        )
    except ValidationError as error:
        return back_with_errors(request, error, incident)
    return back_with_success(request, "Đã lưu phần báo cáo tình hình của cơ quan bạn.", incident)


@login_required
@require_POST
def sitrep_action(request, pk: int):
    report = get_visible_or_404(
        SituationReport.objects.select_related("incident__board"), request.actor, pk=pk
    )
    incident, _ = _details(request, report.incident_id)
    action = request.POST.get("action")
    try:
        if action == "approve":
            services.situation_report_approve(actor=request.actor, report=report)
        elif action == "publish":
            services.situation_report_publish(actor=request.actor, report=report)
        else:
            raise ValidationError("Thao tác không hợp lệ.")
    except ValidationError as error:
        return back_with_errors(request, error, incident)
    message = f"Báo cáo tình hình số {report.number}: {report.get_state_display().lower()}."
    return back_with_success(request, message, incident)


# --- press --------------------------------------------------------------------------------------


@login_required
@require_POST
def release_create(request, pk: int):
    incident, _ = _details(request, pk)
    form = PressReleaseForm(request.POST)
    if not form.is_valid():
        refusal = ValidationError("Nhập tiêu đề và nội dung thông cáo.")
        return back_with_errors(request, refusal, incident)
    try:
        release = services.press_release_save(
            actor=request.actor, incident=incident, **form.cleaned_data
        )
    except ValidationError as error:
        return back_with_errors(request, error, incident)
    return back_with_success(request, "Đã lưu dự thảo thông cáo báo chí.", release)


def _release(request, pk: int) -> tuple[PressRelease, policies.Access]:
    release = get_visible_or_404(
        PressRelease.objects.select_related("incident__board", "version_author"),
        request.actor,
        pk=pk,
    )
    _, access = _details(request, release.incident_id)
    return release, access


@login_required
def release_detail(request, pk: int):
    release, access = _release(request, pk)
    page = selectors.release_page(actor=request.actor, release=release, access=access)
    form = PressReleaseForm(
        request.POST or None, initial={"title": release.title, "body": release.body}
    )
    if request.method == "POST":
        ensure(page["can_edit"], "Chỉ sửa được thông cáo chưa duyệt.")
        if form.is_valid():
            try:
                services.press_release_save(
                    actor=request.actor,
                    incident=release.incident,
                    release=release,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return back_with_success(request, f"Đã lưu phiên bản {release.version}.", release)
    now = timezone.localtime().replace(second=0, microsecond=0)
    context = page | {"form": form, "publish_form": PublishForm(initial={"when": now})}
    status = 400 if form.errors else 200
    return render(request, "incidents/press_release.html", context, status=status)


@login_required
@require_POST
def release_action(request, pk: int):
    release, _ = _release(request, pk)
    action = request.POST.get("action")
    try:
        if action == "submit":
            services.press_release_submit(actor=request.actor, release=release)
        elif action == "approve":
            release = services.press_release_approve(actor=request.actor, release=release)
        elif action == "publish":
            form = PublishForm(request.POST)
            if not form.is_valid():
                raise ValidationError("Nhập nơi công bố, thời điểm và đường dẫn hợp lệ.")
            services.press_release_publish(
                actor=request.actor, release=release, **form.cleaned_data
            )
        else:
            raise ValidationError("Thao tác không hợp lệ.")
    except ValidationError as error:
        return back_with_errors(request, error, release)
    release.refresh_from_db()
    message = f"Thông cáo: {release.get_state_display().lower()}."
    return back_with_success(request, message, release)


@login_required
@require_POST
def conference_record(request, pk: int):
    incident, _ = _details(request, pk)
    form = ConferenceForm(
        request.POST,
        users=selectors.officials(incident),
        bodies=selectors.group_bodies(incident),
    )
    if not form.is_valid():
        errors = "; ".join(
            f"{form.fields[f].label}: {' '.join(e)}"
            for f, e in form.errors.items()
            if f in form.fields
        )
        refusal = ValidationError(errors or "Dữ liệu họp báo không hợp lệ.")
        return back_with_errors(request, refusal, incident)
    try:
        services.press_conference_record(
            actor=request.actor, incident=incident, data=form.data_object()
        )
    except ValidationError as error:
        return back_with_errors(request, error, incident)
    return back_with_success(request, "Đã ghi nhận họp báo.", incident)
