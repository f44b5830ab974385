"""System checks for what silently breaks Vietnamese text: the PostgreSQL ctype."""

from django.core import checks
from django.db import connections


@checks.register(checks.Tags.database)
def postgres_ctype_is_utf8(app_configs, databases=None, **kwargs):
    errors = []
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        with connection.cursor() as cursor:
            cursor.execute("SELECT datctype FROM pg_database WHERE datname = current_database()")
            (ctype,) = cursor.fetchone()
        if "utf" not in ctype.lower().replace("-", ""):
            errors.append(
                checks.Error(
                    f"Cơ sở dữ liệu '{alias}' có LC_CTYPE={ctype}: lower(), ILIKE và trigram "
                    "sẽ sai với tiếng Việt.",
                    hint="Tạo lại cơ sở dữ liệu với TEMPLATE template0 LC_CTYPE 'C.UTF-8' "
                    "LC_COLLATE 'C.UTF-8'.",
                    id="phoihop.E001",
                )
            )
    return errors
