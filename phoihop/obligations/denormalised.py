"""An obligation carries its owing body's tree path and province (scoping and "mine" filter on
them without joining the tree)."""

from phoihop.core.copied_columns import Copy, column_of
from phoihop.organisations.models import Organisation

from .models import Obligation

COPIES = [
    Copy(Obligation, "organisation_path", column_of(Organisation, "organisation_id", "path")),
    Copy(Obligation, "province_id", column_of(Organisation, "organisation_id", "province_id")),
]
