from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "phoihop.incidents"
    verbose_name = "Vụ việc phức tạp, nhạy cảm"
