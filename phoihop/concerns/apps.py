from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "phoihop.concerns"
    verbose_name = "Vấn đề dư luận quan tâm"
