"""API v1 for organisations: the bodies the actor sees, one level of the tree, one body with its
focal point and lineage, and the administrative units. Like every API view, these read through
the same selectors and scoping as the web pages (ARCHITECTURE.md, rules 1–3)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from phoihop.core.actor import Actor
from phoihop.core.scoping import get_visible_or_404
from phoihop.organisations import policies, selectors
from phoihop.organisations.models import AdminUnit, Organisation

from ..base import ApiView, ListApiView, parse_query, with_tiebreak
from ..errors import error_responses
from . import serializers as s

ORG = "Cơ quan"
REFERENCE = "Danh mục"


# --- Organisations ---------------------------------------------------------------------------


@extend_schema(
    tags=[ORG],
    summary="Danh sách cơ quan được xem",
    description="Chỉ gồm cơ quan thuộc phạm vi người dùng được xem, có phân trang.",
    parameters=[s.OrganisationFilterSerializer],
    responses={200: s.OrganisationSerializer(many=True), **error_responses(400, 401, 403)},
)
class OrganisationListView(ListApiView):
    serializer_class = s.OrganisationSerializer

    def get_queryset(self) -> QuerySet[Organisation]:
        actor = self.request.actor
        params = parse_query(s.OrganisationFilterSerializer, self.request)
        if params["q"].strip():
            bodies = with_tiebreak(selectors.organisation_search(actor=actor, query=params["q"]))
        else:
            bodies = Organisation.objects.visible_to(actor).select_related("admin_unit")
        if "kind" in params:
            bodies = bodies.filter(kind=params["kind"])
        if "province" in params:
            bodies = bodies.filter(province_id=params["province"])
        today = timezone.localdate()
        if params["active"] is True:
            bodies = bodies.active_on(today)
        elif params["active"] is False:
            bodies = bodies.exclude(pk__in=Organisation.objects.all().active_on(today).values("pk"))
        return bodies


def _top_nodes(actor: Actor) -> QuerySet[Organisation]:
    """The highest bodies the actor sees: the roots of each subtree their roles open."""
    visible = Organisation.objects.visible_to(actor)
    if actor.sees_everything:
        return visible.filter(depth=1)
    return visible.filter(path__in=actor.scope_paths).order_by("valid_to", "path")


class OrganisationTreeView(ApiView):
    @extend_schema(
        tags=[ORG],
        summary="Một tầng của cây cơ quan",
        description="Các cơ quan trực thuộc `parent` mà người dùng được xem; không có `parent` "
        "thì trả về các nút cao nhất người dùng được xem.",
        parameters=[s.TreeFilterSerializer],
        responses={200: s.TreeNodeSerializer(many=True), **error_responses(400, 401, 403, 404)},
    )
    def get(self, request):
        params = parse_query(s.TreeFilterSerializer, request)
        if "parent" in params:
            parent = get_visible_or_404(Organisation, request.actor, pk=params["parent"])
            nodes = selectors.children_of(actor=request.actor, organisation=parent)
        else:
            nodes = _top_nodes(request.actor)
        return Response(s.TreeNodeSerializer(nodes, many=True).data)


class OrganisationDetailView(ApiView):
    @extend_schema(
        tags=[ORG],
        summary="Chi tiết một cơ quan",
        description="Kèm địa bàn, đầu mối phối hợp, quan hệ kế thừa (hợp nhất, chia tách) và "
        "các thao tác người dùng được phép.",
        responses={200: s.OrganisationDetailSerializer, **error_responses(401, 403, 404)},
    )
    def get(self, request, pk: int):
        actor = request.actor
        organisation = get_visible_or_404(Organisation, actor, pk=pk)
        predecessors, successors = selectors.lineage_of(organisation)
        context = {
            "ancestors": selectors.visible_ancestors(actor=actor, organisation=organisation),
            "focal_point": selectors.focal_point_of(actor=actor, organisation=organisation),
            "lineage": {"predecessors": predecessors, "successors": successors},
            "permissions": {
                "can_manage": organisation.valid_to is None
                and policies.can_manage(actor, organisation),
                "can_set_focal_point": policies.can_set_focal_point(actor, organisation),
            },
        }
        return Response(s.OrganisationDetailSerializer(organisation, context=context).data)


# --- Reference data --------------------------------------------------------------------------


@extend_schema(
    tags=[REFERENCE],
    summary="Danh mục đơn vị hành chính (tỉnh, xã, phường, đặc khu)",
    description="Danh mục dùng chung: mọi người dùng đã đăng nhập đều xem được toàn bộ.",
    parameters=[s.AdminUnitFilterSerializer],
    responses={200: s.AdminUnitSerializer(many=True), **error_responses(400, 401, 403)},
)
class AdminUnitListView(ListApiView):
    """Public reference data: every signed-in user sees all of it, no scoping."""

    serializer_class = s.AdminUnitSerializer

    def get_queryset(self) -> QuerySet[AdminUnit]:
        params = parse_query(s.AdminUnitFilterSerializer, self.request)
        if params["q"].strip():
            units = with_tiebreak(selectors.admin_unit_search(query=params["q"]))
        else:
            units = AdminUnit.objects.select_related("parent").order_by("level", "code")
        if "parent" in params:
            units = units.filter(parent_id=params["parent"])
        if "level" in params:
            units = units.filter(level=params["level"])
        return units
