"""Which models auditlog follows field by field (before → after on every save)."""

from auditlog.registry import auditlog
from django.apps import apps

AUDITED = {
    "accounts.User": {"exclude_fields": ["password", "last_login"]},
    "accounts.Membership": {},
    "organisations.Organisation": {"exclude_fields": ["search_text", "numchild"]},
    "organisations.FocalPoint": {"m2m_fields": {"contacts"}},
    "organisations.Lineage": {},
    "core.CalendarException": {},
}


def register_audited_models() -> None:
    for label, options in AUDITED.items():
        model = apps.get_model(label)
        if not auditlog.contains(model):
            auditlog.register(model, **options)
