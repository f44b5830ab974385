"""Every non-trivial read of the reports app, and what its pages show.

One module per part of the workflow; this package re-exports the selectors so callers write
`selectors.completeness`.
"""

from .completeness import (
    STATUS_LABELS,
    Completeness,
    Grid,
    completeness,
    completeness_grid,
    grid_chart,
)
from .evaluation import (
    DEFAULT_CRITERIA,
    Evaluation,
    Score,
    configuration,
    criteria_for,
    evaluate,
    evaluations,
)
from .requests import (
    LetterDelivery,
    awaiting_review,
    consolidation_page,
    grid_board,
    letter_delivery,
    my_submissions,
    recipient_candidates,
    request_initial,
    request_list,
    request_page,
    requesting_boards,
    submission_page,
)
from .reviews import (
    award_list,
    conference_defaults,
    conference_list,
    conference_page,
    months_after,
)

__all__ = [
    "DEFAULT_CRITERIA",
    "STATUS_LABELS",
    "Completeness",
    "Evaluation",
    "Grid",
    "LetterDelivery",
    "Score",
    "awaiting_review",
    "award_list",
    "completeness",
    "completeness_grid",
    "conference_defaults",
    "conference_list",
    "conference_page",
    "configuration",
    "consolidation_page",
    "criteria_for",
    "evaluate",
    "evaluations",
    "grid_board",
    "grid_chart",
    "letter_delivery",
    "months_after",
    "my_submissions",
    "recipient_candidates",
    "request_initial",
    "request_list",
    "request_page",
    "requesting_boards",
    "submission_page",
]
