"""API v1 for reporting (RPT): report requests, submissions, review, completeness and the
consolidated report. Each view fetches what the actor may see (`get_visible_or_404`: an outsider
gets 404) and calls one service or selector; services answer 403 or 400 themselves."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response

from phoihop.core.exceptions import PolicyDenied, ensure, invalid
from phoihop.core.params import query_number
from phoihop.core.scoping import get_visible_or_404
from phoihop.organisations.models import Organisation
from phoihop.programmes import services as programme_services
from phoihop.reports import policies, selectors, services
from phoihop.reports.models import (
    Award,
    Consolidation,
    EvaluationCriterion,
    ReportRequest,
    ReportSubmission,
    ReportTemplate,
    ReviewConference,
)

from ..base import ApiView, ListApiView, parse_body, parse_query, with_tiebreak
from ..errors import error_responses
from . import serializers as s

REPORTS = "Báo cáo"
READ_ERRORS = error_responses(401, 403, 404)
WRITE_ERRORS = error_responses(400, 401, 403, 404)
REQUESTS = ReportRequest.objects.select_related("board", "regime", "template")
SUBMISSIONS = ReportSubmission.objects.select_related(
    "request__board", "request__regime", "request__template", "organisation"
)


def _request(request, pk: int) -> ReportRequest:
    return get_visible_or_404(REQUESTS, request.actor, pk=pk)


def _submission(request, pk: int) -> ReportSubmission:
    return get_visible_or_404(SUBMISSIONS, request.actor, pk=pk)


def submission_response(submission, code=status.HTTP_200_OK):
    context = {"today": timezone.localdate()}
    return Response(s.ReportSubmissionSerializer(submission, context=context).data, status=code)


class ReportRequestListView(ListApiView):
    serializer_class = s.ReportRequestSerializer

    def get_queryset(self) -> QuerySet[ReportRequest]:
        return with_tiebreak(selectors.request_list(actor=self.request.actor))

    @extend_schema(
        tags=[REPORTS],
        summary="Danh sách yêu cầu báo cáo được xem",
        description="Yêu cầu của Ban thuộc phạm vi người dùng và yêu cầu gửi tới cơ quan của "
        "người dùng; có phân trang.",
        responses={200: s.ReportRequestSerializer(many=True), **error_responses(401, 403)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=[REPORTS],
        summary="Dự thảo yêu cầu báo cáo",
        description="Chỉ lãnh đạo, chuyên viên Ban. Hạn nộp mặc định theo quy chế (số ngày làm "
        "việc sau ngày công văn); cơ quan nhận phải thuộc phạm vi của Ban.",
        request=s.ReportRequestCreateSerializer,
        responses={201: s.ReportRequestSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request):
        data = parse_body(s.ReportRequestCreateSerializer, request)
        report_request = services.report_request_create(
            actor=request.actor,
            board=data["board"],
            data=services.RequestData(
                **{k: data[k] for k in services.RequestData.__dataclass_fields__}
            ),
            recipients=data["recipients"],
            kinds=data["kinds"],
        )
        return Response(
            s.ReportRequestSerializer(report_request).data, status=status.HTTP_201_CREATED
        )


class ReportRequestDetailView(ApiView):
    @extend_schema(
        tags=[REPORTS],
        summary="Một yêu cầu báo cáo",
        responses={200: s.ReportRequestSerializer, **READ_ERRORS},
    )
    def get(self, request, pk: int):
        return Response(s.ReportRequestSerializer(_request(request, pk)).data)

    @extend_schema(
        tags=[REPORTS],
        summary="Sửa dự thảo yêu cầu báo cáo",
        description="Chỉ khi còn là dự thảo; kiểm tra như khi soạn.",
        request=s.ReportRequestUpdateSerializer,
        responses={200: s.ReportRequestSerializer, **WRITE_ERRORS},
    )
    def put(self, request, pk: int):
        report_request = _request(request, pk)
        data = parse_body(s.ReportRequestUpdateSerializer, request)
        services.report_request_update(
            actor=request.actor,
            request=report_request,
            data=services.RequestData(
                **{k: data[k] for k in services.RequestData.__dataclass_fields__}
            ),
            recipients=data["recipients"],
            kinds=data["kinds"],
        )
        return Response(s.ReportRequestSerializer(report_request).data)


class ReportRequestIssueView(ApiView):
    @extend_schema(
        tags=[REPORTS],
        summary="Ban hành yêu cầu báo cáo",
        description="Chỉ lãnh đạo Ban; các cơ quan nhận được thông báo.",
        request=None,
        responses={200: s.ReportRequestSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        report_request = _request(request, pk)
        services.report_request_issue(actor=request.actor, request=report_request)
        return Response(s.ReportRequestSerializer(report_request).data)


class ReportRequestCompletenessView(ApiView):
    @extend_schema(
        tags=[REPORTS],
        summary="Tình hình nộp báo cáo của một yêu cầu",
        description="Phải nộp (chỉ cơ quan tồn tại trong kỳ; cơ quan đã sáp nhập vào một cơ "
        "quan cũng được yêu cầu chỉ tính một lần), đúng hạn, trễ hạn, quá hạn chưa nộp.",
        responses={200: s.CompletenessSerializer, **READ_ERRORS},
    )
    def get(self, request, pk: int):
        report_request = _request(request, pk)
        if not request.actor.can_see(report_request.board):
            raise PolicyDenied("Chỉ Ban yêu cầu xem được tình hình nộp báo cáo.")
        result = selectors.completeness(report_request)
        body = {
            "expected": result.expected,
            "delivered": result.delivered,
            **result.counts,
            "rows": [
                {"submission": sub.pk, "organisation": sub.organisation, "status": st}
                for sub, st in result.rows
            ],
        }
        return Response(s.CompletenessSerializer(body).data)


class ReportRequestConsolidateView(ApiView):
    @extend_schema(
        tags=[REPORTS],
        summary="Dự thảo báo cáo tổng hợp",
        description="Từ các báo cáo đã tiếp nhận và số liệu toàn địa bàn; liệt kê cơ quan chưa "
        "báo cáo. Cần ít nhất một báo cáo đã tiếp nhận.",
        request=None,
        responses={201: s.ConsolidationSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        consolidation = services.report_request_consolidate(
            actor=request.actor, request=_request(request, pk)
        )
        return Response(
            s.ConsolidationSerializer(consolidation).data, status=status.HTTP_201_CREATED
        )


def _consolidation(request, pk: int) -> Consolidation:
    """The consolidated report of request `pk`, if the actor sees it."""
    return get_visible_or_404(
        Consolidation.objects.select_related("request__board"), request.actor, request_id=pk
    )


class ConsolidationView(ApiView):
    @extend_schema(
        tags=[REPORTS],
        summary="Báo cáo tổng hợp của một yêu cầu",
        responses={200: s.ConsolidationSerializer, **READ_ERRORS},
    )
    def get(self, request, pk: int):
        return Response(s.ConsolidationSerializer(_consolidation(request, pk)).data)

    @extend_schema(
        tags=[REPORTS],
        summary="Sửa báo cáo tổng hợp trước khi ban hành",
        request=s.ConsolidationUpdateSerializer,
        responses={200: s.ConsolidationSerializer, **WRITE_ERRORS},
    )
    def patch(self, request, pk: int):
        item = _consolidation(request, pk)
        data = parse_body(s.ConsolidationUpdateSerializer, request, partial=True)
        services.consolidation_update(actor=request.actor, consolidation=item, **data)
        return Response(s.ConsolidationSerializer(item).data)


class ConsolidationIssueView(ApiView):
    @extend_schema(
        tags=[REPORTS],
        summary="Ban hành báo cáo tổng hợp",
        description="Chỉ lãnh đạo Ban; cần số, ký hiệu và ngày ký. Yêu cầu báo cáo chuyển sang "
        "«đã kết thúc» và báo cáo tổng hợp không sửa được nữa.",
        request=None,
        responses={200: s.ConsolidationSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        consolidation = _consolidation(request, pk)
        services.consolidation_issue(actor=request.actor, consolidation=consolidation)
        return Response(s.ConsolidationSerializer(consolidation).data)


class CompletenessGridView(ApiView):
    @extend_schema(
        tags=[REPORTS],
        summary="Bảng tình hình nộp báo cáo: cơ quan × các kỳ gần nhất",
        description="Các yêu cầu đã ban hành gần nhất của Ban, cùng quy tắc đếm như tình hình "
        "nộp của từng yêu cầu.",
        parameters=[
            OpenApiParameter("board", int, description="Ban yêu cầu (mặc định: Ban của người dùng)")
        ],
        responses={200: s.CompletenessGridSerializer, **error_responses(400, 401, 403, 404)},
    )
    def get(self, request):
        board = self._board(request)
        grid = selectors.completeness_grid(actor=request.actor, board=board)
        body = {
            "board": board,
            "requests": grid.requests,
            "rows": [{"organisation": body, "cells": cells} for body, cells in grid.rows],
        }
        return Response(s.CompletenessGridSerializer(body).data)

    @staticmethod
    def _board(request) -> Organisation:
        board_id = request.query_params.get("board", "")
        if not board_id:
            boards = selectors.requesting_boards(actor=request.actor)
            ensure(bool(boards), "Chỉ Ban yêu cầu báo cáo xem được bảng tình hình nộp.")
            return boards[0]
        pk = query_number(board_id)
        if pk is None:
            raise invalid("Tham số board phải là mã số của một Ban.", "board")
        return get_visible_or_404(Organisation, request.actor, pk=pk)


class ReportSubmissionListView(ListApiView):
    serializer_class = s.ReportSubmissionSerializer

    def get_queryset(self):
        return with_tiebreak(selectors.my_submissions(actor=self.request.actor))

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    @extend_schema(
        tags=[REPORTS],
        summary="Báo cáo cơ quan tôi phải nộp hoặc đã nộp",
        responses={200: s.ReportSubmissionSerializer(many=True), **error_responses(401, 403)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ReportSubmissionDetailView(ApiView):
    @extend_schema(
        tags=[REPORTS],
        summary="Một báo cáo của cơ quan",
        description="Kèm bảng số liệu điền sẵn và các đoạn có năm, ngày cũ cần rà soát.",
        responses={200: s.ReportSubmissionSerializer, **READ_ERRORS},
    )
    def get(self, request, pk: int):
        return submission_response(_submission(request, pk))

    @extend_schema(
        tags=[REPORTS],
        summary="Sửa nội dung báo cáo (khi đang soạn)",
        request=s.ReportSubmissionUpdateSerializer,
        responses={200: s.ReportSubmissionSerializer, **WRITE_ERRORS},
    )
    def patch(self, request, pk: int):
        submission = _submission(request, pk)
        data = parse_body(s.ReportSubmissionUpdateSerializer, request, partial=True)
        services.report_submission_update(actor=request.actor, submission=submission, **data)
        return submission_response(submission)


class ReportSubmissionActionView(ApiView):
    @extend_schema(
        tags=[REPORTS],
        summary="Chuyển báo cáo sang bước tiếp theo",
        description="Bắt đầu soạn, xác nhận đã rà soát, trình lãnh đạo, sửa tiếp, ghi nhận ký "
        "(số, ngày), gửi Ban; Ban tiếp nhận hoặc trả lại (có lý do).",
        request=s.SubmissionActionSerializer,
        responses={200: s.ReportSubmissionSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        submission = _submission(request, pk)
        data = parse_body(s.SubmissionActionSerializer, request)
        actor, action = request.actor, data["action"]
        if action == "start":
            services.report_submission_start(actor=actor, submission=submission)
        elif action == "acknowledge":
            services.report_submission_acknowledge_stale(actor=actor, submission=submission)
        elif action == "sign":
            services.report_submission_sign(
                actor=actor,
                submission=submission,
                number=data["number"],
                signed_on=data["signed_on"],
            )
        elif action == "submit":
            services.report_submission_submit(actor=actor, submission=submission)
        elif action == "accept":
            services.report_submission_accept(actor=actor, submission=submission)
        elif action == "return":
            services.report_submission_return(
                actor=actor, submission=submission, reason=data["reason"]
            )
        else:
            services.report_submission_advance(actor=actor, submission=submission, action=action)
        return submission_response(submission)


# --- review conferences, awards, evaluations ----------------------------------------------------
REVIEWS = "Sơ kết, tổng kết, khen thưởng"


class ReviewConferenceListView(ListApiView):
    serializer_class = s.ReviewConferenceSerializer

    def get_queryset(self):
        return with_tiebreak(
            ReviewConference.objects.visible_to(self.request.actor)
            .select_related("board")
            .prefetch_related("participants", "conclusions__lead")
        )

    @extend_schema(
        tags=[REVIEWS],
        summary="Hội nghị sơ kết, tổng kết được xem",
        responses={200: s.ReviewConferenceSerializer(many=True), **error_responses(401, 403)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=[REVIEWS],
        summary="Lập kế hoạch hội nghị sơ kết, tổng kết",
        request=s.ReviewConferenceCreateSerializer,
        responses={201: s.ReviewConferenceSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request):
        data = parse_body(s.ReviewConferenceCreateSerializer, request)
        board, participants = data.pop("board"), data.pop("participants")
        conference = services.review_conference_create(
            actor=request.actor,
            board=board,
            data=services.ConferenceData(**data),
            participants=participants,
        )
        return Response(
            s.ReviewConferenceSerializer(conference).data, status=status.HTTP_201_CREATED
        )


class ReviewConferenceDetailView(ApiView):
    @extend_schema(
        tags=[REVIEWS],
        summary="Một hội nghị sơ kết, tổng kết, kèm kết luận",
        responses={200: s.ReviewConferenceSerializer, **READ_ERRORS},
    )
    def get(self, request, pk: int):
        conference = get_visible_or_404(ReviewConference, request.actor, pk=pk)
        return Response(s.ReviewConferenceSerializer(conference).data)


def _conference(request, pk: int) -> ReviewConference:
    return get_visible_or_404(
        ReviewConference.objects.select_related("board"), request.actor, pk=pk
    )


class ReviewConferenceActionView(ApiView):
    @extend_schema(
        tags=[REVIEWS],
        summary="Gửi giấy mời, ghi nhận đã tổ chức, ban hành kết luận",
        description="Ban hành kết luận biến mỗi kết luận thành nhiệm vụ trong kế hoạch năm sau.",
        request=s.ConferenceActionSerializer,
        responses={200: s.ReviewConferenceSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        conference = _conference(request, pk)
        data = parse_body(s.ConferenceActionSerializer, request)
        actor = request.actor
        if data["action"] == "invite":
            services.review_conference_invite(
                actor=actor,
                conference=conference,
                number=data["number"],
                invited_on=data["invited_on"],
            )
        elif data["action"] == "hold":
            services.review_conference_hold(actor=actor, conference=conference)
        else:
            services.review_conference_conclude(
                actor=actor, conference=conference, number=data["number"]
            )
        return Response(s.ReviewConferenceSerializer(conference).data)


class ConclusionCreateView(ApiView):
    @extend_schema(
        tags=[REVIEWS],
        summary="Thêm một kết luận của hội nghị",
        request=s.ConclusionInputSerializer,
        responses={201: s.ConclusionSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        conference = _conference(request, pk)
        data = parse_body(s.ConclusionInputSerializer, request)
        lead = Organisation.objects.visible_to(request.actor).filter(pk=data["lead"]).first()
        if lead is None:
            raise invalid("Không tìm thấy cơ quan chủ trì đã chọn.", "lead")
        conclusion = services.conclusion_add(
            actor=request.actor,
            conference=conference,
            text=data["text"],
            lead=lead,
            due=data["due"],
        )
        return Response(s.ConclusionSerializer(conclusion).data, status=status.HTTP_201_CREATED)


class ConferenceDocumentCreateView(ApiView):
    @extend_schema(
        tags=[REVIEWS],
        summary="Thêm một tài liệu của hội nghị (tên và đường dẫn)",
        request=s.ConferenceDocumentSerializer,
        responses={201: s.ConferenceDocumentSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        conference = _conference(request, pk)
        data = parse_body(s.ConferenceDocumentSerializer, request)
        document = services.conference_document_add(
            actor=request.actor, conference=conference, title=data["title"], link=data["link"]
        )
        return Response(
            s.ConferenceDocumentSerializer(document).data, status=status.HTTP_201_CREATED
        )


class AwardListView(ListApiView):
    serializer_class = s.AwardSerializer

    def get_queryset(self):
        return with_tiebreak(
            Award.objects.visible_to(self.request.actor).select_related("organisation")
        )

    @extend_schema(
        tags=[REVIEWS],
        summary="Khen thưởng được xem",
        responses={200: s.AwardSerializer(many=True), **error_responses(401, 403)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=[REVIEWS],
        summary="Đề nghị khen thưởng một tập thể hoặc cá nhân",
        request=s.AwardCreateSerializer,
        responses={201: s.AwardSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request):
        data = parse_body(s.AwardCreateSerializer, request)
        award = services.award_propose(actor=request.actor, **data)
        return Response(s.AwardSerializer(award).data, status=status.HTTP_201_CREATED)


class AwardActionView(ApiView):
    @extend_schema(
        tags=[REVIEWS],
        summary="Ghi nhận quyết định khen thưởng hoặc việc trao",
        request=s.AwardActionSerializer,
        responses={200: s.AwardSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        award = get_visible_or_404(Award.objects.select_related("board"), request.actor, pk=pk)
        data = parse_body(s.AwardActionSerializer, request)
        if data["action"] == "approve":
            services.award_approve(
                actor=request.actor,
                award=award,
                decision_reference=data["decision_reference"],
                decided_on=data["decided_on"],
            )
        else:
            services.award_present(
                actor=request.actor, award=award, presented_on=data["presented_on"]
            )
        return Response(s.AwardSerializer(award).data)


class EvaluationListView(ApiView):
    @extend_schema(
        tags=[REVIEWS],
        summary="Đánh giá các cơ quan trong phạm vi của Ban cho một kỳ",
        description="Mỗi điểm kèm tử số, mẫu số, trọng số và cách tính; tiêu chí không có số "
        "liệu không tính.",
        parameters=[s.EvaluationQuerySerializer],
        responses={200: s.EvaluationSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request):
        params = parse_query(s.EvaluationQuerySerializer, request)
        if "board" in params:
            board = get_visible_or_404(Organisation, request.actor, pk=params["board"])
        else:
            boards = selectors.requesting_boards(actor=request.actor)
            ensure(bool(boards), "Chỉ lãnh đạo, chuyên viên Ban xem được đánh giá.")
            board = boards[0]
        year = timezone.localdate().year
        start = params.get("start", date(year, 1, 1))
        end = params.get("end", date(year, 12, 31))
        ensure(
            policies.can_request_reports(request.actor, board),
            "Chỉ lãnh đạo, chuyên viên Ban xem được đánh giá.",
        )
        found = selectors.evaluations(board=board, start=start, end=end)
        return Response(s.EvaluationSerializer(found, many=True).data)


# --- configuration: the current regime's report templates and evaluation criteria -------------
CONFIG = "Báo cáo — cấu hình"


def _ensure_reader(request) -> None:
    ensure(
        policies.can_read_configuration(request.actor),
        "Bạn không có quyền xem cấu hình báo cáo.",
    )


class ReportTemplateListView(ListApiView):
    serializer_class = s.ReportTemplateSerializer

    def get_queryset(self) -> QuerySet[ReportTemplate]:
        _ensure_reader(self.request)
        regime = programme_services.current_regime()
        return ReportTemplate.objects.filter(regime=regime).order_by("name", "pk")

    @extend_schema(
        tags=[CONFIG],
        summary="Mẫu báo cáo của quy chế đang áp dụng",
        responses={200: s.ReportTemplateSerializer(many=True), **error_responses(401, 403)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=[CONFIG],
        summary="Thêm mẫu báo cáo",
        description="Chỉ quản trị hệ thống. Chỗ điền {…} phải có trong danh sách cho phép.",
        request=s.ReportTemplateWriteSerializer,
        responses={201: s.ReportTemplateSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request):
        data = parse_body(s.ReportTemplateWriteSerializer, request)
        regime = programme_services.current_regime()
        template = services.template_create(
            actor=request.actor, regime=regime, data=services.TemplateData(**data)
        )
        return Response(s.ReportTemplateSerializer(template).data, status=status.HTTP_201_CREATED)


class ReportTemplateDetailView(ApiView):
    @extend_schema(
        tags=[CONFIG], summary="Một mẫu báo cáo", responses={200: s.ReportTemplateSerializer}
    )
    def get(self, request, pk: int):
        _ensure_reader(request)
        return Response(s.ReportTemplateSerializer(get_object_or_404(ReportTemplate, pk=pk)).data)

    @extend_schema(
        tags=[CONFIG],
        summary="Sửa mẫu báo cáo",
        description="Chỉ quản trị hệ thống; mẫu có chỗ điền hỏng bị từ chối, không lưu gì.",
        request=s.ReportTemplateWriteSerializer,
        responses={200: s.ReportTemplateSerializer, **WRITE_ERRORS},
    )
    def put(self, request, pk: int):
        template = get_object_or_404(ReportTemplate, pk=pk)
        data = parse_body(s.ReportTemplateWriteSerializer, request)
        services.template_update(
            actor=request.actor, template=template, data=services.TemplateData(**data)
        )
        return Response(s.ReportTemplateSerializer(template).data)


class EvaluationCriterionListView(ListApiView):
    serializer_class = s.EvaluationCriterionSerializer

    def get_queryset(self) -> QuerySet[EvaluationCriterion]:
        _ensure_reader(self.request)
        regime = programme_services.current_regime()
        return EvaluationCriterion.objects.filter(regime=regime).order_by("order", "pk")

    @extend_schema(
        tags=[CONFIG],
        summary="Tiêu chí đánh giá của quy chế đang áp dụng",
        description="Danh sách rỗng: đang dùng các tiêu chí mặc định.",
        responses={200: s.EvaluationCriterionSerializer(many=True), **error_responses(401, 403)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=[CONFIG],
        summary="Thêm tiêu chí đánh giá",
        description="Chỉ quản trị hệ thống. Trọng số 0–100; tổng trọng số phải lớn hơn 0.",
        request=s.EvaluationCriterionWriteSerializer,
        responses={201: s.EvaluationCriterionSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request):
        data = parse_body(s.EvaluationCriterionWriteSerializer, request)
        regime = programme_services.current_regime()
        criterion = services.criterion_create(
            actor=request.actor, regime=regime, data=services.CriterionData(**data)
        )
        return Response(
            s.EvaluationCriterionSerializer(criterion).data, status=status.HTTP_201_CREATED
        )


class EvaluationCriterionDetailView(ApiView):
    @extend_schema(
        tags=[CONFIG],
        summary="Một tiêu chí đánh giá",
        responses={200: s.EvaluationCriterionSerializer},
    )
    def get(self, request, pk: int):
        _ensure_reader(request)
        criterion = get_object_or_404(EvaluationCriterion, pk=pk)
        return Response(s.EvaluationCriterionSerializer(criterion).data)

    @extend_schema(
        tags=[CONFIG],
        summary="Sửa tiêu chí đánh giá",
        request=s.EvaluationCriterionWriteSerializer,
        responses={200: s.EvaluationCriterionSerializer, **WRITE_ERRORS},
    )
    def put(self, request, pk: int):
        criterion = get_object_or_404(EvaluationCriterion.objects.select_related("regime"), pk=pk)
        data = parse_body(s.EvaluationCriterionWriteSerializer, request)
        services.criterion_update(
            actor=request.actor, criterion=criterion, data=services.CriterionData(**data)
        )
        return Response(s.EvaluationCriterionSerializer(criterion).data)

    @extend_schema(
        tags=[CONFIG],
        summary="Xóa tiêu chí đánh giá",
        request=None,
        responses={204: None, **WRITE_ERRORS},
    )
    def delete(self, request, pk: int):
        criterion = get_object_or_404(EvaluationCriterion.objects.select_related("regime"), pk=pk)
        services.criterion_delete(actor=request.actor, criterion=criterion)
        return Response(status=status.HTTP_204_NO_CONTENT)
