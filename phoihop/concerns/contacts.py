"""The petitioner's contact: one small module, so the storage scheme can be swapped.

Encrypted at rest with Fernet (AES-128-CBC + HMAC-SHA256, from `cryptography`) under a key
derived with HKDF-SHA256 from `settings.PHOIHOP_CONTACT_KEY`. The plain text leaves this module
only through `contact_read`, which checks the policy and logs the reason of every view; lists,
exports, search, API listings and notifications never call it. `purge_contacts` erases the
contacts of concerns closed more than N months ago (N set by the data-protection officer).
"""

from __future__ import annotations

import base64
from datetime import datetime

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.core.exceptions import ensure, invalid

from . import policies
from .models import Concern, ContactRetention, PetitionerContact

CONTACT_MAX = 500
REASON_MIN, REASON_MAX = 10, 500
# The reason logged when a contact is written with the concern on the page (the API asks).
CAPTURE_REASON = "Ghi khi tiếp nhận: pháp luật buộc trả lời riêng người kiến nghị"


def _fernet() -> Fernet:
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"phoihop-contact-v1", info=b"contact"
    ).derive(settings.PHOIHOP_CONTACT_KEY.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(text: str) -> bytes:
    return _fernet().encrypt(text.encode())


def decrypt(token: bytes) -> str:
    try:
        return _fernet().decrypt(bytes(token)).decode()
    except InvalidToken as exc:
        raise invalid("Không giải mã được thông tin liên hệ (sai khóa cấu hình).") from exc


def _reason(reason: str, doing: str) -> str:
    reason = " ".join((reason or "").split())
    if not REASON_MIN <= len(reason) <= REASON_MAX:
        raise invalid(
            f"Vui lòng ghi lý do {doing} thông tin liên hệ ({REASON_MIN}–{REASON_MAX} ký tự).",
            "reason",
        )
    return reason


@transaction.atomic
def contact_store(
    *, actor: Actor, concern: Concern, text: str, reason: str = CAPTURE_REASON
) -> PetitionerContact:
    """Keep the contact a personal reply is owed to (a name, an address, a phone number),
    with the reason it is written logged on the concern (never the contact itself)."""
    ensure(
        policies.can_see_contact(actor, concern),
        "Chỉ cán bộ trực tiếp xử lý vấn đề được ghi thông tin liên hệ.",
    )
    text = (text or "").strip()
    if not text:
        raise invalid("Vui lòng nhập thông tin liên hệ.", "contact")
    if len(text) > CONTACT_MAX:
        raise invalid(f"Thông tin liên hệ tối đa {CONTACT_MAX} ký tự.", "contact")
    reason = _reason(reason, "ghi")
    contact, created = PetitionerContact.objects.update_or_create(
        concern=concern, defaults={"ciphertext": encrypt(text), "purged_at": None}
    )
    record_event(
        actor=actor,
        target=concern,
        verb="contact_stored" if created else "contact_replaced",
        detail={"reason": reason},
    )
    return contact


def has_contact(concern: Concern) -> bool:
    return PetitionerContact.objects.filter(concern=concern, purged_at__isnull=True).exists()


@transaction.atomic
def contact_read(*, actor: Actor, contact_id, reason: str) -> tuple[PetitionerContact, str]:
    """The plain contact for a handling officer, with the reason logged on the concern.

    A contact the actor may not see, or an id that does not exist, is a 404 alike.
    """
    try:
        contact = (
            PetitionerContact.objects.visible_to(actor)
            .select_related("concern__board", "concern__council")
            .get(pk=int(contact_id), purged_at__isnull=True)
        )
    except (PetitionerContact.DoesNotExist, TypeError, ValueError) as exc:
        raise Http404("Không tìm thấy") from exc
    concern = contact.concern
    ensure(
        policies.can_see_contact(actor, concern),
        "Chỉ cán bộ trực tiếp xử lý vấn đề được xem thông tin liên hệ.",
    )
    reason = _reason(reason, "xem")
    record_event(actor=actor, target=concern, verb="contact_viewed", detail={"reason": reason})
    return contact, decrypt(contact.ciphertext)


def retention_months() -> int:
    row = ContactRetention.objects.order_by("pk").first()
    return row.months if row else ContactRetention._meta.get_field("months").default


@transaction.atomic
def retention_set(*, actor: Actor, months: int) -> ContactRetention:
    ensure(
        policies.can_set_retention(actor),
        "Chỉ cán bộ bảo vệ dữ liệu cá nhân được đặt thời hạn lưu.",
    )
    row = ContactRetention.objects.order_by("pk").first() or ContactRetention()
    before = row.months if row.pk else None
    row.months = months
    row.full_clean()
    row.save()
    record_event(
        actor=actor, target=row, verb="contact_retention_set", changes={"months": [before, months]}
    )
    return row


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` months earlier (the last day when the month is shorter)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for day in range(moment.day, 27, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return moment.replace(year=year, month=month, day=min(moment.day, 28))


def purge_contacts(now: datetime | None = None) -> int:
    """Erase the contacts of concerns finished more than N months ago; return how many.
    Idempotent: a purged contact keeps only its row (no ciphertext) and is skipped next time."""
    now = now or timezone.now()
    cutoff = months_before(now, retention_months())
    due = PetitionerContact.objects.filter(
        purged_at__isnull=True,
        concern__state__in=Concern.FINISHED_STATES,
        concern__closed_at__lte=cutoff,
    )
    return due.update(ciphertext=b"", purged_at=now)
