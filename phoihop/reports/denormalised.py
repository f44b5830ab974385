"""A submission carries its body's tree path (completeness and consolidation filter on it)."""

from phoihop.core.copied_columns import Copy, column_of
from phoihop.organisations.models import Organisation

from .models import ReportSubmission

COPIES = [
    Copy(ReportSubmission, "organisation_path", column_of(Organisation, "organisation_id", "path"))
]
