"""The demo cases: realistic, and a second seed changes nothing."""

from django.core.management import call_command

from phoihop.core.models import AuditEntry
from phoihop.incidents.models import (
    Incident,
    PressConference,
    PressRelease,
    WorkingGroupMember,
)


def counts():
    return (
        Incident.objects.count(),
        PressRelease.history.count(),
        WorkingGroupMember.objects.count(),
        AuditEntry.objects.filter(verb__startswith="incident").count(),
    )


def test_the_demo_has_a_land_case_with_two_press_release_versions_an_escalation_and_a_waiting_case(
    db,
):
    call_command("load_admin_units", verbosity=0)
    call_command("seed_demo", verbosity=0)
    first = counts()
    land = Incident.objects.get(title__contains="giải phóng mặt bằng")
    assert land.commune.name == "Phường Đức Phổ" and land.state == Incident.State.COORDINATING
    assert land.members.count() == 3 and land.orientation_plan.state == "approved"
    release = land.press_releases.get()
    assert release.state == PressRelease.State.PUBLISHED
    assert {h.version for h in release.history.all()} == {1, 2}
    assert PressConference.objects.filter(incident=land).exists()
    escalated = Incident.objects.get(state=Incident.State.ESCALATED)
    assert escalated.escalated_to.board.name == "Ban Tuyên giáo và Dân vận Trung ương"
    assert Incident.objects.filter(state=Incident.State.REPORTED).exists()
    assert land.board.name == "Ban Xây dựng Đảng Đảng ủy phường Đức Phổ"  # the ward's own board
    call_command("seed_demo", verbosity=0)
    assert counts() == first
