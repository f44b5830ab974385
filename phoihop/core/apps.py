from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "phoihop.core"
    verbose_name = "Lõi hệ thống"

    def ready(self) -> None:
        from . import audit_export, checks  # noqa: F401  (registers checks and job runners)
        from .auditing import register_audited_models

        register_audited_models()
