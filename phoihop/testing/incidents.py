"""Cases built through the services, for the tests of every app, the API and the browser."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from phoihop.accounts.models import User
from phoihop.accounts.roles import Role
from phoihop.incidents import services
from phoihop.incidents.models import Channel, Incident
from phoihop.organisations.models import Organisation
from phoihop.testing.world import World, body, person

SUMMARY = (
    "Một số hộ dân tại khu dân cư chưa đồng thuận với phương án bồi thường giải phóng mặt bằng "
    "dự án đường ven biển; đã tập trung đông người tại trụ sở UBND phường."
)


@dataclass
class CasePeople:
    duty_officer: User
    agency_leader: User
    central_board: Organisation


def case_people(world: World) -> CasePeople:
    """A duty officer at the board, the department's leader (the competent body's leader) and
    a central board above the province's, for escalation."""
    central = body(
        world.centre,
        "Ban Tuyên giáo và Dân vận Trung ương",
        Organisation.Kind.BOARD,
        Organisation.Side.PARTY,
        None,
    )
    return CasePeople(
        duty_officer=person("duty_officer", world.board, Role.DUTY_OFFICER),
        agency_leader=person("agency_leader", world.department, Role.AGENCY_LEADER),
        central_board=Organisation.objects.get(pk=central.pk),
    )


def case_data(world: World, **extra) -> services.IncidentData:
    values = {
        "title": "Tụ tập đông người phản đối phương án bồi thường giải phóng mặt bằng",
        "summary": SUMMARY,
        "sector": Incident.Sector.LAND,
        "severity": Incident.Severity.MEDIUM,
        "channels": [Channel.PHONE, Channel.SYSTEM],
        "places": [world.duc_pho],
    }
    values.update(extra)
    return services.IncidentData(**values)


def report_case(world: World, *, reported_at: datetime | None = None, **extra) -> Incident:
    return services.incident_report(
        actor=world.actor(world.agency_officer),
        reporting_body=world.department,
        competent_body=world.department,
        data=case_data(world, reported_at=reported_at, **extra),
    )


def restricted_case(world: World, **extra) -> Incident:
    values = {"summary": "", "reference": "Hồ sơ số 12/HS-M lưu tại Văn phòng Sở"} | extra
    return report_case(world, classification=Incident.Classification.RESTRICTED, **values)
