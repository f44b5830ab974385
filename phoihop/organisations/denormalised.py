"""A body's level and province follow from its seat (see `organisations.services`)."""

from django.db.models import Case, F, Value, When
from django.db.models.functions import Coalesce

from phoihop.core.copied_columns import Copy, column_of

from .models import AdminUnit, Organisation

COPIES = [
    Copy(
        Organisation,
        "province_id",
        column_of(
            AdminUnit,
            "admin_unit_id",
            Case(When(level=AdminUnit.Level.PROVINCE, then=F("pk")), default=F("parent_id")),
        ),
    ),
    Copy(
        Organisation,
        "level",
        Coalesce(column_of(AdminUnit, "admin_unit_id", "level"), Value(Organisation.Level.CENTRAL)),
    ),
]
