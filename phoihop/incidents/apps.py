from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "phoihop.incidents"
    verbose_name = "Vụ việc phức tạp, nhạy cảm"

    def ready(self) -> None:
        from phoihop.core.models import register_event_labels

        from .events import EVENT_LABELS

        register_event_labels(EVENT_LABELS)
