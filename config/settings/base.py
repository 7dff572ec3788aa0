"""Settings shared by every environment, read from the environment (django-environ).

Defaults make a fresh checkout run with no configuration: a SQLite file, Celery tasks run
eagerly in-process, and email written to a file outbox under var/outbox/.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)  # the SQLite file, outbox and media live here by default

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "config.apps.AdminConfig",  # django.contrib.admin, JSON fields bounded
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "dealers",
    "products",
    "policies",
    "claims",
    "complaints",
    "servicing",
    "dashboards",
    "documents",
    "audit",
    "portal",
    "demo",  # load_demo: never runs with production settings
]

# The products sold, each a products.registry.ProductDefinition in its own package
# (docs/architecture.md: adding a product). The order is the order of the demo's rows.
INSURANCE_PRODUCTS = [
    "catalog.asset_protector.AssetProtector",
    "catalog.smart_cover.SmartCover",
    "catalog.motor_uk.MotorUk",
    "catalog.furto_danni.FurtoDanni",
    "catalog.au_comprehensive.AuComprehensive",
    "catalog.smart_gap.SmartCombinedGap",
    "catalog.smart_gap.SmartLeaseGap",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, which reads the form data: a body too large gets the 413 page.
    "dealers.middleware.RequestSizeLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "dealers.middleware.DealerLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "dealers.context_processors.scope",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections: opening one costs more than most requests (bench/README.md).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Writers queue for the database lock from the start of their transaction, instead of
    # failing at once with "database is locked" when two upgrade their read lock at once
    # (two renewal workers, a worker and the web server).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )

# Redis (CACHE_URL=redis://...) shares the cache between processes, so a revoked API
# token is refused at once everywhere; the default is a per-process memory cache.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "dealers.User"
AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out user is refused before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dealers:home"
LOGOUT_REDIRECT_URL = "login"

# The client's address behind the proxies we run (dealers/client_ip.py, README): how many
# proxies append to the header, and which header. 0: no proxy, REMOTE_ADDR is the client.
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
CLIENT_IP_HEADER = env.str("DJANGO_CLIENT_IP_HEADER", default="X-Forwarded-For")

# Lock repeated failed logins out per username *and client address*: a stranger failing
# five times locks the name only for their own address, never the user everywhere (the
# lockout would be a way to keep anyone out). The address is the client's, not the proxy's.
AXES_CLIENT_IP_CALLABLE = "dealers.client_ip.client_ip"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English")), ("it", _("Italian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns on every request without it
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads (claims' photos and documents). Each file at most CLAIM_FILE_MAX_BYTES, checked
# by its content (claims/forms.py); a request body over REQUEST_BODY_MAX_BYTES is refused
# with a 413 page before it is read (dealers/middleware.py). A proxy in front should allow
# at least REQUEST_BODY_MAX_BYTES (nginx: client_max_body_size).
CLAIM_FILE_MAX_BYTES = env.int("CLAIM_FILE_MAX_BYTES", default=10 * 2**20)
DATA_UPLOAD_MAX_NUMBER_FILES = 10
REQUEST_BODY_MAX_BYTES = env.int(
    "REQUEST_BODY_MAX_BYTES", default=5 * CLAIM_FILE_MAX_BYTES + 2**20
)  # five files of the largest size, and the form's fields
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # the fields other than files (Django's default)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # a larger upload is kept in a temporary file

# Content Security Policy (django-csp): scripts and styles only from our own static files,
# so that markup injected into a page cannot run script. No page has an inline script, an
# on* handler or a style attribute; htmx is told not to eval nor inject its indicator
# styles (templates/base.html). Chart.js, Bootstrap and Swagger UI style elements through
# the CSSOM, which style-src does not govern. Bootstrap's icons are data: SVGs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_TAGS = {40: "danger"}

# Email: SMTP when EMAIL_URL (smtp://user:pass@host:port) or EMAIL_HOST is set, otherwise
# a file outbox a developer can read (one .log file per message, under var/outbox/).
EMAIL_OUTBOX_DIR = VAR_DIR / "outbox"
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
elif env("EMAIL_HOST", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = env.int("EMAIL_PORT", default=25)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(EMAIL_OUTBOX_DIR)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Dealer Insurance <policies@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Emails to customers: the first retry after a refusal (then doubled, five times), and how
# long a send may stay pending after its task was due before the sweep hands it over again.
EMAIL_RETRY_SECONDS = env.float("EMAIL_RETRY_SECONDS", default=60)
EMAIL_RESEND_AFTER_MINUTES = env.int("EMAIL_RESEND_AFTER_MINUTES", default=15)

# Celery: Redis when CELERY_BROKER_URL is set; with none, tasks run eagerly in-process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# The dashboards' summaries are rebuilt every DASHBOARDS_REFRESH_SECONDS: by beat when
# there is a broker; in the embedded default (no broker, so no beat) by the page that finds
# them older than that, before it reads them (dashboards/refresh.py).
DASHBOARDS_REFRESH_SECONDS = env.int("DASHBOARDS_REFRESH_SECONDS", default=600)
DASHBOARDS_REFRESH_ON_READ = env.bool(
    "DASHBOARDS_REFRESH_ON_READ", default=CELERY_TASK_ALWAYS_EAGER
)
# The complaints' daily check (warnings, breaches) runs by beat; in the embedded default (no
# broker, so no beat) the first look at the register each day runs it (complaints/tasks.py).
COMPLAINTS_CHECK_ON_READ = env.bool("COMPLAINTS_CHECK_ON_READ", default=CELERY_TASK_ALWAYS_EAGER)
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "worker-heartbeat": {"task": "dealers.tasks.worker_heartbeat_task", "schedule": 300.0},
    # Invitations, renewal payments, renewals, lapses and expiries due today.
    # The managers' dashboards read summaries rebuilt from the records (dashboards/).
    "dashboards-refresh": {
        "task": "dashboards.tasks.dashboards_refresh_task",
        "schedule": float(DASHBOARDS_REFRESH_SECONDS),
    },
    "renewals-daily": {
        "task": "policies.tasks.renewals_daily_task",
        "schedule": crontab(hour=5, minute=30),
    },
    # GAP sales at a distance: the customer told the day they may buy, and reminded once
    # before the price held lapses (documents/distance.py).
    "gap-reminders-daily": {
        "task": "documents.tasks.distance_reminders_task",
        "schedule": crontab(hour=8, minute=0),
    },
    # Complaints: the handlers warned before a deadline, a missed one flagged (complaints/).
    "complaints-daily": {
        "task": "complaints.tasks.complaints_daily_task",
        "schedule": crontab(hour=7, minute=0),
    },
    # The value measures beyond head office's thresholds, reported once a day (dashboards/).
    "value-thresholds-daily": {
        "task": "dashboards.tasks.value_thresholds_daily_task",
        "schedule": crontab(hour=6, minute=30),
    },
    # Emails whose task was lost (the broker was down when it was queued) go out again.
    "emails-pending": {"task": "documents.tasks.send_pending_emails_task", "schedule": 300.0},
}
# Policies per renewal task, done in one transaction: a chunk's locks and rows in memory.
RENEWALS_CHUNK_SIZE = env.int("RENEWALS_CHUNK_SIZE", default=500)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "dealers.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # DRF's JSON parser with the body's size and depth bounded (a 400, never a 500)
    "DEFAULT_PARSER_CLASSES": ["policies.api.parsers.BoundedJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
    "EXCEPTION_HANDLER": "policies.api.errors.api_exception_handler",
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Dealer insurance calculation API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI served from our own static files: pages work with no internet access.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several endpoints share field names ("product", "options") with other choices.
    "ENUM_NAME_OVERRIDES": {
        "GapProductEnum": "policies.api.serializers.GAP_PRODUCTS",
        "RefundProductEnum": "policies.api.serializers.REFUND_PRODUCTS",
        "ProductEnum": "products.registry.product_choices",
        "ItOptionEnum": "policies.api.serializers.IT_OPTIONS",
        "MotorOptionEnum": "policies.rules.motor_uk.MotorExtra",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs nine INFO lines for every PDF it makes.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
}

# Customers' own pages (portal): the address the links in emails point to, how long a
# link works, and how many new links may be asked for an hour (per asker, per address).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
CUSTOMER_LINK_DAYS = env.int("CUSTOMER_LINK_DAYS", default=30)
PORTAL_LINK_REQUESTS_PER_HOUR = env.int("PORTAL_LINK_REQUESTS_PER_HOUR", default=5)
# Complaints a customer may raise on their own page in a day (more: they are asked to call).
PORTAL_COMPLAINTS_PER_DAY = env.int("PORTAL_COMPLAINTS_PER_DAY", default=5)
