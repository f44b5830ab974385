"""API v1 for complex or sensitive cases (INC): cases and their actions, the orientation plan and
its versions, the working group, the position log, situation reports, press releases and their
versions, press conferences. Each view fetches what the actor may see (`get_visible_or_404`: an
outsider gets 404), asks the policy whether a restricted case's details may be shown (403
otherwise) and calls one service or selector."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from phoihop.core.exceptions import ensure, invalid
from phoihop.core.scoping import get_visible_or_404
from phoihop.incidents import clocks, policies, selectors, services
from phoihop.incidents.models import (
    Incident,
    OrientationPlan,
    PressRelease,
    SituationReport,
    WorkingGroupMember,
)

from ..base import ApiView, ListApiView, parse_body, parse_query
from ..errors import error_responses
from . import serializers as s

CASES_TAG = "Vụ việc phức tạp, nhạy cảm"
PRESS_TAG = "Thông cáo, họp báo"
READ_ERRORS = error_responses(401, 403, 404)
WRITE_ERRORS = error_responses(400, 401, 403, 404)


def _case(request, pk: int, details: bool = True) -> tuple[Incident, policies.Access]:
    incident = get_visible_or_404(selectors.cases(), request.actor, pk=pk)
    access = selectors.access_for(request.actor, incident)
    if details:
        ensure(policies.can_see_details(request.actor, incident, access), policies.RESTRICTED)
    return incident, access


def case_response(request, incident: Incident, code: int = status.HTTP_200_OK):
    incident.refresh_from_db()
    access = selectors.access_for(request.actor, incident)
    incident.clock_list = clocks.clocks_of(incident)
    incident.action_list = services.incident_actions(request.actor, incident)
    if not policies.can_see_details(request.actor, incident, access):
        return Response(s.IncidentPlaceholderSerializer(incident).data, status=code)
    return Response(s.IncidentDetailSerializer(incident).data, status=code)


class IncidentListView(ListApiView):
    serializer_class = s.IncidentSerializer

    def get_queryset(self):
        params = parse_query(s.IncidentFilterSerializer, self.request)
        filters = selectors.IncidentFilter(
            query=params["q"].strip(),
            state=params.get("state", ""),
            severity=params.get("severity", ""),
            overdue=params.get("overdue", ""),
        )
        return selectors.incident_list(actor=self.request.actor, filters=filters).prefetch_related(
            "places"
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        now = timezone.now()
        members = selectors.member_of(request.actor, [incident.pk for incident in page])
        rows = []
        for incident in page:
            incident.clock_list = clocks.clocks_of(incident, now)
            access = policies.Access(is_member=incident.pk in members)
            if policies.can_see_details(request.actor, incident, access):
                rows.append(s.IncidentSerializer(incident).data)
            else:
                rows.append(s.IncidentPlaceholderSerializer(incident).data)
        return self.get_paginated_response(rows)

    @extend_schema(
        tags=[CASES_TAG],
        summary="Danh sách vụ việc được xem",
        description="Vụ việc mà Ban, cơ quan có thẩm quyền hoặc cơ quan thông báo thuộc phạm vi "
        "người dùng, và vụ việc người dùng là thành viên tổ công tác. Vụ việc hạn chế tiếp cận "
        "chỉ hiện phần không mật (`details_hidden`) với người không được xem chi tiết.",
        parameters=[s.IncidentFilterSerializer],
        responses={200: s.IncidentSerializer(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=[CASES_TAG],
        summary="Thông báo một vụ việc tới Ban",
        description="Cán bộ của cơ quan thông báo; Ban tiếp nhận là Ban cùng cấp. Vụ việc mật "
        "không ghi nội dung, chỉ ghi số hồ sơ (`reference`).",
        request=s.IncidentReportSerializer,
        responses={201: s.IncidentDetailSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request):
        data = parse_body(s.IncidentReportSerializer, request)
        incident = services.incident_report(
            actor=request.actor,
            reporting_body=data["reporting_body"],
            competent_body=data["competent_body"],
            data=services.IncidentData(
                title=data["title"],
                summary=data["summary"],
                reference=data["reference"],
                sector=data["sector"],
                severity=data["severity"],
                classification=data["classification"],
                channels=data["channels"],
                places=data["places"],
                reported_at=data["reported_at"],
            ),
        )
        return case_response(request, incident, status.HTTP_201_CREATED)


class IncidentDetailView(ApiView):
    @extend_schema(
        tags=[CASES_TAG],
        summary="Chi tiết một vụ việc, các mốc thời hạn và thao tác được phép",
        responses={200: s.IncidentDetailSerializer, **READ_ERRORS},
    )
    def get(self, request, pk: int):
        incident, _ = _case(request, pk, details=False)
        return case_response(request, incident)


class IncidentActionView(ApiView):
    @extend_schema(
        tags=[CASES_TAG],
        summary="Thao tác trên vụ việc",
        description="Tiếp nhận, đánh giá (`text`, `severity`), bắt đầu phối hợp, ghi nhận giải "
        "quyết (`text`), thông tin kết quả, kết thúc, mở lại (`text`: lý do), báo cáo Ban cấp "
        "trên (`text`: lý do), gộp vào vụ việc khác (`into`).",
        request=s.ActionSerializer,
        responses={200: s.IncidentDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        incident, access = _case(request, pk, details=False)
        data = parse_body(s.ActionSerializer, request)
        action = data["action"]
        if action != "acknowledge":
            ensure(policies.can_see_details(request.actor, incident, access), policies.RESTRICTED)
        if action == "assess":
            services.incident_assess(
                actor=request.actor,
                incident=incident,
                assessment=data["text"],
                severity=data.get("severity"),
            )
        elif action == "merge":
            if data.get("into") is None:
                raise invalid("Chọn vụ việc được giữ lại.", "into")
            services.incident_merge(
                actor=request.actor, incident=incident, into=data["into"], reason=data["text"]
            )
        else:
            services.incident_act(
                actor=request.actor, incident=incident, action=action, text=data["text"]
            )
        return case_response(request, incident)


class OrientationPlanView(ApiView):
    @extend_schema(
        tags=[CASES_TAG],
        summary="Phương án định hướng thông tin hiện hành",
        responses={200: s.OrientationPlanSerializer, **READ_ERRORS},
    )
    def get(self, request, pk: int):
        incident, _ = _case(request, pk)
        plan = get_visible_or_404(OrientationPlan, request.actor, incident=incident)
        return Response(s.OrientationPlanSerializer(plan).data)

    @extend_schema(
        tags=[CASES_TAG],
        summary="Lưu phương án (phiên bản mới)",
        description="Ban hoặc cơ quan có thẩm quyền; mỗi lần lưu là một phiên bản, hai bên phê "
        "duyệt lại.",
        request=s.OrientationPlanInputSerializer,
        responses={200: s.OrientationPlanSerializer, **WRITE_ERRORS},
    )
    def put(self, request, pk: int):
        incident, _ = _case(request, pk)
        data = parse_body(s.OrientationPlanInputSerializer, request)
        plan = services.orientation_plan_save(
            actor=request.actor, incident=incident, data=services.OrientationData(**data)
        )
        return Response(s.OrientationPlanSerializer(plan).data)


class OrientationPlanApproveView(ApiView):
    @extend_schema(
        tags=[CASES_TAG],
        summary="Phê duyệt phương án (lãnh đạo Ban hoặc lãnh đạo cơ quan có thẩm quyền)",
        request=None,
        responses={200: s.OrientationPlanSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        incident, _ = _case(request, pk)
        plan = get_visible_or_404(OrientationPlan, request.actor, incident=incident)
        plan = services.orientation_plan_approve(actor=request.actor, plan=plan)
        return Response(s.OrientationPlanSerializer(plan).data)


class OrientationPlanVersionsView(ApiView):
    @extend_schema(
        tags=[CASES_TAG],
        summary="Các phiên bản của phương án, kèm phần khác nhau giữa hai phiên bản liền kề",
        responses={200: s.VersionSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request, pk: int):
        incident, _ = _case(request, pk)
        plan = get_visible_or_404(OrientationPlan, request.actor, incident=incident)
        fields = ["handler", "message", "spokesperson", "channels"]
        versions = selectors.versions(plan, fields, "drafted_by")
        return Response(s.VersionSerializer(versions, many=True).data)


class MembersView(ApiView):
    @extend_schema(
        tags=[CASES_TAG],
        summary="Tổ công tác liên ngành",
        responses={200: s.MemberSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request, pk: int):
        incident, _ = _case(request, pk)
        return Response(s.MemberSerializer(selectors.members(incident), many=True).data)

    @extend_schema(
        tags=[CASES_TAG],
        summary="Thêm thành viên tổ công tác (chỉ được xem vụ việc này)",
        request=s.MemberInputSerializer,
        responses={201: s.MemberSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        incident, _ = _case(request, pk)
        data = parse_body(s.MemberInputSerializer, request)
        member = services.working_group_add_member(actor=request.actor, incident=incident, **data)
        return Response(s.MemberSerializer(member).data, status=status.HTTP_201_CREATED)


class LogView(ApiView):
    @extend_schema(
        tags=[CASES_TAG],
        summary="Nhật ký diễn biến (chỉ ghi thêm, không sửa, không xóa)",
        responses={200: s.LogEntrySerializer(many=True), **READ_ERRORS},
    )
    def get(self, request, pk: int):
        incident, _ = _case(request, pk)
        entries = incident.log_entries.select_related("author", "organisation")
        return Response(s.LogEntrySerializer(entries, many=True).data)

    @extend_schema(
        tags=[CASES_TAG],
        summary="Ghi thêm vào nhật ký diễn biến",
        request=s.TextSerializer,
        responses={201: s.LogEntrySerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        incident, _ = _case(request, pk)
        data = parse_body(s.TextSerializer, request)
        entry = services.position_log_append(
            actor=request.actor, incident=incident, text=data["text"]
        )
        return Response(s.LogEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class SitrepsView(ApiView):
    @extend_schema(
        tags=[CASES_TAG],
        summary="Báo cáo tình hình, mỗi báo cáo gồm phần của từng cơ quan",
        responses={200: s.SituationReportSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request, pk: int):
        incident, _ = _case(request, pk)
        reports = incident.situation_reports.prefetch_related(
            "sections__organisation", "sections__author"
        )
        return Response(s.SituationReportSerializer(reports, many=True).data)

    @extend_schema(
        tags=[CASES_TAG],
        summary="Viết (hoặc viết lại) phần của cơ quan mình trong báo cáo đang tổng hợp",
        request=s.TextSerializer,
        responses={201: s.SectionSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        incident, _ = _case(request, pk)
        data = parse_body(s.TextSerializer, request)
        section = services.situation_section_save(
            actor=request.actor, incident=incident, text=data["text"]
        )
        return Response(s.SectionSerializer(section).data, status=status.HTTP_201_CREATED)


class PressReleasesView(ApiView):
    @extend_schema(
        tags=[PRESS_TAG],
        summary="Thông cáo báo chí của vụ việc",
        responses={200: s.PressReleaseSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request, pk: int):
        incident, _ = _case(request, pk)
        releases = incident.press_releases.select_related(
            "version_author", "board_approved_by", "competent_approved_by"
        )
        return Response(s.PressReleaseSerializer(releases, many=True).data)

    @extend_schema(
        tags=[PRESS_TAG],
        summary="Soạn thông cáo báo chí (dự thảo, phiên bản 1)",
        request=s.PressReleaseInputSerializer,
        responses={201: s.PressReleaseSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        incident, _ = _case(request, pk)
        data = parse_body(s.PressReleaseInputSerializer, request)
        release = services.press_release_save(actor=request.actor, incident=incident, **data)
        return Response(s.PressReleaseSerializer(release).data, status=status.HTTP_201_CREATED)


def _release(request, pk: int) -> PressRelease:
    release = get_visible_or_404(
        PressRelease.objects.select_related("incident__board"), request.actor, pk=pk
    )
    _case(request, release.incident_id)
    return release


class PressReleaseView(ApiView):
    @extend_schema(
        tags=[PRESS_TAG],
        summary="Một thông cáo báo chí",
        responses={200: s.PressReleaseSerializer, **READ_ERRORS},
    )
    def get(self, request, pk: int):
        return Response(s.PressReleaseSerializer(_release(request, pk)).data)

    @extend_schema(
        tags=[PRESS_TAG],
        summary="Lưu phiên bản mới (các bên duyệt lại)",
        request=s.PressReleaseInputSerializer,
        responses={200: s.PressReleaseSerializer, **WRITE_ERRORS},
    )
    def put(self, request, pk: int):
        release = _release(request, pk)
        data = parse_body(s.PressReleaseInputSerializer, request)
        release = services.press_release_save(
            actor=request.actor, incident=release.incident, release=release, **data
        )
        return Response(s.PressReleaseSerializer(release).data)


class PressReleaseActionView(ApiView):
    @extend_schema(
        tags=[PRESS_TAG],
        summary="Trình duyệt, duyệt hoặc ghi nhận công bố thông cáo",
        description="Người soạn phiên bản đang trình không được tự duyệt. Công bố cần `where`, "
        "`when` và có thể có `link`.",
        request=s.PressActionSerializer,
        responses={200: s.PressReleaseSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        release = _release(request, pk)
        data = parse_body(s.PressActionSerializer, request)
        if data["action"] == "submit":
            release = services.press_release_submit(actor=request.actor, release=release)
        elif data["action"] == "approve":
            release = services.press_release_approve(actor=request.actor, release=release)
        else:
            release = services.press_release_publish(
                actor=request.actor,
                release=release,
                where=data["where"],
                when=data["when"],
                link=data["link"],
            )
        release.refresh_from_db()
        return Response(s.PressReleaseSerializer(release).data)


class PressReleaseVersionsView(ApiView):
    @extend_schema(
        tags=[PRESS_TAG],
        summary="Các phiên bản của thông cáo, kèm phần khác nhau giữa hai phiên bản liền kề",
        responses={200: s.VersionSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request, pk: int):
        release = _release(request, pk)
        versions = selectors.versions(release, ["title", "body"], "version_author")
        return Response(s.VersionSerializer(versions, many=True).data)


class ConferencesView(ApiView):
    @extend_schema(
        tags=[PRESS_TAG],
        summary="Ghi nhận một cuộc họp báo",
        request=s.ConferenceInputSerializer,
        responses={201: s.ConferenceSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        incident, _ = _case(request, pk)
        data = parse_body(s.ConferenceInputSerializer, request)
        conference = services.press_conference_record(
            actor=request.actor, incident=incident, data=services.ConferenceData(**data)
        )
        return Response(s.ConferenceSerializer(conference).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=[PRESS_TAG],
        summary="Các cuộc họp báo của vụ việc",
        responses={200: s.ConferenceSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request, pk: int):
        incident, _ = _case(request, pk)
        conferences = incident.press_conferences.select_related("spokesperson")
        return Response(s.ConferenceSerializer(conferences, many=True).data)


class SitrepActionView(ApiView):
    @extend_schema(
        tags=[CASES_TAG],
        summary="Duyệt (lãnh đạo Ban) hoặc gửi tổ công tác một báo cáo tình hình",
        request=s.SitrepActionSerializer,
        responses={200: s.SituationReportSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        report = get_visible_or_404(
            SituationReport.objects.select_related("incident__board"), request.actor, pk=pk
        )
        _case(request, report.incident_id)
        data = parse_body(s.SitrepActionSerializer, request)
        if data["action"] == "approve":
            services.situation_report_approve(actor=request.actor, report=report)
        else:
            services.situation_report_publish(actor=request.actor, report=report)
        report.refresh_from_db()
        return Response(s.SituationReportSerializer(report).data)


class MemberView(ApiView):
    @extend_schema(
        tags=[CASES_TAG],
        summary="Cho một thành viên rời tổ công tác",
        request=None,
        responses={204: None, **WRITE_ERRORS},
    )
    def delete(self, request, pk: int):
        member = get_visible_or_404(
            WorkingGroupMember.objects.select_related("incident"), request.actor, pk=pk
        )
        _case(request, member.incident_id)
        services.working_group_remove_member(actor=request.actor, member=member)
        return Response(status=status.HTTP_204_NO_CONTENT)
