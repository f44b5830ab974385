"""Rows of the access walk for concerns (phoihop/tests/test_access_walk.py)."""

from phoihop.concerns import contacts
from phoihop.concerns.services import corrections
from phoihop.testing.concerns import capture

NO_OBJECT = {
    "concerns:list",
    "concerns:create",
    "concerns:suggest",
    "concerns:triage_queue",
    "concerns:council_queue",
    "concerns:committee_queue",
    "concerns:agency_queue",
    "concerns:statistics",
    "concerns:statistics_export",
    "concerns:retention",
    "concerns:claims",
    "concerns:claim_create",
    "api:concerns",
    "api:concern_suggestions",
    "api:claims",
    "concerns:categories",
    "concerns:category_create",
    "api:concern_categories",
}
# The taxonomy is national reference data only the operator changes: any other user (the
# outsider included) reads the API's copy (200) and is refused every change (403).
OPERATOR_ONLY = {
    "concerns:category_edit",
    "concerns:category_deactivate",
    "concerns:category_activate",
    "concerns:category_delete",
    "api:concern_category",
}


def objects(world) -> dict[str, int]:
    concern = capture(world)
    officer = world.actor(world.board_officer)
    contact = contacts.contact_store(actor=officer, concern=concern, text="Ông A, 0900000000")
    claim = corrections.claim_create(
        actor=officer,
        board=world.board,
        data=corrections.ClaimData(
            summary="Tin đồn thu hồi toàn bộ đất",
            outlet="Mạng xã hội",
            first_seen=concern.first_seen,
        ),
    )
    pk = concern.pk
    return {
        **{name: concern.category_id for name in OPERATOR_ONLY},
        "api:concern_contact_write": pk,
        "concerns:detail": pk,
        "concerns:detail_suggestions": pk,
        "concerns:edit": pk,
        "concerns:act": pk,
        "concerns:merge": pk,
        "concerns:unmerge": pk,
        "concerns:contact_add": pk,
        "concerns:contact_view": contact.pk,
        "concerns:claim": claim.pk,
        "api:concern": pk,
        "api:concern_actions": pk,
        "api:concern_merge": pk,
        "api:concern_unmerge": pk,
        "api:concern_chain": pk,
        "api:concern_contact": contact.pk,
        "api:claim": claim.pk,
    }
