"""The coordination programme as an official document (FORMATS.md).

Each signing side's header block in its own format (the board's in the Party format, a state
body's in the state format) with its own number and date; the type and summary; I. grounds;
II. contents grouped regular / issue-handling; III. methods; IV. responsibilities and focal
points; V. implementation, closing "./."; the signature blocks side by side; the recipients; and
an annex table of the tasks of every annual plan. The body follows the host's (the board's)
format.
"""

from __future__ import annotations

from phoihop.organisations.models import FocalPoint, Organisation
from phoihop.programmes.models import ContentItem, Programme, ProgrammeParty, Task

from .docx import IssuerBlock, OfficialDocument, Signature
from .issuer import Issuer, Signer
from .profiles import FormatProfile, short_date

TITLES = {
    Programme.Kind.PROGRAMME: "CHƯƠNG TRÌNH PHỐI HỢP",
    Programme.Kind.PLAN: "KẾ HOẠCH PHỐI HỢP",
}
TYPE_CODES = {Programme.Kind.PROGRAMME: "CTr", Programme.Kind.PLAN: "KH"}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
ANNEX_HEADER = ["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Trạng thái"]
ANNEX_WIDTHS_CM = [1.3, 4.8, 3.0, 2.5, 2.6, 2.3]
ANNEX_ALIGNS = ["center", "left", "left", "left", "center", "left"]


def render_programme_docx(programme: Programme) -> bytes:
    """The programme as a DOCX file, ready to sign (or as signed, with its numbers)."""
    parties = list(
        programme.parties.select_related(
            "organisation__admin_unit", "organisation__province"
        ).order_by("pk")
    )
    host = next((p for p in parties if p.organisation_id == programme.board_id), parties[0])
    others = [p for p in parties if p is not host]
    sides = [Side(party, programme) for party in [host, *others]]

    doc = OfficialDocument(sides[0].profile)
    doc.header([side.issuer_block() for side in sides])
    doc.title(TITLES[programme.kind], summary(programme))
    sections = Sections(doc)
    _grounds(sections, programme, sides)
    _contents(sections, programme)
    if programme.methods.strip():
        sections.add("PHƯƠNG THỨC PHỐI HỢP")
        doc.body(programme.methods)
    _responsibilities(sections, programme, sides)
    _implementation(sections, programme)
    doc.close_body()
    doc.spacer(12)
    # The host signs on the right of the first row; the other sides fill the rest.
    order = [sides[1], sides[0], *sides[2:]] if len(sides) > 1 else sides
    doc.signatures([side.signature() for side in order])
    doc.recipients(_recipients(host, sides))
    _annex(doc, programme, sides)
    return doc.to_bytes()


class Sections:
    """Top-level sections numbered I, II, III… in the order they are added."""

    def __init__(self, doc: OfficialDocument) -> None:
        self.doc, self.count = doc, 0

    def add(self, title: str) -> None:
        self.doc.heading(f"{ROMAN[self.count]}. {title.upper()}")
        self.count += 1


class Side:
    """One signing side: its issuer (names, place, profile), number and signature."""

    def __init__(self, party: ProgrammeParty, programme: Programme) -> None:
        self.party = party
        self.organisation: Organisation = party.organisation
        self.issuer = Issuer(self.organisation, day=party.document_date, name=party.signing_body)
        self.profile: FormatProfile = self.issuer.profile
        self.type_code = TYPE_CODES[programme.kind]

    @property
    def number_text(self) -> str:
        return self.profile.number_text(
            self.party.document_number, type_code=self.type_code, symbol=self.organisation.symbol
        )

    def issuer_block(self) -> IssuerBlock:
        return self.issuer.issuer_block(f"{self.profile.number_label} {self.number_text}")

    def signature(self) -> Signature:
        signer = Signer(
            authority=self.party.authority,
            collective=self.party.signing_body,
            title=self.party.signatory_title,
            name=self.party.signatory_name,
        )
        return Signature(
            profile=self.profile, lines=self.issuer.authority_lines(signer), name=signer.name
        )


def summary(programme: Programme) -> str:
    """The title without the type already printed above it ("Chương trình phối hợp giai đoạn…"
    → "giai đoạn…")."""
    kind = dict(Programme.Kind.choices)[programme.kind]
    title = programme.title.strip()
    if title.lower().startswith(kind.lower() + " "):
        return title[len(kind) :].strip()
    return title


def _kind_word(programme: Programme) -> str:
    return dict(Programme.Kind.choices)[programme.kind]


def _regime_ground(programme: Programme) -> str:
    """ "Căn cứ Quyết định số 238-QĐ/TW ngày 30/9/2020 của Ban Bí thư ban hành Quy chế phối
    hợp…", from the regime's data."""
    return f"Căn cứ {programme.regime.full_citation}"


