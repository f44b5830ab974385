"""Evaluation criteria: the regime's weighted ratios of report figures, as data."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from phoihop.core.actor import Actor
from phoihop.core.audit import field_changes, record_event, snapshot
from phoihop.core.exceptions import ensure, invalid
from phoihop.core.plugins import figure_catalogue
from phoihop.programmes.models import Regime
from phoihop.programmes.policies import can_edit_regime

from ..models import EvaluationCriterion

MAX_WEIGHT = 100


@dataclass(frozen=True)
class CriterionData:
    label: str
    numerator_key: str
    denominator_key: str
    weight: int
    order: int = 0


CRITERION_FIELDS = ["label", "numerator_key", "denominator_key", "weight", "order"]


def _apply(criterion: EvaluationCriterion, data: CriterionData) -> None:
    label = " ".join(data.label.split())
    if not label:
        raise invalid("Nhập tên tiêu chí.", "label")
    known = figure_catalogue()
    for field in ("numerator_key", "denominator_key"):
        if getattr(data, field).strip() not in known:
            raise invalid(
                f"Không có số liệu «{getattr(data, field).strip()[:80]}»: chọn một số liệu mà "
                "hệ thống tính được (danh sách trên trang cấu hình).",
                field,
            )
    if not isinstance(data.weight, int) or not 0 <= data.weight <= MAX_WEIGHT:
        raise invalid(f"Trọng số là số nguyên từ 0 đến {MAX_WEIGHT}.", "weight")
    criterion.label = label
    criterion.numerator_key = data.numerator_key.strip()
    criterion.denominator_key = data.denominator_key.strip()
    criterion.weight = data.weight
    criterion.order = max(data.order, 0)


def _check_total(regime: Regime) -> None:
    """The regime's criteria must weigh something in all (a total of 0 scores nothing)."""
    weights = list(
        EvaluationCriterion.objects.filter(regime=regime).values_list("weight", flat=True)
    )
    if weights and sum(weights) <= 0:
        raise invalid("Tổng trọng số các tiêu chí phải lớn hơn 0.", "weight")


@transaction.atomic
def criterion_create(*, actor: Actor, regime: Regime, data: CriterionData) -> EvaluationCriterion:
    ensure(can_edit_regime(actor), "Chỉ quản trị hệ thống được thêm tiêu chí đánh giá.")
    criterion = EvaluationCriterion(regime=regime)
    _apply(criterion, data)
    criterion.full_clean()
    criterion.save()
    _check_total(regime)
    record_event(actor=actor, target=criterion, verb="evaluation_criterion_created")
    return criterion


@transaction.atomic
def criterion_update(
    *, actor: Actor, criterion: EvaluationCriterion, data: CriterionData
) -> EvaluationCriterion:
    ensure(can_edit_regime(actor), "Chỉ quản trị hệ thống được sửa tiêu chí đánh giá.")
    before = snapshot(criterion, CRITERION_FIELDS)
    _apply(criterion, data)
    criterion.full_clean()
    criterion.save()
    _check_total(criterion.regime)
    record_event(
        actor=actor,
        target=criterion,
        verb="evaluation_criterion_updated",
        changes=field_changes(criterion, before, CRITERION_FIELDS),
    )
    return criterion


@transaction.atomic
def criterion_delete(*, actor: Actor, criterion: EvaluationCriterion) -> None:
    """Remove a criterion; without any, the code's defaults apply (selectors.DEFAULT_CRITERIA)."""
    ensure(can_edit_regime(actor), "Chỉ quản trị hệ thống được xóa tiêu chí đánh giá.")
    regime = criterion.regime
    record_event(
        actor=actor,
        target=criterion,
        verb="evaluation_criterion_deleted",
        detail={"label": criterion.label, "weight": criterion.weight},
    )
    criterion.delete()
    _check_total(regime)
