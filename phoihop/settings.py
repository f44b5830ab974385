"""Phối Hợp settings: one module, driven by environment variables (see README.md).

PHOIHOP_ENV=production switches on the hardened settings (`manage.py check --deploy` clean);
anything else is the development/demo profile with the embedded SQLite database.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from phoihop.programmes.regimes import fixture_citation

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    return env(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


PRODUCTION = env("PHOIHOP_ENV") == "production"
DEBUG = env_bool("PHOIHOP_DEBUG", default=not PRODUCTION)
SECRET_KEY = env("PHOIHOP_SECRET_KEY") or (
    "" if PRODUCTION else "dev-only-insecure-key-phoihop-0000000000000000000000000000000000"
)
if PRODUCTION and not SECRET_KEY:
    raise RuntimeError("PHOIHOP_SECRET_KEY must be set when PHOIHOP_ENV=production")
ALLOWED_HOSTS = [h for h in env("PHOIHOP_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in env("PHOIHOP_CSRF_TRUSTED_ORIGINS").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_htmx",
    "treebeard",
    "auditlog",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "django_tasks_rq",
    "django_rq",
    "csp",
    "phoihop.core",
    "phoihop.accounts",
    "phoihop.organisations",
    "phoihop.programmes",
    "phoihop.exchange",
    "phoihop.incidents",
    "phoihop.concerns",
    "phoihop.reports",
    "phoihop.notifications",
    "phoihop.obligations",
    "phoihop.documents",
    "phoihop.api",
    "phoihop.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "phoihop.core.middleware.RejectNulBytesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "phoihop.accounts.middleware.ActorMiddleware",
    "phoihop.accounts.middleware.TwoFactorMiddleware",
]

ROOT_URLCONF = "phoihop.urls"
WSGI_APPLICATION = "phoihop.wsgi.application"
ASGI_APPLICATION = "phoihop.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "phoihop.site.context_processors.shell",
                "phoihop.programmes.context_processors.regime",
            ],
        },
    },
]

# --- Databases -------------------------------------------------------------------------------
# SQLite is the embedded default: WAL, IMMEDIATE transactions (writers queue instead of failing
# with "database is locked" half-way through a transaction) and a busy timeout.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
}
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'phoihop.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
else:
    # Test databases are cloned from template0 in UTF-8; the cluster's ctype must be UTF-8 too,
    # which the system check `phoihop.E001` verifies.
    DATABASES["default"]["TEST"] = {"TEMPLATE": "template0", "CHARSET": "UTF8"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and security -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = int(env("PHOIHOP_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("PHOIHOP_LOGIN_COOLOFF_MINUTES", "15")))
# Lock the account, not the address: a whole office usually shares one public IP address, and
# locking it would shut out every colleague after one person's typos (hence axes.W006 silenced).
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Two-factor (TOTP) for administrators and auditors: always enforced in production,
# optional in the demo unless PHOIHOP_REQUIRE_2FA is set.
REQUIRE_TWO_FACTOR = env_bool("PHOIHOP_REQUIRE_2FA", default=PRODUCTION)
OTP_TOTP_ISSUER = "Phối Hợp"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 10  # one working day
# The text of one form (files not included) may be this large, so that a clerk who pastes a whole
# document into a summary gets that field's message; beyond it, site.views.bad_request explains.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
CSRF_COOKIE_HTTPONLY = False  # htmx reads it from the cookie-less meta tag; kept default-safe
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("PHOIHOP_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Internationalisation --------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Working-day calendar ---------------------------------------------------------------------
# Office hours used for "working hours" clocks (e.g. the 2-working-hour acknowledgement).
WORKING_HOURS = [("07:30", "11:30"), ("13:00", "17:00")]

# --- Static and media files ------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("PHOIHOP_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Background work -------------------------------------------------------------------------
# django-tasks API everywhere; the queue lives in the database unless REDIS_URL is set.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 600}}

# --- E-mail ----------------------------------------------------------------------------------
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 20
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
# Where links in e-mails point to.
PHOIHOP_BASE_URL = env("PHOIHOP_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Phối Hợp <khong-tra-loi@phoihop.local>")

# --- Audit -----------------------------------------------------------------------------------
AUDITLOG_LOGENTRY_MODEL = "core.AuditEntry"
AUDITLOG_STORE_JSON_CHANGES = True
# auditlog 3.4's migrations create its own `auditlog_logentry` table even when the model is
# swapped (jazzband/django-auditlog#804); that unused table references accounts_user, and
# PostgreSQL then refuses to TRUNCATE users in `flush` (transactional tests, live-server tests).
# The app's only model is swapped out, so it needs no migrations here.
MIGRATION_MODULES = {"auditlog": None}

# --- API -------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "phoihop.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "phoihop.api.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Phối Hợp API",
    # The regime's citation from its fixture: settings are read before any database.
    "DESCRIPTION": f"API v1 của hệ thống Phối Hợp ({fixture_citation()}).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "kind" or "level"; name each choice set after its model.
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "phoihop.organisations.models.Organisation.Kind",
        "OrganisationLevelEnum": "phoihop.organisations.models.Organisation.Level",
        "AdminUnitKindEnum": "phoihop.organisations.models.AdminUnit.Kind",
        "AdminUnitLevelEnum": "phoihop.organisations.models.AdminUnit.Level",
        "LineageKindEnum": "phoihop.organisations.models.Lineage.Kind",
    },
}

SILENCED_SYSTEM_CHECKS = ["axes.W006"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("PHOIHOP_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

PHOIHOP_DEMO_PASSWORD = env("PHOIHOP_DEMO_PASSWORD", "PhoiHop@2025")

# Issues of public concern (CNC): the key petitioner contacts are encrypted with (HKDF → Fernet).
# Required in production; changing it makes stored contacts unreadable.
PHOIHOP_CONTACT_KEY = env("PHOIHOP_CONTACT_KEY") or (
    "" if PRODUCTION else "dev-only-contact-key-phoihop-000000000000000000000000"
)
if PRODUCTION and not PHOIHOP_CONTACT_KEY:
    raise RuntimeError("PHOIHOP_CONTACT_KEY must be set when PHOIHOP_ENV=production")
