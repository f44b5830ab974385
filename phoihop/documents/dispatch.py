"""A dispatch (công văn) as an official letter, in its issuer's format (FORMATS.md).

The issuer's header with the number from its register and, under the number, the `V/v …`
summary (a letter has no type line) and the urgency; "Kính gửi:" the addressees; the text —
for a reply, first the letter it answers — and the list of the files sent with it, closing
"./."; then "Nơi nhận" (the addressees as "Như trên", the bodies copied "để biết") beside the
signature, whose authority lines follow the issuer's kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.shared import Cm

from phoihop.exchange.models import Dispatch

from .docx import LEFT, OfficialDocument
from .issuer import NBSP, Issuer, Signer
from .profiles import short_date

BLANK_NUMBER = NBSP * 6
ADDRESSEE_INDENT_CM = 4.0  # the addressees' lines start under the names after "Kính gửi:"


@dataclass(frozen=True)
class DispatchPaper:
    """What the letter prints, read once."""

    dispatch: Dispatch
    addressees: list[str]
    copied: list[str]
    attachments: list[str]


def dispatch_paper(dispatch: Dispatch) -> DispatchPaper:
    dispatch = Dispatch.objects.select_related(
        "issuer__admin_unit", "issuer__province", "in_reply_to__issuer"
    ).get(pk=dispatch.pk)
    return DispatchPaper(
        dispatch=dispatch,
        addressees=[body.name for body in dispatch.addressees.order_by("path")],
        copied=[body.name for body in dispatch.copied.order_by("path")],
        attachments=[a.title for a in dispatch.attachments.order_by("pk")],
    )


def render_dispatch_docx(dispatch: Dispatch) -> bytes:
    paper = dispatch_paper(dispatch)
    dispatch = paper.dispatch
    issuer = Issuer(dispatch.issuer, day=dispatch.issued_on)
    doc = OfficialDocument(issuer.profile)
    mark = dispatch.get_urgency_display() if dispatch.urgency != Dispatch.Urgency.NORMAL else ""
    doc.header(
        [
            issuer.issuer_block(
                f"{issuer.profile.number_label} {_number(dispatch)}",
                subject=f"V/v {dispatch.summary.strip()}",
                mark=mark,
            )
        ]
    )
    doc.spacer(12)
    _addressees(doc, paper.addressees)
    doc.spacer(6)
    if dispatch.in_reply_to is not None:
        doc.body(_answering(dispatch.in_reply_to))
    doc.body(dispatch.body or dispatch.summary)
    if paper.attachments:
        doc.body("Tài liệu gửi kèm:")
        for index, title in enumerate(paper.attachments):
            end = ";" if index < len(paper.attachments) - 1 else "."
            doc.body(f"- {title.strip().rstrip(';.')}{end}")
    doc.close_body()
    doc.spacer(12)
    recipients = (["Như trên"] if paper.addressees else []) + [
        f"{name} (để biết)" for name in paper.copied
    ]
    doc.closing_block(recipients, issuer.authority_lines(Signer()), "")
    return doc.to_bytes()


def _number(dispatch: Dispatch) -> str:
    """The register's number and symbol, or a blank before the symbol for the clerk."""
    if dispatch.number is not None:
        return dispatch.number_and_symbol
    separator = "-" if dispatch.issuer.side == dispatch.issuer.Side.PARTY else "/"
    return f"{BLANK_NUMBER}{separator}{dispatch.symbol}" if dispatch.symbol else BLANK_NUMBER


def _addressees(doc: OfficialDocument, names: list[str]) -> None:
    """ "Kính gửi: X." for one addressee; for several, each on its own line "- X;"."""
    if len(names) == 1:
        doc.line(doc.document, f"Kính gửi: {names[0]}.")
        return
    doc.line(doc.document, "Kính gửi:")
    for index, name in enumerate(names):
        end = ";" if index < len(names) - 1 else "."
        paragraph = doc.line(doc.document, f"- {name}{end}", align=LEFT)
        paragraph.paragraph_format.left_indent = Cm(ADDRESSEE_INDENT_CM)


def _answering(answered: Dispatch) -> str:
    number = f"số {answered.number_and_symbol} " if answered.number is not None else ""
    day = f"ngày {short_date(answered.issued_on)} " if answered.issued_on else ""
    return (
        f"Trả lời Công văn {number}{day}của {answered.issuer.name} về việc "
        f"{answered.summary.strip().rstrip('.')},"
    )
