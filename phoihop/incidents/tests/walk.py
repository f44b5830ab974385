"""The incidents app's rows of the access walk (phoihop/tests/test_access_walk.py)."""

from phoihop.incidents import services
from phoihop.incidents.models import (
    OrientationPlan,
    PressRelease,
    SituationReport,
    SituationSection,
    WorkingGroupMember,
)
from phoihop.testing.incidents import case_people, report_case

NO_OBJECT = {
    "incidents:list",
    "incidents:create",
    "api:incidents",
}


def objects(world) -> dict[str, int]:
    """A Quảng Ngãi case with every part, so each URL has an object the outsider must not reach."""
    people = case_people(world)
    case = report_case(world)
    services.incident_acknowledge(actor=world.actor(people.duty_officer), incident=case)
    member = WorkingGroupMember.objects.create(
        incident=case, user=world.agency_officer, organisation=world.department, role="member"
    )
    OrientationPlan.objects.create(incident=case, handler="x", message="x", spokesperson="x")
    release = PressRelease.objects.create(incident=case, title="x", body="x")
    report = SituationReport.objects.create(incident=case, number=1)
    SituationSection.objects.create(
        report=report, organisation=world.department, author=world.agency_officer, text="x"
    )
    pk = case.pk
    return {
        "incidents:detail": pk,
        "incidents:action": pk,
        "incidents:assess": pk,
        "incidents:merge": pk,
        "incidents:orientation_save": pk,
        "incidents:orientation_approve": pk,
        "incidents:orientation_versions": pk,
        "incidents:member_add": pk,
        "incidents:log_append": pk,
        "incidents:section_save": pk,
        "incidents:release_create": pk,
        "incidents:conference_record": pk,
        "incidents:member_remove": member.pk,
        "incidents:sitrep_action": report.pk,
        "incidents:press_release": release.pk,
        "incidents:release_action": release.pk,
        "api:incident": pk,
        "api:incident_actions": pk,
        "api:incident_orientation_plan": pk,
        "api:incident_orientation_plan_approve": pk,
        "api:incident_orientation_plan_versions": pk,
        "api:incident_members": pk,
        "api:incident_log": pk,
        "api:incident_sitreps": pk,
        "api:incident_press_releases": pk,
        "api:incident_press_conferences": pk,
        "api:incident_member": member.pk,
        "api:sitrep_actions": report.pk,
        "api:press_release": release.pk,
        "api:press_release_actions": release.pk,
        "api:press_release_versions": release.pk,
    }
