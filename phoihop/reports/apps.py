from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "phoihop.reports"
    verbose_name = "Báo cáo, sơ kết, tổng kết"

    def ready(self) -> None:
        from phoihop.core.models import register_event_labels

        from .events import EVENT_LABELS

        register_event_labels(EVENT_LABELS)
