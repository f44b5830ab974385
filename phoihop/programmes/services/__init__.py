"""Every write to regimes, programmes, parties, plans, tasks and outputs.

Each service checks the policy (403), validates (a Vietnamese ValidationError, nothing written),
saves and records the event on the object's timeline. The modules follow the entities; callers
use this package (`services.task_assign(...)`), never a module inside it.
"""

from .outputs import output_add
from .parties import party_add, party_remove, party_update
from .plans import plan_create, plan_import_start, resolve_due
from .programmes import (
    PROGRAMME_ACTIONS,
    ProgrammeData,
    attachment_add,
    programme_actions,
    programme_advance,
    programme_cancel,
    programme_create,
    programme_set_deadlines,
    programme_supersede,
    programme_update,
)
from .regime import (
    content_item_update,
    current_regime,
    regime_update_defaults,
    regime_update_review_defaults,
)
from .tasks import (
    TASK_REPORTING,
    TASK_STEERING,
    TaskData,
    assignment_set_due,
    task_actions,
    task_advance,
    task_cancel,
    task_carry_over,
    task_create,
    task_defer,
    task_update_progress,
)

__all__ = [
    "PROGRAMME_ACTIONS",
    "TASK_REPORTING",
    "TASK_STEERING",
    "ProgrammeData",
    "TaskData",
    "assignment_set_due",
    "attachment_add",
    "content_item_update",
    "current_regime",
    "output_add",
    "party_add",
    "party_remove",
    "party_update",
    "plan_create",
    "plan_import_start",
    "programme_actions",
    "programme_advance",
    "programme_cancel",
    "programme_create",
    "programme_set_deadlines",
    "programme_supersede",
    "programme_update",
    "regime_update_defaults",
    "regime_update_review_defaults",
    "resolve_due",
    "task_actions",
    "task_advance",
    "task_cancel",
    "task_carry_over",
    "task_create",
    "task_defer",
    "task_update_progress",
]
