"""A concern carries its board's and current owner's paths and the province of its main
commune. (The main commune is the first place entered, a choice no other column holds.)"""

from phoihop.core.copied_columns import Copy, column_of
from phoihop.organisations.models import AdminUnit, Organisation

from .models import Concern

COPIES = [
    Copy(Concern, "board_path", column_of(Organisation, "board_id", "path")),
    Copy(Concern, "owner_path", column_of(Organisation, "owner_id", "path")),
    Copy(Concern, "province_id", column_of(AdminUnit, "commune_id", "parent_id")),
]
