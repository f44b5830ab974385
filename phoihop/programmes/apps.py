from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "phoihop.programmes"
    verbose_name = "Chương trình phối hợp"
