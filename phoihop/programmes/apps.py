from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "phoihop.programmes"
    verbose_name = "Chương trình phối hợp"

    def ready(self) -> None:
        from phoihop.core.models import register_event_labels

        from . import spreadsheets  # noqa: F401  (registers the plan import job)
        from .events import EVENT_LABELS

        register_event_labels(EVENT_LABELS)
