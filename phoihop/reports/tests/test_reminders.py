import pytest

from phoihop.accounts.roles import Role
from phoihop.core import calendar
from phoihop.notifications.models import Notification
from phoihop.reports import services
from phoihop.reports.reminders import send_report_reminders
from phoihop.testing.world import person

from .conftest import request_data, write_and_submit

pytestmark = pytest.mark.django_db


def keys(user) -> list[str]:
    return sorted(Notification.objects.filter(user=user).values_list("event_key", flat=True))


def test_issuing_tells_every_recipients_writers(
    world, council_officer, django_capture_on_commit_callbacks
):
    request = services.report_request_create(
        actor=world.actor(world.board_officer),
        board=world.board,
        data=request_data(),
        recipients=[world.council, world.department],
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.report_request_issue(actor=world.actor(world.board_leader), request=request)
    council = request.submissions.get(organisation=world.council)
    letter = request.dispatch.recipients.get(organisation=world.council)
    # The letter arrives in the inbox, and the report it asks for is owed.
    assert keys(council_officer) == [
        f"dispatch-recipient:{letter.pk}:delivered",
        f"report:{council.pk}:issued",
    ]
    assert len(keys(world.agency_officer)) == 2


def test_reminders_before_the_deadline_once_each_and_escalation_after(
    world, issued, council_officer, smtp_server
):
    leader = person("council_leader", world.council, Role.AGENCY_LEADER)
    deadline = issued.deadline
    council = issued.submissions.get(organisation=world.council)
    base = f"report:{council.pk}:due:{deadline.isoformat()}"
    five_before = calendar.add_working_days(deadline, -5)
    assert send_report_reminders(five_before) > 0
    assert send_report_reminders(five_before) == 0  # a second run the same day: nobody twice
    assert f"{base}:reminder:5" in keys(council_officer)
    send_report_reminders(calendar.add_working_days(deadline, -2))
    send_report_reminders(deadline)
    assert {f"{base}:reminder:{d}" for d in (5, 2, 0)} <= set(keys(council_officer))
    send_report_reminders(calendar.add_working_days(deadline, 1))
    assert f"{base}:overdue:focal_leader" in keys(leader)
    assert f"{base}:overdue:board_leaders" not in keys(world.board_leader)
    send_report_reminders(calendar.add_working_days(deadline, 5))
    assert f"{base}:overdue:board_leaders" in keys(world.board_leader)


def test_a_delivered_report_is_not_chased(world, issued, council_officer):
    write_and_submit(world, issued.submissions.get(organisation=world.council), council_officer)
    before = len(keys(council_officer))
    send_report_reminders(calendar.add_working_days(issued.deadline, 6))
    assert len(keys(council_officer)) == before
