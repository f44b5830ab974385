"""A case carries the paths of its board, competent and reporting bodies and the province of its
main commune (kept when the case is escalated to the central board). The main commune is the
first place the reporter named, a choice no other column holds, so it is not listed here."""

from phoihop.core.copied_columns import Copy, column_of
from phoihop.organisations.models import AdminUnit, Organisation

from .models import Incident

COPIES = [
    Copy(Incident, "board_path", column_of(Organisation, "board_id", "path")),
    Copy(Incident, "competent_path", column_of(Organisation, "competent_body_id", "path")),
    Copy(Incident, "reporting_path", column_of(Organisation, "reporting_body_id", "path")),
    Copy(Incident, "province_id", column_of(AdminUnit, "commune_id", "parent_id")),
]
