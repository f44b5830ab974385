"""Reads for review conferences and awards: what a new conference proposes, and their pages."""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from django.db.models import QuerySet

from phoihop.core.actor import Actor
from phoihop.organisations.models import Organisation
from phoihop.programmes.models import Programme, Regime
from phoihop.programmes.services import current_regime

from .. import policies
from ..models import Award, ReviewConference
from .requests import recipient_candidates


def months_after(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def conference_defaults(
    *, board: Organisation, kind: str, today: date, regime: Regime | None = None
) -> dict:
    """What a new conference form proposes, from the regime's data: the annual review of last
    year held by the regime's day of January; the final review of the board's latest phase
    programme within the regime's months after the phase ends."""
    regime = regime or current_regime()
    if kind == ReviewConference.Kind.FINAL:
        phase = (
            Programme.objects.filter(board=board, end__lte=months_after(today, 12))
            .order_by("-end")
            .first()
        )
        if phase is None:
            return {"kind": kind}
        return {
            "kind": kind,
            "title": f"Hội nghị tổng kết {phase.title}",
            "period_start": phase.start,
            "period_end": phase.end,
            "held_on": months_after(phase.end, regime.final_review_within_months),
        }
    year = today.year if today.month <= 6 else today.year + 1
    return {
        "kind": ReviewConference.Kind.PRELIMINARY,
        "title": f"Hội nghị sơ kết năm {year - 1} thực hiện {regime.short_citation}",
        "period_start": date(year - 1, 1, 1),
        "period_end": date(year - 1, 12, 31),
        "held_on": date(year, 1, min(regime.preliminary_review_by_day, 31)),
    }


def conference_list(*, actor: Actor) -> QuerySet[ReviewConference]:
    return ReviewConference.objects.visible_to(actor).select_related("board")


def conference_page(*, actor: Actor, conference: ReviewConference) -> dict:
    """A conference with its parts, and the bodies a conclusion may be given to."""
    return {
        "object": conference,
        "can_manage": policies.can_request_reports(actor, conference.board),
        "participants": conference.participants.all(),
        "documents": conference.documents.all(),
        "conclusions": conference.conclusions.select_related("lead", "task"),
        "awards": conference.awards.select_related("organisation"),
        "candidates": recipient_candidates(board=conference.board),
    }


def award_list(*, actor: Actor) -> QuerySet[Award]:
    return Award.objects.visible_to(actor).select_related("organisation", "board")
