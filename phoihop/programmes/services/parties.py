"""The parties of a programme: who signs, with what document, and adding or removing one."""

from __future__ import annotations

from django.db import transaction

from phoihop.core.actor import Actor
from phoihop.core.audit import field_changes, record_event, snapshot
from phoihop.core.exceptions import ensure, invalid
from phoihop.organisations.models import Organisation

from .. import policies
from ..models import Programme, ProgrammeParty
from ._shared import _clean_strings, _refresh_search_text

PARTY_FIELDS = [
    "signing_body",
    "authority",
    "signatory_title",
    "signatory_name",
    "document_number",
    "document_date",
]


@transaction.atomic
def party_add(*, actor: Actor, programme: Programme, organisation: Organisation) -> ProgrammeParty:
    ensure(policies.can_edit_programme(actor, programme), "Không thể thêm bên ký kết lúc này.")
    if not actor.can_see(organisation) or organisation.valid_to is not None:
        raise invalid(f"Không thể chọn «{organisation}» làm bên ký kết.", "organisation")
    if programme.parties.filter(organisation=organisation).exists():
        raise invalid(f"«{organisation}» đã là bên ký kết.", "organisation")
    party = ProgrammeParty.objects.create(programme=programme, organisation=organisation)
    _refresh_search_text(programme)
    record_event(actor=actor, target=party, verb="party_added")
    return party


@transaction.atomic
def party_update(*, actor: Actor, party: ProgrammeParty, **values) -> ProgrammeParty:
    """Record a side's signatory and its own document number and date."""
    programme = party.programme
    ensure(policies.can_edit_programme(actor, programme), "Không thể sửa bên ký kết lúc này.")
    before = snapshot(party, PARTY_FIELDS)
    for name, value in _clean_strings(values).items():
        if name not in PARTY_FIELDS:
            raise invalid(f"Không sửa được trường {name}.")
        setattr(party, name, value)
    if party.document_date and not programme.start.year - 1 <= party.document_date.year <= (
        programme.end.year
    ):
        raise invalid("Ngày ký phải gần với thời gian của chương trình.", "document_date")
    party.full_clean()
    party.save()
    changes = field_changes(party, before, PARTY_FIELDS)
    record_event(actor=actor, target=party, verb="party_updated", changes=changes)
    return party


@transaction.atomic
def party_remove(*, actor: Actor, party: ProgrammeParty) -> None:
    programme = party.programme
    ensure(policies.can_edit_programme(actor, programme), "Không thể bỏ bên ký kết lúc này.")
    if party.organisation_id == programme.board_id:
        raise invalid("Ban chủ trì luôn là một bên ký kết.")
    if programme.parties.count() <= 2:
        raise invalid("Chương trình phải còn ít nhất hai bên ký kết.")
    record_event(
        actor=actor,
        target=programme,
        verb="party_removed",
        detail={"organisation": party.organisation_id},
    )
    party.delete()
    _refresh_search_text(programme)
