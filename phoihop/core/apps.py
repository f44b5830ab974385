from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "phoihop.core"
    verbose_name = "Lõi hệ thống"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import checks  # noqa: F401  (registers the system checks)
        from .aggregates import register_sqlite_percentile
        from .auditing import register_audited_models
        from .search import repair_after_migrate
        from .sqlite import bind_out_of_range_integers_as_text

        register_audited_models()
        bind_out_of_range_integers_as_text()
        connection_created.connect(
            register_sqlite_percentile, dispatch_uid="phoihop_sqlite_percentile"
        )
        post_migrate.connect(repair_after_migrate, dispatch_uid="phoihop_repair_search_indexes")
