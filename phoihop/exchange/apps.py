from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "phoihop.exchange"
    verbose_name = "Trao đổi thông tin"

    def ready(self) -> None:
        from phoihop.core.models import register_event_labels

        from .events import EVENT_LABELS

        register_event_labels(EVENT_LABELS)
