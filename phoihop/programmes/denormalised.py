"""A task carries its lead body's tree path ("my work" and dashboards filter on it)."""

from phoihop.core.copied_columns import Copy, column_of
from phoihop.organisations.models import Organisation

from .models import Task

COPIES = [Copy(Task, "lead_path", column_of(Organisation, "lead_id", "path"))]
