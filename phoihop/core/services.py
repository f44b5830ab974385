"""Writes of the core records: calendar exceptions."""

from django.db import transaction

from .actor import Actor
from .audit import record_event
from .exceptions import ensure
from .models import CalendarException
from .policies import can_edit_calendar


@transaction.atomic
def calendar_exception_add(*, actor: Actor, day, kind: str, note: str = "") -> CalendarException:
    ensure(can_edit_calendar(actor), "Chỉ quản trị hệ thống mới sửa được lịch làm việc.")
    exception = CalendarException(day=day, kind=kind, note=note.strip())
    exception.full_clean()
    exception.save()
    record_event(actor=actor, target=exception, verb="calendar_exception_added")
    return exception


@transaction.atomic
def calendar_exception_remove(*, actor: Actor, exception: CalendarException) -> None:
    ensure(can_edit_calendar(actor), "Chỉ quản trị hệ thống mới sửa được lịch làm việc.")
    record_event(actor=actor, target=exception, verb="calendar_exception_removed")
    exception.delete()
