"""The coordination programme as an official document: each side's header and number, grounds,
contents by group, methods, responsibilities and focal points, signatures side by side, and an
annex of tasks. The board's side follows the Party format, the other side the state format."""

from __future__ import annotations

from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH

from phoihop.organisations.models import FocalPoint
from phoihop.programmes.models import ContentItem, Programme, Task

from .docx import OfficialDocument
from .profiles import PARTY_HD36, place_and_date, profile_for

TITLES = {
    Programme.Kind.PROGRAMME: "CHƯƠNG TRÌNH PHỐI HỢP",
    Programme.Kind.PLAN: "KẾ HOẠCH PHỐI HỢP",
}


def _place(programme: Programme) -> str:
    province = programme.board.province
    return province.name.removeprefix("Thành phố ") if province else "Hà Nội"


def render_programme_docx(programme: Programme) -> bytes:
    parties = list(programme.parties.select_related("organisation").order_by("pk"))
    board_party = next(p for p in parties if p.organisation_id == programme.board_id)
    others = [p for p in parties if p is not board_party]
    doc = OfficialDocument(PARTY_HD36)
    _headers(doc, board_party, others)
    signed_on = max((p.document_date for p in parties if p.document_date), default=None)
    doc.line(
        doc.document,
        place_and_date(_place(programme), signed_on or timezone.localdate()),
        italic=True,
        align=WD_ALIGN_PARAGRAPH.RIGHT,
    )
    doc.line(doc.document, "")
    doc.line(doc.document, TITLES[programme.kind], bold=True, size=PARTY_HD36.title_size)
    doc.line(doc.document, programme.title, bold=True, size=14)
    doc.line(doc.document, "")
    _contents(doc, programme, parties)
    doc.signature_table([_signature(p) for p in [board_party, *others]])
    doc.line(doc.document, "")
    doc.recipients(
        ["Thường trực Tỉnh ủy (để báo cáo)", "Các bên ký kết", "Các cơ quan, đơn vị liên quan"]
    )
    _annex(doc, programme)
    return doc.to_bytes()


def _headers(doc: OfficialDocument, board_party, others) -> None:
    table = doc.header_table(rows=1 + len(others))
    board = board_party.organisation
    doc.issuer_block(
        table.rows[0].cells[0],
        parent=board.parent_name or "ĐẢNG BỘ",
        issuer=board_party.signing_body or "Ban Tuyên giáo và Dân vận",
        number=board_party.document_number or "…",
        profile=PARTY_HD36,
    )
    doc.national_block(table.rows[0].cells[1], PARTY_HD36)
    for row, party in zip(table.rows[1:], others, strict=True):
        organisation = party.organisation
        profile = profile_for(organisation)
        doc.issuer_block(
            row.cells[0],
            parent=organisation.parent_name or "",
            issuer=party.signing_body or organisation.name,
            number=party.document_number or "…",
            profile=profile,
        )
        doc.national_block(row.cells[1], profile)


def _contents(doc: OfficialDocument, programme: Programme, parties) -> None:
    if programme.grounds:
        doc.heading("I. CĂN CỨ")
        doc.body(programme.grounds)
    doc.heading("II. NỘI DUNG PHỐI HỢP")
    for number, (group, label) in enumerate(ContentItem.Group.choices, start=1):
        items = [i for i in programme.content_items.all() if i.group == group]
        if items:
            doc.heading(f"{number}. {label}")
            for item in items:
                doc.body(f"- {item.title}.")
    if programme.methods:
        doc.heading("III. PHƯƠNG THỨC PHỐI HỢP")
        doc.body(programme.methods)
    doc.heading("IV. TRÁCH NHIỆM VÀ ĐẦU MỐI PHỐI HỢP")
    focal = {
        f.organisation_id: f
        for f in FocalPoint.objects.filter(
            organisation_id__in=[p.organisation_id for p in parties]
        ).select_related("leader")
    }
    for party in parties:
        point = focal.get(party.organisation_id)
        detail = (
            f"lãnh đạo phụ trách: {point.leader}; đơn vị tham mưu: {point.advisory_unit}"
            if point
            else "chưa cử đầu mối"
        )
        doc.body(
            f"- {party.organisation}: tổ chức thực hiện các nội dung được phân công; {detail}."
        )
    doc.body(
        "Chương trình có hiệu lực kể từ ngày ký. Trong quá trình thực hiện, nếu có vướng mắc, "
        "các bên trao đổi, thống nhất điều chỉnh cho phù hợp./."
    )


def _signature(party) -> dict:
    profile = profile_for(party.organisation)
    return {
        "profile": profile,
        "authority": party.authority,
        "body": party.signing_body or party.organisation.name,
        "title": party.signatory_title or "",
        "name": party.signatory_name or "",
    }


def _annex(doc: OfficialDocument, programme: Programme) -> None:
    tasks = (
        Task.objects.filter(plan__programme=programme)
        .select_related("lead", "plan")
        .prefetch_related("assignments__organisation")
        .order_by("plan__year", "due", "pk")
    )
    doc.page_break()
    doc.line(doc.document, "PHỤ LỤC", bold=True)
    doc.line(doc.document, "DANH MỤC NHIỆM VỤ", bold=True)
    doc.line(doc.document, "")
    rows = [
        [
            str(number),
            task.title,
            str(task.lead),
            "; ".join(str(a.organisation) for a in task.assignments.all()),
            task.due.strftime("%d/%m/%Y"),
            task.get_state_display(),
        ]
        for number, task in enumerate(tasks, start=1)
    ]
    doc.table(
        ["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Trạng thái"],
        rows,
        [1.2, 6.0, 3.2, 2.8, 2.2, 2.3],
    )
