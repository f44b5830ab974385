"""Numbers of dispatches: the system register of each body and year, and typed-in numbers."""

from __future__ import annotations

from datetime import date

from django.utils.text import Truncator

from phoihop.core.exceptions import invalid
from phoihop.organisations.models import Organisation

from ..models import Dispatch, Register


def _check_number_free(dispatch: Dispatch) -> None:
    taken = (
        Dispatch.objects.filter(
            issuer_id=dispatch.issuer_id, number_year=dispatch.number_year, number=dispatch.number
        )
        .exclude(pk=dispatch.pk)
        .first()
    )
    if taken is not None:
        raise invalid(
            f"Số {dispatch.number:02d} năm {dispatch.number_year} của cơ quan đã dùng cho văn bản "
            f"«{Truncator(taken.summary).chars(80)}».",
            "number",
        )


def next_number(issuer: Organisation, year: int) -> int:
    """Take the next number of `issuer`'s register for `year` (locks the register row), skipping
    numbers already typed in from the body's own register."""
    register, _ = Register.objects.get_or_create(organisation=issuer, year=year)
    register = Register.objects.select_for_update().get(pk=register.pk)
    number = register.last_number + 1
    used = set(
        Dispatch.objects.filter(issuer=issuer, number_year=year, number__gte=number).values_list(
            "number", flat=True
        )
    )
    while number in used:
        number += 1
    register.last_number = number
    register.save(update_fields=["last_number"])
    return number


def _number(dispatch: Dispatch, today: date) -> None:
    """Give a dispatch being sent its number and date: the next one of the system register, or
    the typed-in number checked again (another dispatch may have taken it since the draft)."""
    if dispatch.numbering == Dispatch.Numbering.SYSTEM:
        dispatch.number_year = today.year
        dispatch.number = next_number(dispatch.issuer, today.year)
        dispatch.issued_on = today
    else:
        dispatch.issued_on = dispatch.issued_on or today
        dispatch.number_year = dispatch.issued_on.year
        _check_number_free(dispatch)
