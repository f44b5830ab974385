from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "phoihop.concerns"
    verbose_name = "Vấn đề dư luận quan tâm"

    def ready(self) -> None:
        from phoihop.core.models import register_event_labels

        from .events import EVENT_LABELS

        register_event_labels(EVENT_LABELS)
