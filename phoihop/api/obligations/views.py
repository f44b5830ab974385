"""API v1 for obligations: the signed-in person's open obligations across every capability."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema

from phoihop.obligations import selectors
from phoihop.obligations.models import Obligation

from ..base import ListApiView, parse_query
from ..errors import error_responses
from . import serializers as s

OBLIGATIONS = "Việc cần làm"


class MyObligationsView(ListApiView):
    serializer_class = s.ObligationSerializer

    def get_queryset(self) -> QuerySet[Obligation]:
        params = parse_query(s.ObligationFilterSerializer, self.request)
        filters = selectors.ObligationFilter(
            capability=params.get("capability", ""),
            organisation_id=params.get("organisation"),
            waiting=params["waiting"],
        )
        return selectors.listed(actor=self.request.actor, filters=filters).select_related(
            "organisation"
        )

    def get_serializer_context(self) -> dict:
        now = timezone.now()
        return {
            **super().get_serializer_context(),
            "now": now,
            "week_end": selectors.end_of_week(now),
        }

    @extend_schema(
        tags=[OBLIGATIONS],
        summary="Việc của tôi",
        description="Việc đang chờ tôi hoặc cơ quan của tôi thực hiện ở mọi lĩnh vực, hạn gần "
        "nhất trước (quá hạn lên đầu); mỗi dòng có nhóm `overdue` (quá hạn), `week` (đến hạn "
        "trong tuần này) hoặc `later` (sau tuần này). `waiting=true`: việc do tôi giao đang "
        "chờ cơ quan khác. Lọc theo lĩnh vực và cơ quan thực hiện; có phân trang.",
        parameters=[s.ObligationFilterSerializer],
        responses={200: s.ObligationSerializer(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
