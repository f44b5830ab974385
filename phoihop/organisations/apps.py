from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "phoihop.organisations"
    verbose_name = "Tổ chức, cơ quan"