def _grounds(sections: Sections, programme: Programme, sides: list[Side]) -> None:
    doc = sections.doc
    sections.add("Căn cứ")
    grounds = [line.strip() for line in programme.grounds.splitlines() if line.strip()]
    if not any(programme.regime.code in line for line in grounds):
        grounds.insert(0, _regime_ground(programme))
    for index, line in enumerate(grounds):
        end = ";" if index < len(grounds) - 1 else ","
        doc.body(line.rstrip(" ;,.") + end)
    names = " và ".join(side.organisation.name for side in sides)
    doc.body(f"{names} thống nhất ban hành {_kind_word(programme).lower()} với những nội dung sau:")


def _contents(sections: Sections, programme: Programme) -> None:
    doc = sections.doc
    sections.add("Nội dung phối hợp")
    items = list(programme.content_items.order_by("order", "code"))
    number = 0
    for group, label in ContentItem.Group.choices:
        grouped = [item for item in items if item.group == group]
        if not grouped:
            continue
        number += 1
        doc.heading(f"{number}. {label}")
        for index, item in enumerate(grouped):
            end = ";" if index < len(grouped) - 1 else "."
            doc.body(f"- {item.title.rstrip(' ;.')}{end}")
    if not items:
        doc.body("Các bên thống nhất nội dung phối hợp trong kế hoạch hằng năm.")


def _responsibilities(sections: Sections, programme: Programme, sides: list[Side]) -> None:
    doc = sections.doc
    sections.add("Trách nhiệm và đầu mối phối hợp")
    points = {
        point.organisation_id: point
        for point in FocalPoint.objects.filter(
            organisation_id__in=[side.organisation.pk for side in sides]
        )
        .select_related("leader")
        .prefetch_related("contacts")
    }
    kind = _kind_word(programme).lower()
    for number, side in enumerate(sides, start=1):
        doc.heading(f"{number}. {side.organisation.name}")
        if number == 1:
            doc.body(
                f"- Là cơ quan thường trực, theo dõi, đôn đốc, tổng hợp kết quả; chủ trì sơ kết, "
                f"tổng kết việc thực hiện {kind}."
            )
        doc.body(
            "- Chủ trì, phối hợp thực hiện các nhiệm vụ được phân công tại Phụ lục kèm theo "
            f"{kind}."
        )
        point = points.get(side.organisation.pk)
        if point is None:
            doc.body("- Đầu mối phối hợp: chưa cử.")
            continue
        doc.body(f"- Lãnh đạo phụ trách: {point.leader}.")
        doc.body(f"- Đơn vị tham mưu, đầu mối: {point.advisory_unit}.")
        contacts = ", ".join(str(user) for user in point.contacts.all())
        if contacts:
            doc.body(f"- Cán bộ đầu mối: {contacts}.")


def _implementation(sections: Sections, programme: Programme) -> None:
    sections.add("Tổ chức thực hiện")
    kind = _kind_word(programme)
    sections.doc.body(
        f"{kind} được thực hiện từ ngày {short_date(programme.start)} đến ngày "
        f"{short_date(programme.end)}. Trong quá trình thực hiện, nếu có vướng mắc, các bên "
        "trao đổi, thống nhất điều chỉnh, bổ sung cho phù hợp."
    )


def _recipients(host: ProgrammeParty, sides: list[Side]) -> list[str]:
    items = []
    above = Organisation.objects.get_parent(host.organisation)
    if above is not None and above.kind == Organisation.Kind.PARTY_COMMITTEE:
        items.append(f"Thường trực {above.name} (để báo cáo)")
    items += [f"{side.organisation.name} (để thực hiện)" for side in sides]
    items.append("Các cơ quan, đơn vị liên quan")
    return items


def _annex(doc: OfficialDocument, programme: Programme, sides: list[Side]) -> None:
    tasks = (
        Task.objects.filter(plan__programme=programme)
        .select_related("lead", "plan")
        .prefetch_related("assignments__organisation")
        .order_by("plan__year", "due", "pk")
    )
    doc.page_break()
    doc.line(doc.document, "PHỤ LỤC", bold=True)
    doc.line(doc.document, "DANH MỤC NHIỆM VỤ PHỐI HỢP", bold=True)
    references = [
        f"số {side.number_text}"
        + (f" ngày {short_date(side.party.document_date)}" if side.party.document_date else "")
        for side in sides
        if side.party.document_number
    ]
    reference = f" {' và '.join(references)}" if len(references) == len(sides) else ""
    doc.line(doc.document, f"(Kèm theo {_kind_word(programme)}{reference})", italic=True)
    doc.spacer(8)
    doc.table(
        ANNEX_HEADER,
        (_annex_row(number, task) for number, task in enumerate(tasks, start=1)),
        ANNEX_WIDTHS_CM,
        aligns=ANNEX_ALIGNS,
    )


def _annex_row(number: int, task: Task) -> list[str]:
    partners = "; ".join(
        str(a.organisation) + (f" (hạn {short_date(a.due)})" if a.due != task.due else "")
        for a in task.assignments.all()
    )
    return [
        str(number),
        task.title,
        str(task.lead),
        partners,
        short_date(task.due),
        task.get_state_display(),
    ]
