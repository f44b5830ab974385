"""A dispatch carries its issuer's path and place; a recipient row its body's path."""

from django.db.models import Case, F, When

from phoihop.core.copied_columns import Copy, column_of
from phoihop.organisations.models import AdminUnit, Organisation

from .models import Dispatch, DispatchRecipient

ISSUER_COMMUNE = Case(
    When(admin_unit__level=AdminUnit.Level.COMMUNE, then=F("admin_unit_id")), default=None
)

COPIES = [
    Copy(Dispatch, "issuer_path", column_of(Organisation, "issuer_id", "path")),
    Copy(Dispatch, "province_id", column_of(Organisation, "issuer_id", "province_id")),
    Copy(Dispatch, "commune_id", column_of(Organisation, "issuer_id", ISSUER_COMMUNE)),
    Copy(
        DispatchRecipient,
        "organisation_path",
        column_of(Organisation, "organisation_id", "path"),
    ),
]
