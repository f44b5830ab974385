"""False or misleading public claims and the corrections issued (content item R3): the claim
and where it appeared, never who made it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.core.exceptions import ensure, invalid
from phoihop.core.text import fold
from phoihop.incidents.models import Incident
from phoihop.organisations.models import Organisation

from .. import policies
from ..models import Claim, Concern
from .common import clean
from .recording import linked

CLAIM_FIELDS = [
    "summary",
    "outlet",
    "url",
    "first_seen",
    "concern",
    "incident",
    "correction",
    "correction_reference",
    "corrected_on",
]


@dataclass(frozen=True)
class ClaimData:
    summary: str
    outlet: str
    first_seen: date
    url: str = ""
    concern: Concern | None = None
    incident: Incident | None = None
    correction: str = ""
    correction_reference: str = ""
    corrected_on: date | None = None


def _claim_search_text(claim: Claim) -> str:
    return fold(f"{claim.summary[:2000]} {claim.outlet} {claim.correction[:1000]}")


def _fill_claim(actor: Actor, claim: Claim, data: ClaimData) -> None:
    if data.concern is not None and not policies.is_board(actor, data.concern.board):
        raise invalid("Không thể liên kết với vấn đề đã chọn.", "concern")
    if data.incident is not None:
        linked(actor, "incident", data.incident.pk)  # refuses a case the actor may not see
    for name in CLAIM_FIELDS:
        value = getattr(data, name)
        setattr(claim, name, clean(value) if isinstance(value, str) else value)
    if claim.corrected_on and not claim.correction and not claim.correction_reference:
        raise invalid("Vui lòng ghi nội dung hoặc văn bản cải chính.", "correction")
    if claim.corrected_on and claim.corrected_on < claim.first_seen:
        raise invalid("Ngày cải chính không thể trước ngày thông tin xuất hiện.", "corrected_on")
    claim.search_text = _claim_search_text(claim)


@transaction.atomic
def claim_create(*, actor: Actor, board: Organisation, data: ClaimData) -> Claim:
    """Record a false or misleading public claim: the claim and where it appeared, not who."""
    ensure(
        policies.can_record_claim(actor, board),
        "Chỉ lãnh đạo, chuyên viên Ban được ghi nhận thông tin sai sự thật.",
    )
    claim = Claim(board=board)
    _fill_claim(actor, claim, data)
    claim.full_clean()
    claim.save()
    record_event(actor=actor, target=claim, verb="claim_recorded")
    return claim


@transaction.atomic
def claim_update(*, actor: Actor, claim: Claim, data: ClaimData) -> Claim:
    """Change a claim, typically to record the correction issued and when."""
    ensure(policies.can_edit_claim(actor, claim), "Bạn không có quyền sửa thông tin này.")
    was_corrected = claim.corrected_on is not None
    _fill_claim(actor, claim, data)
    claim.full_clean()
    claim.save()
    verb = "claim_corrected" if claim.corrected_on and not was_corrected else "claim_updated"
    record_event(actor=actor, target=claim, verb=verb)
    return claim
