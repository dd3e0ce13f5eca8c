"""Settings, all read from the environment.

REINTEGRA_ENV chooses the profile:
- ``production`` (the default): SECRET_KEY and ALLOWED_HOSTS must be given, cookies are secure,
  HSTS is on; ``check --deploy`` is clean.
- ``demo``: set by ``reintegra demo``; plain HTTP on 127.0.0.1, a secret key generated once into
  the data directory.
- ``test``: the test suite; like demo, without HTTPS redirects.

REINTEGRA_DATA_DIR (default ``./var``) holds the SQLite database and uploaded files;
DATABASE_URL overrides the database.
"""

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {value!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
REINTEGRA_ENV = os.environ.get("REINTEGRA_ENV", "production").strip().lower()
if REINTEGRA_ENV not in {"production", "demo", "test"}:
    raise ImproperlyConfigured("REINTEGRA_ENV must be one of: production, demo, test")
PRODUCTION = REINTEGRA_ENV == "production"

DATA_DIR = Path(os.environ.get("REINTEGRA_DATA_DIR") or Path.cwd() / "var").resolve()
MEDIA_ROOT = DATA_DIR / "files"
MEDIA_URL = "/files/"


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set (a long random string) outside the demo; "
            "or run `reintegra demo` for the embedded demo."
        )
    if REINTEGRA_ENV == "test":
        return "test-only-secret-key-not-for-use-anywhere-else-0123456789"
    # Demo: one key generated per data directory, so sessions survive a restart.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("REINTEGRA_DEBUG", False)
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "reintegra.core",
    "reintegra.accounts",
    "reintegra.audit",
    "reintegra.people",
    "reintegra.returns",
    "reintegra.cases",
    "reintegra.registry",
    "reintegra.programs",
    "reintegra.tracing",
    "reintegra.reports",
    "reintegra.knowledge",
    "reintegra.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "reintegra.audit.context.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "reintegra.core.middleware.RouteAccessMiddleware",
]

ROOT_URLCONF = "reintegra.urls"
FORM_RENDERER = "reintegra.web.forms.FormRenderer"
WSGI_APPLICATION = "reintegra.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reintegra.web.context_processors.navigation",
            ],
        },
    },
]

DEFAULT_SQLITE = f"sqlite:///{DATA_DIR / 'reintegra.sqlite3'}"
if not os.environ.get("DATABASE_URL"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or DEFAULT_SQLITE)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; IMMEDIATE avoids upgrade deadlocks.
    DATABASES["default"]["OPTIONS"] = {
        # Reads through a memory map (shared by connections through the OS page cache) and a
        # 64 MB page cache: national figures read hundreds of megabytes of index pages.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000; "
        f"PRAGMA mmap_size={env_int('REINTEGRA_SQLITE_MMAP_MB', 8192) * 2**20}; "
        "PRAGMA cache_size=-65536;",
        "transaction_mode": "IMMEDIATE",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Planner settings per connection (REINTEGRA_POSTGRES_OPTIONS, empty for the server's own):
    # no JIT compilation (it spent seconds compiling the national figures' queries, which run
    # in well under a second without it), random reads priced as on SSD with the data cached,
    # and no parallel workers (no gain measured on 2 cores, where they take other requests').
    # Options given in DATABASE_URL come after these, so they win.
    pg_options = os.environ.get(
        "REINTEGRA_POSTGRES_OPTIONS",
        "-c jit=off -c random_page_cost=1.1 -c effective_cache_size=4GB "
        "-c max_parallel_workers_per_gather=0",
    ).strip()
    database_options = DATABASES["default"].setdefault("OPTIONS", {})
    if pg_options:
        database_options["options"] = " ".join(
            filter(None, [pg_options, database_options.get("options", "")])
        )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions end after a period without requests (sliding expiry) and when the browser closes.
SESSION_IDLE_MINUTES = env_int("REINTEGRA_SESSION_IDLE_MINUTES", 30)
# How long "break the glass" opens a case outside one's scope.
EMERGENCY_ACCESS_HOURS = env_int("REINTEGRA_EMERGENCY_ACCESS_HOURS", 3)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Lockout after repeated failed logins (django-axes): per username and address.
AXES_FAILURE_LIMIT = env_int("REINTEGRA_LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_MINUTES = env_int("REINTEGRA_LOGIN_LOCKOUT_MINUTES", 15)
AXES_COOLOFF_TIME = dt.timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "reintegra.accounts.views.locked_out"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

# Content-Security-Policy: nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("REINTEGRA_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("REINTEGRA_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("REINTEGRA_HSTS_PRELOAD", True)
    if env_bool("REINTEGRA_BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = os.environ.get("REINTEGRA_DEFAULT_LANGUAGE", "ru")
LANGUAGES = [
    ("kk", "Қазақша"),
    ("ru", "Русский"),
    ("en", "English"),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["reintegra.formats"]
LANGUAGE_COOKIE_NAME = "reintegra_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = os.environ.get("REINTEGRA_TIME_ZONE", "Asia/Almaty")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Demo and tests serve static files straight from the package, without collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_AUTOREFRESH = False

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["reintegra.core.permissions.RouteMatrixPermission"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "reintegra.core.api_filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Reintegra API",
    "DESCRIPTION": "Case records, reference data and the audit trail of a rehabilitation and "
    "reintegration program. Every route follows the same access rules as the pages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["reintegra.core.permissions.RouteMatrixPermission"],
    # Services and referrals share one list of service kinds: one name for it in the schema.
    "ENUM_NAME_OVERRIDES": {"ServiceKindEnum": "reintegra.cases.models.ServiceKind"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("REINTEGRA_LOG_LEVEL", "WARNING")},
}

# Pages of lists
PAGE_SIZE = env_int("REINTEGRA_PAGE_SIZE", 25)

# Background work (django-tasks): exports run off the request, in `reintegra worker` (the demo
# runs a worker thread inside its server).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Exports: files are kept under the data directory for this many days, then deleted.
EXPORT_DIR = DATA_DIR / "exports"
EXPORT_KEEP_DAYS = env_int("REINTEGRA_EXPORT_KEEP_DAYS", 7)
# A list export of more rows than this, a national dashboard export and every PDF report are
# prepared in the background.
EXPORT_DIRECT_ROWS = env_int("REINTEGRA_EXPORT_DIRECT_ROWS", 5000)
# The knowledge centre: the largest attachment accepted, and how far ahead certificates and
# trainings about to expire are listed.
KNOWLEDGE_MAX_UPLOAD_MB = env_int("REINTEGRA_MAX_UPLOAD_MB", 20)
CERTIFICATE_WARNING_DAYS = env_int("REINTEGRA_CERTIFICATE_WARNING_DAYS", 90)

# Declaring a person abroad dead (Civil Code art. 31; returns/death.py): years without news in
# general, years after the end of military action, and when each country's military action
# ended (the end of the territorial control of the conflict's parties, as the program counts it).
DEATH_DECLARATION = {
    "general_years": env_int("REINTEGRA_DEATH_GENERAL_YEARS", 3),
    "military_action_years": env_int("REINTEGRA_DEATH_MILITARY_YEARS", 2),
    "military_action_ended": {"IQ": "2017-12-09", "SY": "2019-03-23"},
}

# Imported lists of people (tracing): the largest file accepted, in rows.
TRACING_IMPORT_MAX_ROWS = env_int("REINTEGRA_TRACING_IMPORT_MAX_ROWS", 20000)
