from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The pages that belong to no domain (home, search, audit, jobs, calendar, errors): the top
    layer, which may use every app and which no app uses."""

    name = "phoihop.site"
    label = "site"
    verbose_name = "Trang chung"

    def ready(self) -> None:
        from . import audit_export  # noqa: F401  (registers the audit export job)
