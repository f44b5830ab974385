"""De-duplication: a concern recorded as a duplicate of another, and un-merged again. Both
records and their histories always stay."""

from __future__ import annotations

from django.db import transaction

from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.core.exceptions import ensure, invalid

from .. import policies
from ..models import Concern


@transaction.atomic
def concern_merge(*, actor: Actor, concern: Concern, into: Concern) -> Concern:
    """Record `concern` as a duplicate of `into`; both records and their histories stay."""
    ensure(policies.may(actor, concern, "merge"), "Bạn không có quyền gộp vấn đề này.")
    ensure(policies.may(actor, into, "merge"), "Bạn không có quyền gộp vào vấn đề đã chọn.")
    if into.pk == concern.pk:
        raise invalid("Không thể gộp một vấn đề vào chính nó.", "into")
    if into.merged_into_id is not None:
        raise invalid("Vấn đề đã chọn đã được gộp vào vấn đề khác; hãy gộp vào vấn đề đó.", "into")
    if concern.merged.exists():
        raise invalid("Vấn đề này đang có vấn đề khác gộp vào; hãy tách chúng trước.", "into")
    concern.merged_into = into
    concern.save(update_fields=["merged_into"])
    record_event(actor=actor, target=concern, verb="concern_merged", detail={"into": into.pk})
    record_event(actor=actor, target=into, verb="concern_absorbed", detail={"from": concern.pk})
    return concern


@transaction.atomic
def concern_unmerge(*, actor: Actor, concern: Concern) -> Concern:
    ensure(policies.may(actor, concern, "unmerge"), "Bạn không có quyền tách vấn đề này.")
    into = concern.merged_into
    if into is None:
        raise invalid("Vấn đề này không được gộp vào vấn đề nào.")
    concern.merged_into = None
    concern.save(update_fields=["merged_into"])
    record_event(actor=actor, target=concern, verb="concern_unmerged", detail={"from": into.pk})
    record_event(actor=actor, target=into, verb="concern_split_off", detail={"concern": concern.pk})
    return concern
