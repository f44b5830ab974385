from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "phoihop.notifications"
    verbose_name = "Thông báo"
