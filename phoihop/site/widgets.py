"""Home-page cards of the site itself: the actor's roles with the everyday links, and, for
those who may read the audit trail, its latest entries."""

from __future__ import annotations

from phoihop.accounts.policies import can_view_audit
from phoihop.core.plugins import HomeWidget
from phoihop.core.selectors import AuditFilter, audit_list

RECENT_AUDIT_SHOWN = 5


def home_widgets(*, actor) -> list[HomeWidget]:
    widgets = [HomeWidget("site/_home_roles.html", {"memberships": actor.memberships}, order=60)]
    if can_view_audit(actor):
        entries = audit_list(actor=actor, filters=AuditFilter())[:RECENT_AUDIT_SHOWN]
        widgets.append(HomeWidget("site/_home_recent_audit.html", {"entries": entries}, order=80))
    return widgets
