from django.apps import AppConfig


class ObligationsConfig(AppConfig):
    name = "phoihop.obligations"
    verbose_name = "Việc cần làm (nghĩa vụ phối hợp)"

    def ready(self) -> None:
        from phoihop.core.models import register_event_labels

        from .events import EVENT_LABELS

        register_event_labels(EVENT_LABELS)
