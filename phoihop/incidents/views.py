"""Pages for cases: list, report, the case page and its parts; policies decide every button.

An outsider gets 404 (`get_visible_or_404`); someone who sees a restricted case without being
allowed its details sees a placeholder page, and every part of the case answers 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from phoihop.core.exceptions import ensure
from phoihop.core.forms import add_service_errors
from phoihop.core.scoping import get_visible_or_404
from phoihop.exchange.selectors import dispatches_for_incident

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
RESTRICTED = "Vụ việc hạn chế tiếp cận: chỉ tổ công tác và lãnh đạo Ban được xem chi tiết."

CASES = Incident.objects.select_related(
    "board", "competent_body", "reporting_body", "reported_by", "acknowledged_by"
)


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
    actor = request.actor
    members = selectors.member_of(actor, [incident.pk for incident in page])
    rows = []
    for incident in page:
        access = policies.Access(is_member=incident.pk in members)
        shown = policies.can_see_details(actor, incident, access)
        rows.append((incident, shown, clocks.clocks_of(incident, now)))
    context = {
        "filters": filters,
        "page": page,
        "rows": rows,
        "states": Incident.State.choices,
        "severities": Incident.Severity.choices,
        "overdue_choices": selectors.OVERDUE_CHOICES,
        "can_report": bool(selectors.reporting_bodies(actor)),
    }
    template = "incidents/_list_rows.html" if request.htmx else "incidents/list.html"
    return render(request, template, context)


@login_required
def incident_create(request):
    actor = request.actor
    bodies = selectors.reporting_bodies(actor)
    ensure(bool(bodies), "Chỉ cán bộ cơ quan nhà nước hoặc của Ban được thông báo vụ việc.")
    chosen = bodies[0]
    if request.method == "POST":
        chosen = next(
            (b for b in bodies if str(b.pk) == request.POST.get("reporting_body")), chosen
        )
    board = selectors.board_for(chosen)
    ensure(board is not None, "Không tìm thấy Ban tiếp nhận cho cơ quan của bạn.")
    form = IncidentReportForm(
        request.POST or None,
        bodies=bodies,
        competent=selectors.level_bodies(board),
        places=selectors.place_choices(board),
        initial={"reporting_body": chosen.pk, "competent_body": chosen.pk},
    )
    if request.method == "POST" and form.is_valid():
        try:
            incident = services.incident_report(
                actor=actor,
                reporting_body=form.cleaned_data["reporting_body"],
                competent_body=form.cleaned_data["competent_body"],
                data=form.data_object(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã thông báo vụ việc tới Ban. Đồng hồ tiếp nhận bắt đầu.")
            return redirect(incident)
    context = {"form": form, "board": board}
    status = 400 if form.errors else 200
    return render(request, "incidents/report_form.html", context, status=status)


def _case(request, pk: int) -> tuple[Incident, policies.Access]:
    incident = get_visible_or_404(CASES, request.actor, pk=pk)
    return incident, selectors.access_for(request.actor, incident)


def _details(request, pk: int) -> tuple[Incident, policies.Access]:
    """The case, when the actor may see its details (403 otherwise, 404 for outsiders)."""
    incident, access = _case(request, pk)
    ensure(policies.can_see_details(request.actor, incident, access), RESTRICTED)
    return incident, access


def _detail_context(request, incident: Incident, access: policies.Access) -> dict:
    actor = request.actor
    plan = OrientationPlan.objects.filter(incident=incident).first()
    releases = list(incident.press_releases.select_related("version_author"))
    reports = list(
        incident.situation_reports.prefetch_related("sections__organisation", "sections__author")
    )
    can_manage = policies.can_manage_group(actor, incident)
    can_press = policies.can_draft_press(actor, incident, access)
    bodies = selectors.group_bodies(incident)
    return {
        "incident": incident,
        "access": access,
        "clocks": clocks.clocks_of(incident),
        "actions": services.incident_actions(actor, incident),
        "places": list(incident.places.all()),
        "timeline": selectors.timeline(incident),
        "members": selectors.members(incident),
        "log": incident.log_entries.select_related("author", "organisation"),
        "reports": [
            (
                report,
                policies.can_approve_sitrep(actor, report),
                policies.can_publish_sitrep(actor, report),
            )
            for report in reports
        ],
        "plan": plan,
        "plan_versions": plan.version if plan else 0,
        "can_approve_plan": plan is not None
        and (
            policies.can_approve_orientation_for_board(actor, plan)
            or policies.can_approve_orientation_for_competent_body(actor, plan)
        ),
        "can_draft_plan": policies.can_draft_orientation(actor, incident, access),
        "plan_form": OrientationForm(
            initial={
                "handler": plan.handler,
                "message": plan.message,
                "spokesperson": plan.spokesperson,
                "channels": plan.channels,
            }
            if plan
            else None
        ),
        "can_assess": policies.can_assess(actor, incident),
        "assess_form": AssessForm(initial={"severity": incident.severity}),
        "can_steer": policies.can_steer(actor, incident) and incident.is_open,
        "merge_form": MergeForm(
            candidates=Incident.objects.visible_to(actor)
            .filter(board=incident.board, state__in=Incident.OPEN_STATES)
            .exclude(pk=incident.pk)
        ),
        "can_manage_group": can_manage,
        "member_form": MemberForm(users=selectors.member_candidates(incident), bodies=bodies)
        if can_manage
        else None,
        "can_contribute": policies.can_contribute(actor, incident, access),
        "releases": releases,
        "can_press": can_press,
        "release_form": PressReleaseForm(),
        "conferences": incident.press_conferences.select_related("spokesperson").prefetch_related(
            "hosts__organisation"
        ),
        "conference_form": ConferenceForm(users=selectors.officials(incident), bodies=bodies)
        if can_press
        else None,
        "duplicates": list(incident.duplicates.all()),
        "dispatches": dispatches_for_incident(actor=actor, incident=incident),
    }


@login_required
def incident_detail(request, pk: int):
    incident, access = _case(request, pk)
    if not policies.can_see_details(request.actor, incident, access):
        context = {
            "incident": incident,
            "clocks": clocks.clocks_of(incident),
            "actions": [
                a
                for a in services.incident_actions(request.actor, incident)
                if a.name == "acknowledge"
            ],
        }
        return render(request, "incidents/restricted.html", context)
    return render(request, "incidents/detail.html", _detail_context(request, incident, access))


def _back(request, incident, error: ValidationError | None = None, success: str = ""):
    if error is not None:
        messages.error(request, " ".join(error.messages))
    elif success:
        messages.success(request, success)
    return redirect(incident)


@login_required
@require_POST
def incident_action(request, pk: int):
    incident, access = _case(request, pk)
    action = request.POST.get("action", "")
    if action != "acknowledge":
        ensure(policies.can_see_details(request.actor, incident, access), RESTRICTED)
    try:
        services.incident_act(
            actor=request.actor, incident=incident, action=action, text=request.POST.get("text", "")
        )
    except ValidationError as error:
        return _back(request, incident, error)
    incident.refresh_from_db()
    return _back(request, incident, success=f"Vụ việc: {incident.get_state_display().lower()}.")


@login_required
@require_POST
def incident_assess(request, pk: int):
    incident, _ = _details(request, pk)
    form = AssessForm(request.POST)
    if not form.is_valid():
        return _back(request, incident, ValidationError("Nhập đánh giá và chọn mức độ."))
    try:
        services.incident_assess(actor=request.actor, incident=incident, **form.cleaned_data)
    except ValidationError as error:
        return _back(request, incident, error)
    return _back(request, incident, success="Đã ghi nhận đánh giá.")


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
        return _back(request, incident, error)
    return _back(request, incident, success="Đã gộp vào vụ việc được giữ lại.")


# --- orientation plan ---------------------------------------------------------------------------


@login_required
@require_POST
def orientation_save(request, pk: int):
    incident, _ = _details(request, pk)
    form = OrientationForm(request.POST)
    if not form.is_valid():
        return _back(request, incident, ValidationError("Phương án cần đủ bốn nội dung."))
    try:
        plan = services.orientation_plan_save(
            actor=request.actor, incident=incident, data=form.data_object()
        )
    except ValidationError as error:
        return _back(request, incident, error)
    return _back(
        request, incident, success=f"Đã lưu phương án định hướng, phiên bản {plan.version}."
    )


@login_required
@require_POST
def orientation_approve(request, pk: int):
    incident, _ = _details(request, pk)
    plan = OrientationPlan.objects.filter(incident=incident).first()
    if plan is None:
        return _back(request, incident, ValidationError("Chưa có phương án định hướng."))
    try:
        plan = services.orientation_plan_approve(actor=request.actor, plan=plan)
    except ValidationError as error:
        return _back(request, incident, error)
    done = plan.state == OrientationPlan.State.APPROVED
    return _back(
        request,
        incident,
        success="Hai bên đã thống nhất phương án." if done else "Đã phê duyệt phần của bạn.",
    )


@login_required
def orientation_versions(request, pk: int):
    incident, _ = _details(request, pk)
    plan = OrientationPlan.objects.filter(incident=incident).first()
    fields = ["handler", "message", "spokesperson", "channels"]
    context = {
        "incident": incident,
        "title": "Phương án định hướng thông tin — các phiên bản",
        "versions": selectors.versions(plan, fields, "drafted_by") if plan else [],
        "labels": {name: OrientationPlan._meta.get_field(name).verbose_name for name in fields},
    }
    return render(request, "incidents/versions.html", context)


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
        return _back(request, incident, ValidationError("Chọn cán bộ, cơ quan và vai trò."))
    try:
        services.working_group_add_member(
            actor=request.actor, incident=incident, **form.cleaned_data
        )
    except ValidationError as error:
        return _back(request, incident, error)
    return _back(request, incident, success="Đã thêm thành viên tổ công tác.")


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
        return _back(request, incident, error)
    return _back(request, incident, success="Thành viên đã rời tổ công tác.")


@login_required
@require_POST
def log_append(request, pk: int):
    incident, _ = _details(request, pk)
    try:
        services.position_log_append(
            actor=request.actor, incident=incident, text=request.POST.get("text", "")
        )
    except ValidationError as error:
        return _back(request, incident, error)
    return _back(request, incident, success="Đã ghi nhật ký diễn biến.")


@login_required
@require_POST
def section_save(request, pk: int):
    incident, _ = _details(request, pk)
    try:
        services.situation_section_save(
            actor=request.actor, incident=incident, text=request.POST.get("text", "")
        )
    except ValidationError as error:
        return _back(request, incident, error)
    return _back(request, incident, success="Đã lưu phần báo cáo tình hình của cơ quan bạn.")


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
        return _back(request, incident, error)
    return _back(
        request,
        incident,
        success=f"Báo cáo tình hình số {report.number}: {report.get_state_display().lower()}.",
    )


# --- press --------------------------------------------------------------------------------------


@login_required
@require_POST
def release_create(request, pk: int):
    incident, _ = _details(request, pk)
    form = PressReleaseForm(request.POST)
    if not form.is_valid():
        return _back(request, incident, ValidationError("Nhập tiêu đề và nội dung thông cáo."))
    try:
        release = services.press_release_save(
            actor=request.actor, incident=incident, **form.cleaned_data
        )
    except ValidationError as error:
        return _back(request, incident, error)
    messages.success(request, "Đã lưu dự thảo thông cáo báo chí.")
    return redirect(release)


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
    actor = request.actor
    form = PressReleaseForm(
        request.POST or None, initial={"title": release.title, "body": release.body}
    )
    can_edit = policies.can_edit_press_release(actor, release, access)
    if request.method == "POST":
        ensure(can_edit, "Chỉ sửa được thông cáo chưa duyệt.")
        if form.is_valid():
            try:
                services.press_release_save(
                    actor=actor, incident=release.incident, release=release, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Đã lưu phiên bản {release.version}.")
                return redirect(release)
    context = {
        "release": release,
        "incident": release.incident,
        "form": form,
        "can_edit": can_edit,
        "can_submit": can_edit and release.state == PressRelease.State.DRAFT,
        "can_approve": policies.can_approve_press_for_board(actor, release)
        or policies.can_approve_press_for_competent_body(actor, release),
        "is_author": actor.user is not None and release.version_author_id == actor.user.pk,
        "can_publish": policies.can_publish_press(actor, release),
        "publish_form": PublishForm(
            initial={"when": timezone.localtime().replace(second=0, microsecond=0)}
        ),
        "versions": selectors.versions(release, ["title", "body"], "version_author"),
        "labels": {"title": "Tiêu đề", "body": "Nội dung"},
    }
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
        messages.error(request, " ".join(error.messages))
        return redirect(release)
    release.refresh_from_db()
    messages.success(request, f"Thông cáo: {release.get_state_display().lower()}.")
    return redirect(release)


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
        return _back(request, incident, ValidationError(errors or "Dữ liệu họp báo không hợp lệ."))
    try:
        services.press_conference_record(
            actor=request.actor, incident=incident, data=form.data_object()
        )
    except ValidationError as error:
        return _back(request, incident, error)
    return _back(request, incident, success="Đã ghi nhận họp báo.")
