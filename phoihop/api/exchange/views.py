"""API v1 for information exchange (XCH): the acting body's outbox and inbox, a dispatch with
each recipient's state, and the actions (send, re-send, acknowledge, reply, forward). Each view
fetches what the actor may see (`get_visible_or_404`: an outsider gets 404) and calls one service
or selector; services answer 403 (`PolicyDenied`) or 400 themselves."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from phoihop.core.exceptions import ensure
from phoihop.core.scoping import get_visible_or_404
from phoihop.exchange import policies, selectors, services
from phoihop.exchange.models import Dispatch, DispatchRecipient

from ..base import ApiView, ListApiView, as_dataclass, parse_body, parse_query
from ..errors import error_responses
from . import serializers as s

DISPATCHES = "Công văn, trao đổi thông tin"
READ_ERRORS = error_responses(401, 403, 404)
WRITE_ERRORS = error_responses(400, 401, 403, 404)


def _dispatch(request, pk: int) -> Dispatch:
    return get_visible_or_404(Dispatch.objects.select_related("issuer"), request.actor, pk=pk)


def _recipient(request, pk: int) -> DispatchRecipient:
    return get_visible_or_404(
        DispatchRecipient.objects.select_related("dispatch__issuer", "organisation"),
        request.actor,
        pk=pk,
    )


def dispatch_response(request, dispatch: Dispatch, code: int = status.HTTP_200_OK):
    page = selectors.dispatch_page(actor=request.actor, dispatch=dispatch)
    return Response(s.DispatchDetailSerializer(dispatch, context={"page": page}).data, status=code)


def _filters(request) -> selectors.DispatchFilter:
    params = parse_query(s.DispatchFilterSerializer, request)
    return selectors.DispatchFilter(
        query=params["q"].strip(),
        kind=params.get("kind", ""),
        state=params.get("state", ""),
        urgency=params.get("urgency", ""),
        date_from=params.get("date_from"),
        date_to=params.get("date_to"),
    )


class DispatchListView(ListApiView):
    serializer_class = s.DispatchSerializer

    def get_queryset(self) -> QuerySet[Dispatch]:
        body = selectors.acting_body(self.request.actor)
        filters = _filters(self.request)
        if body is None:
            return Dispatch.objects.none()
        return selectors.outbox(actor=self.request.actor, body=body, filters=filters)

    @extend_schema(
        tags=[DISPATCHES],
        summary="Công văn đi của cơ quan đang làm việc",
        description="Dự thảo trước, rồi công văn đã gửi mới nhất; lọc theo loại, độ khẩn, trạng "
        "thái, thời gian và từ khóa (gõ không dấu được); có phân trang.",
        parameters=[s.DispatchFilterSerializer],
        responses={200: s.DispatchSerializer(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=[DISPATCHES],
        summary="Soạn dự thảo công văn của cơ quan đang làm việc",
        description="Chỉ cán bộ của cơ quan ban hành. Số do hệ thống cấp khi gửi (`system`) hoặc "
        "nhập theo sổ văn bản của cơ quan (`mirrored`); hạn trả lời mặc định theo quy chế.",
        request=s.DispatchCreateSerializer,
        responses={201: s.DispatchDetailSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request):
        issuer = selectors.acting_body(request.actor)
        ensure(issuer is not None, "Bạn chưa có vai trò tại cơ quan nào.")
        data = parse_body(s.DispatchCreateSerializer, request)
        dispatch = services.dispatch_create(
            actor=request.actor, issuer=issuer, data=as_dataclass(services.DispatchData, data)
        )
        return dispatch_response(request, dispatch, status.HTTP_201_CREATED)


class InboxView(ListApiView):
    serializer_class = s.InboxItemSerializer

    def get_queryset(self) -> QuerySet[DispatchRecipient]:
        body = selectors.acting_body(self.request.actor)
        filters = _filters(self.request)
        if body is None:
            return DispatchRecipient.objects.none()
        return selectors.inbox(actor=self.request.actor, body=body, filters=filters)

    @extend_schema(
        tags=[DISPATCHES],
        summary="Công văn đến của cơ quan đang làm việc",
        description="Mỗi dòng là trạng thái tại cơ quan mình (đã đến, đã xem, đã tiếp nhận, đã "
        "chuyển) kèm công văn; mới nhất trước; có phân trang.",
        parameters=[s.DispatchFilterSerializer],
        responses={200: s.InboxItemSerializer(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class DispatchDetailView(ApiView):
    @extend_schema(
        tags=[DISPATCHES],
        summary="Chi tiết công văn và trạng thái từng nơi nhận",
        description="Kèm luồng trả lời và các thao tác người dùng được phép lúc này. Không tự "
        "đánh dấu «đã xem»: trang web làm việc đó khi cán bộ nơi nhận mở công văn.",
        responses={200: s.DispatchDetailSerializer, **READ_ERRORS},
    )
    def get(self, request, pk: int):
        return dispatch_response(request, _dispatch(request, pk))


class DispatchSendView(ApiView):
    @extend_schema(
        tags=[DISPATCHES],
        summary="Gửi dự thảo",
        description="Cấp số (nếu hệ thống cấp), tạo một dòng cho mỗi nơi nhận; nơi không nhận "
        "được (cơ quan đã sáp nhập, chưa có người dùng) là `failed` kèm lý do.",
        request=None,
        responses={200: s.DispatchDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        dispatch = _dispatch(request, pk)
        services.dispatch_send(actor=request.actor, dispatch=dispatch)
        dispatch.refresh_from_db()
        return dispatch_response(request, dispatch)


class DispatchResendView(ApiView):
    @extend_schema(
        tags=[DISPATCHES],
        summary="Gửi lại cho các nơi chưa nhận được",
        request=None,
        responses={200: s.DispatchDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        dispatch = _dispatch(request, pk)
        services.dispatch_resend(actor=request.actor, dispatch=dispatch)
        dispatch.refresh_from_db()
        return dispatch_response(request, dispatch)


class DispatchRecipientsView(ApiView):
    @extend_schema(
        tags=[DISPATCHES],
        summary="Trạng thái từng nơi nhận",
        responses={200: s.RecipientSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request, pk: int):
        dispatch = _dispatch(request, pk)
        page = selectors.dispatch_page(actor=request.actor, dispatch=dispatch)
        return Response(s.RecipientSerializer(page.recipients, many=True).data)


class DispatchReplyView(ApiView):
    @extend_schema(
        tags=[DISPATCHES],
        summary="Trả lời công văn",
        description="Chỉ cơ quan nhận công văn. Văn bản trả lời là một công văn mới của cơ quan "
        "mình gửi cơ quan ban hành, nối vào luồng; trả lời cũng là tiếp nhận.",
        request=s.ReplySerializer,
        responses={201: s.DispatchDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        dispatch = _dispatch(request, pk)
        data = parse_body(s.ReplySerializer, request)
        reply = services.dispatch_reply(
            actor=request.actor,
            dispatch=dispatch,
            data=as_dataclass(services.DispatchData, data),
        )
        return dispatch_response(request, reply, status.HTTP_201_CREATED)


class RecipientAcknowledgeView(ApiView):
    @extend_schema(
        tags=[DISPATCHES],
        summary="Tiếp nhận công văn (cơ quan nhận)",
        description="Tiếp nhận lần thứ hai là lỗi 400 với thông báo rõ; không thay đổi gì.",
        request=None,
        responses={200: s.RecipientSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        recipient = services.recipient_acknowledge(
            actor=request.actor, recipient=_recipient(request, pk)
        )
        return Response(s.RecipientSerializer(recipient).data)


class RecipientForwardView(ApiView):
    @extend_schema(
        tags=[DISPATCHES],
        summary="Chuyển công văn đến cơ quan có thẩm quyền",
        description="Cần nêu lý do; tạo một nơi nhận mới nối với nơi đã chuyển.",
        request=s.ForwardSerializer,
        responses={201: s.RecipientSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        recipient = _recipient(request, pk)
        ensure(
            policies.acts_for(request.actor, recipient.organisation_id),
            "Chỉ cán bộ của cơ quan nhận được chuyển công văn.",
        )
        data = parse_body(s.ForwardSerializer, request)
        row = services.recipient_forward(
            actor=request.actor, recipient=recipient, to=data["to"], reason=data["reason"]
        )
        return Response(s.RecipientSerializer(row).data, status=status.HTTP_201_CREATED)
