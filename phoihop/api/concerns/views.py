"""API v1 for issues of public concern (CNC): concerns, their chain and transitions, merges,
suggestions, claims; petitioner contacts only through one dedicated endpoint that logs the
reason of every read. Each view fetches what the actor may see (`get_visible_or_404`: an outsider
gets 404) and calls one service or selector; services answer 403 or 400 themselves."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from phoihop.concerns import contacts, policies, selectors, suggestions
from phoihop.concerns.models import Category, Claim, Concern, PetitionerContact
from phoihop.concerns.selectors import capturing_boards
from phoihop.concerns.services import corrections, merge, recording, taxonomy, transitions
from phoihop.core.exceptions import ensure, invalid
from phoihop.core.scoping import get_visible_or_404
from phoihop.organisations.models import Organisation

from ..base import ApiView, ListApiView, parse_body, parse_query, with_tiebreak
from ..errors import error_responses
from . import serializers as s

CONCERNS = "Vấn đề dư luận quan tâm"
CLAIMS = "Thông tin sai sự thật, cải chính"
READ_ERRORS = error_responses(401, 403, 404)
WRITE_ERRORS = error_responses(400, 401, 403, 404)


def _concern(request, pk: int) -> Concern:
    return get_visible_or_404(
        Concern.objects.select_related("category", "board", "owner", "commune", "council"),
        request.actor,
        pk=pk,
    )


def concern_response(request, concern: Concern, code: int = status.HTTP_200_OK):
    actor = request.actor
    contact_id = None
    if policies.can_see_contact(actor, concern):
        contact_id = (
            PetitionerContact.objects.filter(concern=concern, purged_at__isnull=True)
            .values_list("pk", flat=True)
            .first()
        )
    context = {
        "chain": selectors.chain(concern),
        "actions": transitions.concern_actions(actor, concern),
        "contact_id": contact_id,
    }
    return Response(s.ConcernDetailSerializer(concern, context=context).data, status=code)


def _board(request, board_id: int | None) -> Organisation:
    boards = capturing_boards(request.actor)
    ensure(bool(boards), "Chỉ lãnh đạo, chuyên viên Ban được ghi nhận vấn đề dư luận quan tâm.")
    if board_id is None:
        return boards[0]
    for board in boards:
        if board.pk == board_id:
            return board
    raise Http404("Không tìm thấy")


class ConcernListView(ListApiView):
    serializer_class = s.ConcernSerializer

    def get_queryset(self) -> QuerySet[Concern]:
        params = parse_query(s.ConcernFilterSerializer, self.request)
        filters = selectors.ConcernFilter(
            query=params["q"].strip(),
            state=params.get("state", ""),
            category_id=params.get("category"),
            commune_id=params.get("commune"),
            overdue=params["overdue"],
        )
        return with_tiebreak(selectors.concern_list(actor=self.request.actor, filters=filters))

    @extend_schema(
        tags=[CONCERNS],
        summary="Danh sách vấn đề được xem",
        description="Vấn đề do Ban trong phạm vi ghi nhận hoặc cơ quan trong phạm vi tham gia xử "
        "lý, mới nhất trước; tìm không phân biệt dấu. Không có thông tin người kiến nghị.",
        parameters=[s.ConcernFilterSerializer],
        responses={200: s.ConcernSerializer(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=[CONCERNS],
        summary="Ghi nhận một vấn đề",
        description="Chỉ lãnh đạo, chuyên viên Ban. Vấn đề, không phải người: không có trường "
        "nào về người phản ánh.",
        request=s.ConcernCreateSerializer,
        responses={201: s.ConcernDetailSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request):
        data = parse_body(s.ConcernCreateSerializer, request)
        board = _board(request, data.get("board"))
        concern = recording.concern_create(
            actor=request.actor,
            board=board,
            data=recording.ConcernData(
                title=data["title"],
                summary=data["summary"],
                category=data["category"],
                first_seen=data["first_seen"],
                scale=data["scale"],
                trend=data["trend"],
                incident_id=data["incident"],
                task_id=data["task"],
            ),
            places=data["places"],
            sources=[recording.SourceData(**source) for source in data["sources"]],
        )
        return concern_response(request, concern, status.HTTP_201_CREATED)


class ConcernSuggestionsView(ApiView):
    @extend_schema(
        tags=[CONCERNS],
        summary="Gợi ý cho một vấn đề đang nhập",
        description="Lĩnh vực và cơ quan có thẩm quyền (3 gợi ý, độ tin cậy, các từ có trọng số "
        "lớn nhất) học từ các vấn đề đã xác nhận, và vấn đề tương tự đang mở cùng tỉnh. "
        "Cán bộ xác nhận; không ghi gì.",
        request=s.SuggestInputSerializer,
        responses={200: s.SuggestionsSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request):
        data = parse_body(s.SuggestInputSerializer, request)
        boards = capturing_boards(request.actor)
        ensure(bool(boards), "Chỉ lãnh đạo, chuyên viên Ban được ghi nhận vấn đề.")
        result = {
            "categories": suggestions.suggest(data["title"], data["summary"], "category"),
            "bodies": suggestions.suggest(data["title"], data["summary"], "body"),
            "similar": selectors.similar_concerns(
                actor=request.actor,
                title=data["title"],
                summary=data["summary"],
                province_id=boards[0].province_id,
                commune_ids=data["places"],
            ),
        }
        return Response(s.SuggestionsSerializer(result).data)


class ConcernDetailView(ApiView):
    @extend_schema(
        tags=[CONCERNS],
        summary="Chi tiết một vấn đề",
        description="Kèm quá trình xử lý (mỗi bước với văn bản, ngày và cơ quan xử lý tiếp) và "
        "các thao tác người dùng được phép lúc này.",
        responses={200: s.ConcernDetailSerializer, **READ_ERRORS},
    )
    def get(self, request, pk: int):
        return concern_response(request, _concern(request, pk))

    @extend_schema(
        tags=[CONCERNS],
        summary="Cập nhật vấn đề (diễn biến, địa bàn, vụ việc hoặc nhiệm vụ liên quan)",
        description="Chỉ Ban ghi nhận, khi vấn đề đang xử lý. Chỉ các trường gửi lên thay đổi; "
        "`incident`/`task` = null để bỏ liên kết. Vụ việc, nhiệm vụ ngoài phạm vi: 400.",
        request=s.ConcernUpdateSerializer,
        responses={200: s.ConcernDetailSerializer, **WRITE_ERRORS},
    )
    def patch(self, request, pk: int):
        concern = _concern(request, pk)
        data = parse_body(s.ConcernUpdateSerializer, request, partial=True)
        places = data.pop("places", None)
        for link in ("incident", "task"):
            if link in data:
                data[f"{link}_id"] = data.pop(link)
        recording.concern_update(actor=request.actor, concern=concern, places=places, **data)
        return concern_response(request, _concern(request, pk))


class ConcernChainView(ApiView):
    @extend_schema(
        tags=[CONCERNS],
        summary="Quá trình xử lý của một vấn đề",
        responses={200: s.StepSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request, pk: int):
        concern = _concern(request, pk)
        return Response(s.StepSerializer(selectors.chain(concern), many=True).data)


class ConcernActionView(ApiView):
    @extend_schema(
        tags=[CONCERNS],
        summary="Chuyển vấn đề sang bước tiếp theo",
        description="`action`: triage, forward, request, assign, verify, answer, supervise, "
        "partly_resolve, close, transfer, reopen. Bước không đúng trình tự, cơ quan nhận "
        "chuyển không tồn tại, thiếu văn bản: 400, không thay đổi gì.",
        request=s.ActionInputSerializer,
        responses={200: s.ConcernDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        concern = _concern(request, pk)
        data = parse_body(s.ActionInputSerializer, request)
        competent = None
        if data.get("competent_body"):
            competent = Organisation.objects.current().filter(pk=data["competent_body"]).first()
            if competent is None:
                raise invalid("Cơ quan có thẩm quyền không tồn tại.", "competent_body")
        concern = transitions.concern_act(
            actor=request.actor,
            concern=concern,
            action=data["action"],
            step=transitions.StepData(
                document_ref=data["document_ref"],
                document_date=data["document_date"],
                note=data["note"],
            ),
            extra=transitions.ActionInput(
                category=data.get("category"),
                competent_body=competent,
                agencies=data["agencies"],
                answer=data["answer"],
                transfer_to_id=data.get("transfer_to"),
            ),
        )
        return concern_response(request, concern)


class ConcernMergeView(ApiView):
    @extend_schema(
        tags=[CONCERNS],
        summary="Gộp vấn đề vào một vấn đề trùng",
        description="Hai bản ghi và lịch sử của chúng được giữ; có thể tách lại.",
        request=s.MergeInputSerializer,
        responses={200: s.ConcernDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        concern = _concern(request, pk)
        data = parse_body(s.MergeInputSerializer, request)
        into = _concern(request, data["into"])
        concern = merge.concern_merge(actor=request.actor, concern=concern, into=into)
        return concern_response(request, concern)


class ConcernUnmergeView(ApiView):
    @extend_schema(
        tags=[CONCERNS],
        summary="Tách vấn đề đã gộp",
        request=None,
        responses={200: s.ConcernDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        concern = merge.concern_unmerge(actor=request.actor, concern=_concern(request, pk))
        return concern_response(request, concern)


class ContactView(ApiView):
    @extend_schema(
        tags=[CONCERNS],
        summary="Đọc thông tin liên hệ người kiến nghị (ghi nhật ký)",
        description="Chỉ cán bộ trực tiếp xử lý vấn đề (Ban ghi nhận, Văn phòng HĐND); mỗi lần "
        "đọc ghi lý do vào nhật ký. Mã không tồn tại hoặc ngoài phạm vi: 404.",
        request=s.ContactReadSerializer,
        responses={200: s.ContactSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        # An id the actor may not see is a 404 before anything else is read.
        get_visible_or_404(PetitionerContact, request.actor, pk=pk, purged_at__isnull=True)
        data = parse_body(s.ContactReadSerializer, request)
        contact, text = contacts.contact_read(
            actor=request.actor, contact_id=pk, reason=data["reason"]
        )
        response = Response({"id": contact.pk, "concern": contact.concern_id, "contact": text})
        response["Cache-Control"] = "no-store"
        return response


class ConcernContactWriteView(ApiView):
    @extend_schema(
        tags=[CONCERNS],
        summary="Ghi hoặc thay thông tin liên hệ người kiến nghị (ghi nhật ký)",
        description="Chỉ khi pháp luật buộc trả lời riêng, và chỉ cán bộ trực tiếp xử lý vấn đề "
        "(Ban ghi nhận, Văn phòng HĐND): cơ quan được giao nhận 403, ngoài phạm vi 404. Lý do "
        "được ghi vào nhật ký; thông tin liên hệ được mã hóa và không được trả lại ở đây, "
        "không có trong danh sách, xuất file, tìm kiếm hay thông báo.",
        request=s.ContactWriteSerializer,
        responses={200: s.ContactStoredSerializer, **WRITE_ERRORS},
    )
    def put(self, request, pk: int):
        concern = _concern(request, pk)
        data = parse_body(s.ContactWriteSerializer, request)
        contact = contacts.contact_store(
            actor=request.actor, concern=concern, text=data["contact"], reason=data["reason"]
        )
        response = Response({"id": contact.pk, "concern": concern.pk})
        response["Cache-Control"] = "no-store"
        return response


# --- The taxonomy of sectors -------------------------------------------------------------------


def _category_data(data: dict, category: Category | None = None) -> taxonomy.CategoryData:
    fields = ["code", "name", "deadline_working_days", "order"]
    current = {name: getattr(category, name) for name in fields} if category else {}
    return taxonomy.CategoryData(**{name: data.get(name, current.get(name)) for name in fields})


class CategoryListView(ListApiView):
    serializer_class = s.CategorySerializer

    def get_queryset(self) -> QuerySet[Category]:
        return Category.objects.order_by("order", "name", "pk")

    @extend_schema(
        tags=[CONCERNS],
        summary="Danh mục lĩnh vực vấn đề",
        description="Mọi người dùng đã đăng nhập; gồm cả lĩnh vực đã ngừng sử dụng "
        "(`is_active` = false), vì vấn đề cũ vẫn mang lĩnh vực đó.",
        responses={200: s.CategorySerializer(many=True), **error_responses(401)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=[CONCERNS],
        summary="Thêm lĩnh vực (quản trị hệ thống)",
        description="Mã trùng, hạn giải quyết ngoài 1–365 ngày làm việc: 400, không thêm gì.",
        request=s.CategoryInputSerializer,
        responses={201: s.CategorySerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request):
        data = parse_body(s.CategoryInputSerializer, request)
        category = taxonomy.category_create(actor=request.actor, data=_category_data(data))
        return Response(s.CategorySerializer(category).data, status=status.HTTP_201_CREATED)


class CategoryDetailView(ApiView):
    @extend_schema(
        tags=[CONCERNS],
        summary="Một lĩnh vực",
        responses={200: s.CategorySerializer, **error_responses(401, 404)},
    )
    def get(self, request, pk: int):
        return Response(s.CategorySerializer(get_object_or_404(Category, pk=pk)).data)

    @extend_schema(
        tags=[CONCERNS],
        summary="Sửa, ngừng sử dụng hoặc dùng lại một lĩnh vực (quản trị hệ thống)",
        request=s.CategoryInputSerializer,
        responses={200: s.CategorySerializer, **WRITE_ERRORS},
    )
    def patch(self, request, pk: int):
        category = get_object_or_404(Category, pk=pk)
        data = parse_body(s.CategoryInputSerializer, request, partial=True)
        with transaction.atomic():
            active = data.pop("is_active", None)
            if data:
                taxonomy.category_update(
                    actor=request.actor, category=category, data=_category_data(data, category)
                )
            if active is not None and active != category.is_active:
                taxonomy.category_set_active(actor=request.actor, category=category, active=active)
        return Response(s.CategorySerializer(category).data)

    @extend_schema(
        tags=[CONCERNS],
        summary="Xóa một lĩnh vực chưa được dùng (quản trị hệ thống)",
        description="Lĩnh vực đã có vấn đề sử dụng: 400 (hãy ngừng sử dụng thay vì xóa).",
        responses={204: None, **WRITE_ERRORS},
    )
    def delete(self, request, pk: int):
        category = get_object_or_404(Category, pk=pk)
        taxonomy.category_delete(actor=request.actor, category=category)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Claims -----------------------------------------------------------------------------------


def _claim_data(request, data: dict) -> corrections.ClaimData:
    concern = None
    if data.get("concern"):
        concern = _concern(request, data["concern"])
    incident = recording.linked(request.actor, "incident", data.get("incident"))
    return corrections.ClaimData(**{**data, "concern": concern, "incident": incident})


class ClaimListView(ListApiView):
    serializer_class = s.ClaimSerializer

    def get_queryset(self) -> QuerySet[Claim]:
        query = self.request.query_params.get("q", "")[:200]
        return with_tiebreak(selectors.claim_list(actor=self.request.actor, query=query))

    @extend_schema(
        tags=[CLAIMS],
        summary="Danh sách thông tin sai sự thật và cải chính",
        responses={200: s.ClaimSerializer(many=True), **error_responses(401, 403)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=[CLAIMS],
        summary="Ghi nhận thông tin sai sự thật",
        description="Nội dung, nơi xuất hiện, việc cải chính; không có trường nào về tác giả.",
        request=s.ClaimInputSerializer,
        responses={201: s.ClaimSerializer, **WRITE_ERRORS},
    )
    def post(self, request):
        data = parse_body(s.ClaimInputSerializer, request)
        board = _board(request, None)
        claim = corrections.claim_create(
            actor=request.actor, board=board, data=_claim_data(request, data)
        )
        return Response(s.ClaimSerializer(claim).data, status=status.HTTP_201_CREATED)


class ClaimDetailView(ApiView):
    @extend_schema(
        tags=[CLAIMS], summary="Chi tiết", responses={200: s.ClaimSerializer, **READ_ERRORS}
    )
    def get(self, request, pk: int):
        claim = get_visible_or_404(Claim, request.actor, pk=pk)
        return Response(s.ClaimSerializer(claim).data)

    @extend_schema(
        tags=[CLAIMS],
        summary="Sửa, ghi nhận cải chính",
        request=s.ClaimInputSerializer,
        responses={200: s.ClaimSerializer, **WRITE_ERRORS},
    )
    def put(self, request, pk: int):
        claim = get_visible_or_404(Claim, request.actor, pk=pk)
        data = parse_body(s.ClaimInputSerializer, request)
        claim = corrections.claim_update(
            actor=request.actor, claim=claim, data=_claim_data(request, data)
        )
        return Response(s.ClaimSerializer(claim).data)
