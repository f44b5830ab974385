"""Every write to cases, working groups, logs, situation reports, orientation plans and press,
and the periodic clock check.

Each function checks the policy, validates, saves, records the event on the case's timeline and
tells the people concerned (notifications are rows in the same transaction; their e-mail copies
leave once it commits). Bad input raises a ValidationError with a Vietnamese message before
anything is written.
"""

from ._shared import FUTURE_TOLERANCE, TEXT_MAX
from .cases import (
    ACTIONS,
    Action,
    IncidentData,
    incident_acknowledge,
    incident_act,
    incident_actions,
    incident_assess,
    incident_close,
    incident_escalate,
    incident_merge,
    incident_publicise_result,
    incident_reopen,
    incident_report,
    incident_resolve,
    incident_start_coordination,
)
from .clocks import incident_clocks_check
from .orientation import OrientationData, orientation_plan_approve, orientation_plan_save
from .press import (
    ConferenceData,
    press_conference_record,
    press_release_approve,
    press_release_publish,
    press_release_save,
    press_release_submit,
)
from .situation import situation_report_approve, situation_report_publish, situation_section_save
from .working_group import (
    position_log_append,
    working_group_add_member,
    working_group_remove_member,
)

__all__ = [
    "ACTIONS",
    "FUTURE_TOLERANCE",
    "TEXT_MAX",
    "Action",
    "ConferenceData",
    "IncidentData",
    "OrientationData",
    "incident_acknowledge",
    "incident_act",
    "incident_actions",
    "incident_assess",
    "incident_clocks_check",
    "incident_close",
    "incident_escalate",
    "incident_merge",
    "incident_publicise_result",
    "incident_reopen",
    "incident_report",
    "incident_resolve",
    "incident_start_coordination",
    "orientation_plan_approve",
    "orientation_plan_save",
    "position_log_append",
    "press_conference_record",
    "press_release_approve",
    "press_release_publish",
    "press_release_save",
    "press_release_submit",
    "situation_report_approve",
    "situation_report_publish",
    "situation_section_save",
    "working_group_add_member",
    "working_group_remove_member",
]
