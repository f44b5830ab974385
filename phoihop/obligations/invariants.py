"""The invariants of obligations, as queries a command and the tests can run (decision 0013).

* no open obligation outlives its object: the object exists, and is still open;
* no open obligation sits with a dissolved body;
* every open obligation is of a declared step;
* every open object has an open obligation.

"Open" is each capability's knowledge: an app's `obligations.py` may declare
`OPEN_OBJECTS = {Model: Q(...)}`, the condition its objects meet while they owe something.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet

from phoihop.core.plugins import app_modules

from .models import Obligation
from .steps import declared_codes


@dataclass(frozen=True)
class Violation:
    label: str
    count: int


def open_objects() -> dict:
    declared = {}
    for module in app_modules("obligations"):
        declared.update(getattr(module, "OPEN_OBJECTS", {}))
    return declared


def _open_on(model) -> QuerySet[Obligation]:
    return Obligation.objects.open().filter(target_type=ContentType.objects.get_for_model(model))


def orphans() -> list[Violation]:
    """Open obligations whose object was deleted, per kind of object."""
    found = []
    type_ids = Obligation.objects.open().order_by().values_list("target_type", flat=True).distinct()
    for content_type in ContentType.objects.filter(pk__in=list(type_ids)):
        model = content_type.model_class()
        rows = Obligation.objects.open().filter(target_type=content_type)
        if model is not None:
            rows = rows.exclude(target_id__in=model._default_manager.values("pk"))
        found.append(Violation(f"việc còn mở của {content_type} đã bị xóa", rows.count()))
    return found


def on_closed_objects() -> list[Violation]:
    found = []
    for model, condition in open_objects().items():
        still_open = model._default_manager.filter(condition).values("pk")
        rows = _open_on(model).exclude(target_id__in=still_open)
        found.append(Violation(f"việc còn mở của {model._meta.verbose_name} đã đóng", rows.count()))
    return found


def without_obligation() -> list[Violation]:
    found = []
    for model, condition in open_objects().items():
        owed = _open_on(model).filter(target_id=OuterRef("pk"))
        rows = model._default_manager.filter(condition).filter(~Exists(owed))
        label = f"{model._meta.verbose_name} đang mở mà không có việc nào"
        found.append(Violation(label, rows.count()))
    return found


def of_dissolved_bodies() -> Violation:
    rows = Obligation.objects.open().filter(organisation__valid_to__isnull=False)
    return Violation("việc còn mở của cơ quan đã hết hiệu lực", rows.count())


def of_unknown_steps() -> Violation:
    rows = Obligation.objects.open().filter(~Q(step__in=declared_codes()))
    return Violation("việc còn mở của bước không được khai báo", rows.count())


def violations() -> list[Violation]:
    return [
        *orphans(),
        *on_closed_objects(),
        *without_obligation(),
        of_dissolved_bodies(),
        of_unknown_steps(),
    ]
