"""The configurable taxonomy of sectors (`Category`) with each one's answer deadline.

Only the installation's operator changes it. A category is never deleted while a concern uses
it (the concerns and their statistics keep their sector); it is deactivated instead, which
takes it out of the forms for new concerns and triage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction

from phoihop.core.actor import Actor
from phoihop.core.audit import field_changes, record_event, snapshot
from phoihop.core.exceptions import ensure, invalid

from .. import policies
from ..models import Category, Concern
from .common import clean

DENIED = "Chỉ quản trị hệ thống được sửa danh mục lĩnh vực."
FIELDS = ["code", "name", "deadline_working_days", "order", "is_active"]
DEADLINE_MAX = 365
CODE = re.compile(r"[a-z0-9_-]{1,40}")
NAME_MAX = 120


@dataclass(frozen=True)
class CategoryData:
    code: str
    name: str
    deadline_working_days: int
    order: int = 0


def _fill(category: Category, data: CategoryData) -> None:
    code, name = clean(data.code).lower(), clean(data.name)
    if not CODE.fullmatch(code):
        raise invalid(
            "Mã lĩnh vực gồm 1–40 chữ cái không dấu, chữ số, dấu gạch ngang hoặc gạch dưới "
            "(ví dụ: dat_dai).",
            "code",
        )
    if not name or len(name) > NAME_MAX:
        raise invalid(f"Vui lòng nhập tên lĩnh vực (tối đa {NAME_MAX} ký tự).", "name")
    if Category.objects.filter(code=code).exclude(pk=category.pk).exists():
        raise invalid(f"Mã lĩnh vực «{code}» đã được dùng; hãy chọn mã khác.", "code")
    days = data.deadline_working_days
    if days is None or not 1 <= days <= DEADLINE_MAX:
        raise invalid(
            f"Hạn giải quyết phải từ 1 đến {DEADLINE_MAX} ngày làm việc.", "deadline_working_days"
        )
    if data.order is None or data.order < 0:
        raise invalid("Thứ tự hiển thị phải là số không âm.", "order")
    category.code, category.name = code, name
    category.deadline_working_days, category.order = days, data.order
    category.full_clean()


@transaction.atomic
def category_create(*, actor: Actor, data: CategoryData) -> Category:
    ensure(policies.can_manage_categories(actor), DENIED)
    category = Category()
    _fill(category, data)
    category.save()
    record_event(actor=actor, target=category, verb="category_created")
    return category


@transaction.atomic
def category_update(*, actor: Actor, category: Category, data: CategoryData) -> Category:
    """Rename, re-code or change the deadline (new triages use it; set deadlines stay)."""
    ensure(policies.can_manage_categories(actor), DENIED)
    before = snapshot(category, FIELDS)
    _fill(category, data)
    category.save()
    changes = field_changes(category, before, FIELDS)
    if changes:
        record_event(actor=actor, target=category, verb="category_updated", changes=changes)
    return category


def in_use(category: Category) -> int:
    """How many concerns have this sector (they keep it whatever happens to the category)."""
    return Concern.objects.filter(category=category).count()


@transaction.atomic
def category_set_active(*, actor: Actor, category: Category, active: bool) -> Category:
    """Deactivate (no new concern or triage may pick it) or bring back a category."""
    ensure(policies.can_manage_categories(actor), DENIED)
    if category.is_active == active:
        state = "đang được dùng" if active else "đã ngừng sử dụng"
        raise invalid(f"Lĩnh vực «{category.name}» {state}.")
    category.is_active = active
    category.save(update_fields=["is_active"])
    record_event(
        actor=actor,
        target=category,
        verb="category_activated" if active else "category_deactivated",
        changes={"is_active": [not active, active]},
    )
    return category


@transaction.atomic
def category_delete(*, actor: Actor, category: Category) -> None:
    """Delete a category no concern has ever used; one in use can only be deactivated."""
    ensure(policies.can_manage_categories(actor), DENIED)
    used = in_use(category)
    if used:
        raise invalid(
            f"Lĩnh vực «{category.name}» đang được {used} vấn đề sử dụng nên không thể xóa; "
            "hãy ngừng sử dụng lĩnh vực này."
        )
    record_event(
        actor=actor,
        target=category,
        verb="category_deleted",
        detail={"code": category.code, "name": category.name},
    )
    category.delete()
