"""How a body is evaluated over a period: each criterion scored from its report figures,
with the rule that produced the points, so the board can explain every number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeGuard

from phoihop.core.plugins import report_figures
from phoihop.organisations.models import Organisation
from phoihop.programmes.models import Regime
from phoihop.programmes.services import current_regime

from ..models import EvaluationCriterion, ReportTemplate
from ..services.requests import reach_path

# Used when an administrator has not loaded the regime's own criteria (label, numerator key,
# denominator key, weight in %). The keys are report figures (phoihop.core.plugins).
DEFAULT_CRITERIA = [
    ("Nhiệm vụ phối hợp hoàn thành đúng hạn", "programmes.tasks_on_time", "programmes.tasks", 30),
    ("Nhiệm vụ phối hợp đã hoàn thành", "programmes.tasks_done", "programmes.tasks", 10),
    ("Báo cáo định kỳ nộp đúng hạn", "reports.on_time", "reports.expected", 20),
    (
        "Vụ việc phức tạp, nhạy cảm được tiếp nhận đúng hạn",
        "incidents_acknowledged_on_time",
        "incidents_reported",
        10,
    ),
    (
        "Phương án định hướng thông tin thống nhất đúng hạn",
        "incidents_orientation_on_time",
        "incidents_reported",
        10,
    ),
    (
        "Vấn đề dư luận quan tâm được trả lời đúng hạn",
        "concerns_answered_on_time",
        "concerns_answered",
        20,
    ),
]


@dataclass(frozen=True)
class Score:
    label: str
    numerator: float | None
    denominator: float | None
    weight: int
    effective_weight: float
    points: float | None
    rule: str

    @property
    def applies(self) -> bool:
        return self.points is not None


@dataclass(frozen=True)
class Evaluation:
    organisation: Organisation
    start: date
    end: date
    scores: list[Score]

    @property
    def total(self) -> float | None:
        applied = [s.points for s in self.scores if s.points is not None]
        return round(sum(applied), 1) if applied else None


def criteria_for(regime: Regime) -> list[tuple[str, str, str, int]]:
    rows = [
        (c.label, c.numerator_key, c.denominator_key, c.weight)
        for c in EvaluationCriterion.objects.filter(regime=regime)
    ]
    return rows or DEFAULT_CRITERIA


def evaluate(organisation: Organisation, start: date, end: date, criteria) -> Evaluation:
    """Score `organisation` over `start`..`end` from its record (its subtree's report figures):
    each criterion is numerator / denominator × weight; criteria without data do not apply and
    the remaining weights are scaled to 100."""
    figures = {f.key: f.value for f in report_figures(path=organisation.path, start=start, end=end)}
    raw = [
        (label, _amount(figures.get(num_key)), _amount(figures.get(den_key)), weight)
        for label, num_key, den_key, weight in criteria
    ]
    applied_weight = sum(weight for _, _, denominator, weight in raw if _usable(denominator))
    scores = []
    for label, numerator, denominator, weight in raw:
        if not _usable(denominator):
            scores.append(
                Score(
                    label,
                    None,
                    denominator,
                    weight,
                    0,
                    None,
                    "Không có số liệu trong kỳ: "
                    "không tính, trọng số chia cho các tiêu chí còn lại.",
                )
            )
            continue
        share = weight * 100 / applied_weight
        ratio = (numerator or 0) / denominator
        points = round(ratio * share, 1)
        rule = (
            f"{numerator or 0}/{denominator} = {ratio:.0%} × trọng số {share:.0f}% "
            f"(quy định {weight}%) = {points} điểm"
        ).replace(".", ",")
        scores.append(Score(label, numerator or 0, denominator, weight, share, points, rule))
    return Evaluation(organisation=organisation, start=start, end=end, scores=scores)


def _amount(value: object) -> float | None:
    """A figure a ratio can use: a number (a text figure never is)."""
    return value if isinstance(value, int | float) else None


def _usable(denominator: float | None) -> TypeGuard[float]:
    """Whether a criterion has data in the period: a positive denominator."""
    return denominator is not None and denominator > 0


def evaluations(*, board: Organisation, start: date, end: date) -> list[Evaluation]:
    """Every body within the board's reach that existed in the period (board and Party
    committees excluded), evaluated with the current regime's criteria."""
    criteria = criteria_for(current_regime())
    bodies = (
        Organisation.objects.filter(path__startswith=reach_path(board))
        .exclude(pk=board.pk)
        .exclude(kind=Organisation.Kind.PARTY_COMMITTEE)
        .active_on(end)
    )
    return [evaluate(body, start, end, criteria) for body in bodies]


def configuration(*, regime: Regime) -> dict:
    """The regime's report templates and evaluation criteria; the code's default criteria are
    shown (and apply) while the regime has none of its own."""
    criteria = list(EvaluationCriterion.objects.filter(regime=regime))
    return {
        "regime": regime,
        "templates": ReportTemplate.objects.filter(regime=regime),
        "criteria": criteria,
        "defaults": [] if criteria else DEFAULT_CRITERIA,
        "total_weight": sum(c.weight for c in criteria),
    }
