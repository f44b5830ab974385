"""API v1 for coordination programmes (PRG): programmes and their parties, annual plans, tasks and
outputs. Each view fetches what the actor may see (`get_visible_or_404`: an outsider gets 404)
and calls one service or selector; services answer 403 (`PolicyDenied`) or 400 themselves."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from phoihop.core.scoping import get_visible_or_404
from phoihop.organisations.models import FocalPoint
from phoihop.programmes import policies, selectors, services
from phoihop.programmes.models import AnnualPlan, Programme, ProgrammeParty, Task

from ..base import ApiView, ListApiView, as_dataclass, parse_body, parse_query, with_tiebreak
from ..errors import error_responses
from . import serializers as s

PROGRAMMES = "Chương trình phối hợp"
PLANS = "Kế hoạch năm"
TASKS = "Nhiệm vụ"

READ_ERRORS = error_responses(401, 403, 404)
WRITE_ERRORS = error_responses(400, 401, 403, 404)


# --- Fetching and answering --------------------------------------------------------------------


def _programme(request, pk: int) -> Programme:
    return get_visible_or_404(
        Programme.objects.select_related("board", "regime", "successor"), request.actor, pk=pk
    )


def _party(request, pk: int) -> ProgrammeParty:
    return get_visible_or_404(
        ProgrammeParty.objects.select_related("programme__board", "organisation"),
        request.actor,
        pk=pk,
    )


def _plan(request, pk: int) -> AnnualPlan:
    return get_visible_or_404(
        AnnualPlan.objects.select_related("programme__board", "programme__regime"),
        request.actor,
        pk=pk,
    )


def _task(request, pk: int) -> Task:
    return get_visible_or_404(
        Task.objects.select_related("plan__programme__board", "plan__programme__regime", "lead"),
        request.actor,
        pk=pk,
    )


def _with_focal_points(organisation_ids: list[int]) -> set[int]:
    """Which of these bodies have named their focal points (a condition for coming into force)."""
    return set(
        FocalPoint.objects.filter(organisation_id__in=organisation_ids).values_list(
            "organisation_id", flat=True
        )
    )


def programme_response(request, programme: Programme, code: int = status.HTTP_200_OK):
    actor = request.actor
    parties = list(programme.parties.select_related("organisation"))
    context = {
        "parties": parties,
        "focal_points": _with_focal_points([p.organisation_id for p in parties]),
        "plans": selectors.plan_summaries(programme),
        "progress": selectors.progress_of(Task.objects.filter(plan__programme=programme)),
        "actions": services.programme_actions(actor, programme),
        "permissions": {
            "can_edit": policies.can_edit_programme(actor, programme),
            "can_decide": policies.can_decide_programme(actor, programme),
            "can_manage_plans": policies.can_manage_plans(actor, programme),
        },
    }
    return Response(s.ProgrammeDetailSerializer(programme, context=context).data, status=code)


def party_response(party: ProgrammeParty, code: int = status.HTTP_200_OK):
    context = {"focal_points": _with_focal_points([party.organisation_id])}
    return Response(s.PartySerializer(party, context=context).data, status=code)


def plan_response(request, plan: AnnualPlan, code: int = status.HTTP_200_OK):
    context = {
        "today": selectors.today(),
        "columns": selectors.plan_board(plan),
        "progress": selectors.progress_of(plan.tasks.all()),
        "permissions": {"can_manage": policies.can_manage_plans(request.actor, plan.programme)},
    }
    return Response(s.PlanDetailSerializer(plan, context=context).data, status=code)


def task_response(request, task: Task, code: int = status.HTTP_200_OK):
    actor, programme = request.actor, task.plan.programme
    assignments = list(task.assignments.select_related("organisation"))
    cooperating = frozenset(a.organisation_id for a in assignments)
    context = {
        "today": selectors.today(),
        "assignments": assignments,
        "outputs": task.outputs.select_related("organisation"),
        "actions": services.task_actions(actor, task, programme, cooperating),
        "permissions": {
            "can_report": policies.can_report_on_task(actor, task, programme, cooperating),
            "can_steer": policies.can_steer_task(actor, programme)
            and task.state in Task.OPEN_STATES,
        },
    }
    return Response(s.TaskDetailSerializer(task, context=context).data, status=code)


# --- Programmes --------------------------------------------------------------------------------


class ProgrammeListView(ListApiView):
    serializer_class = s.ProgrammeSerializer

    def get_queryset(self) -> QuerySet[Programme]:
        params = parse_query(s.ProgrammeFilterSerializer, self.request)
        filters = selectors.ProgrammeFilter(
            query=params["q"].strip(),
            state=params.get("state", ""),
            party_id=params.get("party"),
            content_item_id=params.get("content_item"),
            year=params.get("year"),
        )
        return with_tiebreak(selectors.programme_list(actor=self.request.actor, filters=filters))

    @extend_schema(
        tags=[PROGRAMMES],
        summary="Danh sách chương trình phối hợp được xem",
        description="Chương trình có bên ký kết thuộc phạm vi người dùng (hoặc do cơ quan cấp "
        "trên của người dùng ký), kèm tiến độ chung; có phân trang.",
        parameters=[s.ProgrammeFilterSerializer],
        responses={200: s.ProgrammeSerializer(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=[PROGRAMMES],
        summary="Soạn (dự thảo) một chương trình phối hợp",
        description="Chỉ lãnh đạo, chuyên viên của Ban chủ trì. Ban luôn là một bên ký kết; "
        "các cơ quan trong `parties` phải thuộc phạm vi người dùng được xem.",
        request=s.ProgrammeCreateSerializer,
        responses={201: s.ProgrammeDetailSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request):
        data = parse_body(s.ProgrammeCreateSerializer, request)
        programme = services.programme_create(
            actor=request.actor,
            board=data["board"],
            data=as_dataclass(services.ProgrammeData, data),
            parties=data["parties"],
            content_items=data.get("content_items"),
        )
        return programme_response(request, programme, status.HTTP_201_CREATED)


class ProgrammeDetailView(ApiView):
    @extend_schema(
        tags=[PROGRAMMES],
        summary="Chi tiết một chương trình phối hợp",
        description="Kèm các bên ký kết (thông tin ký, đã cử đầu mối chưa), các kế hoạch năm với "
        "tiến độ, và các thao tác người dùng được phép lúc này.",
        responses={200: s.ProgrammeDetailSerializer, **READ_ERRORS},
    )
    def get(self, request, pk: int):
        return programme_response(request, _programme(request, pk))

    @extend_schema(
        tags=[PROGRAMMES],
        summary="Sửa nội dung chương trình",
        description="Chỉ Ban chủ trì, khi chương trình chưa ký kết. Chỉ gửi các trường cần sửa.",
        request=s.ProgrammeEditSerializer,
        responses={200: s.ProgrammeDetailSerializer, **WRITE_ERRORS},
    )
    def patch(self, request, pk: int):
        programme = _programme(request, pk)
        data = parse_body(s.ProgrammeEditSerializer, request, partial=True, programme=programme)
        content_items = data.pop("content_items", None)
        services.programme_update(
            actor=request.actor, programme=programme, content_items=content_items, **data
        )
        return programme_response(request, programme)


class ProgrammeActionView(ApiView):
    @extend_schema(
        tags=[PROGRAMMES],
        summary="Chuyển chương trình sang bước tiếp theo",
        description="Gửi lấy ý kiến, trả lại dự thảo, thống nhất, ghi nhận ký kết, đưa vào thực "
        "hiện, sơ kết/tổng kết, kết thúc. Các thao tác được phép có trong `actions` của chi tiết "
        "chương trình.",
        request=s.ProgrammeActionSerializer,
        responses={200: s.ProgrammeDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        programme = _programme(request, pk)
        data = parse_body(s.ProgrammeActionSerializer, request)
        services.programme_advance(actor=request.actor, programme=programme, action=data["action"])
        return programme_response(request, programme)


class ProgrammeSupersedeView(ApiView):
    @extend_schema(
        tags=[PROGRAMMES],
        summary="Ghi nhận chương trình đã được thay thế",
        description="Chỉ lãnh đạo Ban chủ trì; chương trình thay thế phải của cùng Ban.",
        request=s.SupersedeSerializer,
        responses={200: s.ProgrammeDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        programme = _programme(request, pk)
        data = parse_body(s.SupersedeSerializer, request)
        services.programme_supersede(
            actor=request.actor, programme=programme, successor=data["successor"]
        )
        return programme_response(request, programme)


class ProgrammeCancelView(ApiView):
    @extend_schema(
        tags=[PROGRAMMES],
        summary="Hủy chương trình",
        description="Chỉ lãnh đạo Ban chủ trì, khi chương trình chưa kết thúc; cần nêu lý do.",
        request=s.ReasonSerializer,
        responses={200: s.ProgrammeDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        programme = _programme(request, pk)
        data = parse_body(s.ReasonSerializer, request)
        services.programme_cancel(actor=request.actor, programme=programme, reason=data["reason"])
        return programme_response(request, programme)


# --- Parties -----------------------------------------------------------------------------------


class ProgrammePartiesView(ApiView):
    @extend_schema(
        tags=[PROGRAMMES],
        summary="Thêm một bên ký kết",
        description="Chỉ Ban chủ trì, khi chương trình chưa ký kết.",
        request=s.PartyAddSerializer,
        responses={201: s.PartySerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        programme = _programme(request, pk)
        data = parse_body(s.PartyAddSerializer, request)
        party = services.party_add(
            actor=request.actor, programme=programme, organisation=data["organisation"]
        )
        return party_response(party, status.HTTP_201_CREATED)


class PartyView(ApiView):
    @extend_schema(
        tags=[PROGRAMMES],
        summary="Một bên ký kết và thông tin ký",
        responses={200: s.PartySerializer, **READ_ERRORS},
    )
    def get(self, request, pk: int):
        return party_response(_party(request, pk))

    @extend_schema(
        tags=[PROGRAMMES],
        summary="Ghi thông tin ký của một bên",
        description="Số, ngày văn bản, người ký và chức vụ của bên ký kết. Chỉ Ban chủ trì, khi "
        "chương trình chưa ký kết. Chỉ gửi các trường cần sửa.",
        request=s.PartyUpdateSerializer,
        responses={200: s.PartySerializer, **WRITE_ERRORS},
    )
    def patch(self, request, pk: int):
        party = _party(request, pk)
        data = parse_body(s.PartyUpdateSerializer, request, partial=True)
        services.party_update(actor=request.actor, party=party, **data)
        return party_response(party)

    @extend_schema(
        tags=[PROGRAMMES],
        summary="Bỏ một bên ký kết",
        description="Không bỏ được Ban chủ trì; chương trình phải còn ít nhất hai bên.",
        responses={204: OpenApiResponse(description="Đã bỏ."), **WRITE_ERRORS},
    )
    def delete(self, request, pk: int):
        services.party_remove(actor=request.actor, party=_party(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Plans -------------------------------------------------------------------------------------


class ProgrammePlansView(ApiView):
    @extend_schema(
        tags=[PLANS],
        summary="Lập kế hoạch năm",
        description="Chỉ Ban chủ trì, khi chương trình đã ký kết; năm phải trong thời gian "
        "của chương trình.",
        request=s.PlanCreateSerializer,
        responses={201: s.PlanDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        programme = _programme(request, pk)
        data = parse_body(s.PlanCreateSerializer, request)
        plan = services.plan_create(actor=request.actor, programme=programme, year=data["year"])
        return plan_response(request, plan, status.HTTP_201_CREATED)


class PlanDetailView(ApiView):
    @extend_schema(
        tags=[PLANS],
        summary="Kế hoạch năm và các nhiệm vụ theo cột trạng thái",
        responses={200: s.PlanDetailSerializer, **READ_ERRORS},
    )
    def get(self, request, pk: int):
        return plan_response(request, _plan(request, pk))


class PlanTasksView(ApiView):
    @extend_schema(
        tags=[TASKS],
        summary="Thêm nhiệm vụ vào kế hoạch năm",
        description="Chỉ Ban chủ trì. Thời hạn là `due` (một ngày) hoặc `due_in_working_days` "
        "(số ngày làm việc kể từ hôm nay), trong năm của kế hoạch; đơn vị chủ trì, phối hợp là "
        "bên ký kết hoặc trực thuộc bên ký kết.",
        request=s.TaskCreateSerializer,
        responses={201: s.TaskDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        plan = _plan(request, pk)
        data = parse_body(s.TaskCreateSerializer, request)
        task = services.task_create(
            actor=request.actor,
            plan=plan,
            data=as_dataclass(services.TaskData, data),
            content_items=data["content_items"],
            cooperating=data["cooperating"],
        )
        return task_response(request, task, status.HTTP_201_CREATED)


# --- Tasks -------------------------------------------------------------------------------------


class TaskListView(ListApiView):
    serializer_class = s.TaskSerializer

    def get_queryset(self) -> QuerySet[Task]:
        actor = self.request.actor
        params = parse_query(s.TaskFilterSerializer, self.request)
        if params["all"]:
            tasks = (
                Task.objects.visible_to(actor)
                .select_related("lead", "plan__programme")
                .order_by("due", "pk")
            )
        else:
            tasks = selectors.my_work(actor=actor)
        if "state" in params:
            tasks = tasks.filter(state=params["state"])
        return tasks

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "today": selectors.today()}

    @extend_schema(
        tags=[TASKS],
        summary="Việc của tôi",
        description="Nhiệm vụ còn mở do cơ quan của người dùng chủ trì hoặc phối hợp (cán bộ Ban: "
        "cả nhiệm vụ của các chương trình Ban chủ trì), quá hạn trước rồi theo thời hạn. "
        "`all=true`: mọi nhiệm vụ người dùng được xem, theo thời hạn.",
        parameters=[s.TaskFilterSerializer],
        responses={200: s.TaskSerializer(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class TaskDetailView(ApiView):
    @extend_schema(
        tags=[TASKS],
        summary="Chi tiết một nhiệm vụ",
        description="Kèm phân công phối hợp, sản phẩm và các thao tác người dùng được phép.",
        responses={200: s.TaskDetailSerializer, **READ_ERRORS},
    )
    def get(self, request, pk: int):
        return task_response(request, _task(request, pk))


class TaskActionView(ApiView):
    @extend_schema(
        tags=[TASKS],
        summary="Chuyển trạng thái nhiệm vụ",
        description="Ban: thống nhất, giao, xác nhận hoàn thành, yêu cầu làm tiếp. Đơn vị chủ "
        "trì, phối hợp hoặc Ban: bắt đầu thực hiện, báo cáo hoàn thành.",
        request=s.TaskActionSerializer,
        responses={200: s.TaskDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        task = _task(request, pk)
        data = parse_body(s.TaskActionSerializer, request)
        services.task_advance(actor=request.actor, task=task, action=data["action"])
        return task_response(request, task)


class TaskProgressView(ApiView):
    @extend_schema(
        tags=[TASKS],
        summary="Cập nhật tiến độ nhiệm vụ",
        request=s.ProgressSerializer,
        responses={200: s.TaskDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        task = _task(request, pk)
        data = parse_body(s.ProgressSerializer, request)
        services.task_update_progress(actor=request.actor, task=task, progress=data["progress"])
        return task_response(request, task)


class TaskDeferView(ApiView):
    @extend_schema(
        tags=[TASKS],
        summary="Lùi thời hạn nhiệm vụ",
        description="Chỉ Ban chủ trì; thời hạn mới sau thời hạn cũ, trong năm của kế hoạch.",
        request=s.DeferSerializer,
        responses={200: s.TaskDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        task = _task(request, pk)
        data = parse_body(s.DeferSerializer, request)
        services.task_defer(actor=request.actor, task=task, **data)
        return task_response(request, task)


class TaskCancelView(ApiView):
    @extend_schema(
        tags=[TASKS],
        summary="Hủy nhiệm vụ",
        description="Chỉ Ban chủ trì, khi nhiệm vụ còn mở; cần nêu lý do.",
        request=s.ReasonSerializer,
        responses={200: s.TaskDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        task = _task(request, pk)
        data = parse_body(s.ReasonSerializer, request)
        services.task_cancel(actor=request.actor, task=task, reason=data["reason"])
        return task_response(request, task)


class TaskCarryOverView(ApiView):
    @extend_schema(
        tags=[TASKS],
        summary="Chuyển nhiệm vụ sang kế hoạch năm sau",
        description="Chỉ Ban chủ trì. Nhiệm vụ năm nay đóng lại; trả về nhiệm vụ mới trong kế "
        "hoạch năm sau (lập kế hoạch đó nếu chưa có).",
        request=None,
        responses={201: s.TaskDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        successor = services.task_carry_over(actor=request.actor, task=_task(request, pk))
        return task_response(request, successor, status.HTTP_201_CREATED)


class TaskOutputsView(ApiView):
    @extend_schema(
        tags=[TASKS],
        summary="Ghi nhận sản phẩm, kết quả của nhiệm vụ",
        description="Đơn vị chủ trì, phối hợp hoặc Ban; đơn vị thực hiện là đơn vị chủ trì, "
        "phối hợp hoặc Ban chủ trì.",
        request=s.OutputCreateSerializer,
        responses={201: s.OutputSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        task = _task(request, pk)
        data = parse_body(s.OutputCreateSerializer, request)
        output = services.output_add(actor=request.actor, task=task, **data)
        return Response(s.OutputSerializer(output).data, status=status.HTTP_201_CREATED)
