"""Settings for the load run (bench/load_bench.py): production's, served over plain HTTP on
loopback.

They are config.settings.production itself (DEBUG off, the security headers, manifest
static files), given a fixed secret and the loopback host, with what cannot work without
TLS turned off: the HTTPS redirect, HSTS, and secure-only cookies (a browser does not send
a secure cookie back over http://, so nobody could log in). Everything else the bench
sets through the environment, as a deployment would: DATABASE_URL (the throwaway
database), CELERY_BROKER_URL (Redis db 12, read by the bench's own worker).

Email never leaves the machine: whatever EMAIL_URL or EMAIL_HOST says, messages are
written as files under BENCH_EMAIL_DIR, where the bench counts them.
"""

import os

os.environ.setdefault(
    "DJANGO_SECRET_KEY", "bench-load-only-secret-key-not-used-anywhere-else-0123456789"
)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_SECURE_HSTS_SECONDS", "0")

from config.settings.production import *  # noqa: E402, F403
from config.settings.production import STORAGES, env  # noqa: E402

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# Collected by the bench into a directory of its own. Production's storage also
# precompresses every file (gzip and brotli), which takes 2.5 minutes for the admin's and
# Swagger's files on this machine; hashed names and WhiteNoise's far-future caching are
# what matter to a browser here, and it fetches them once.
STATIC_ROOT = env.path("BENCH_STATIC_ROOT", default=str(BASE_DIR / "var" / "bench-static"))  # noqa: F405
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}

# Shared by gunicorn's workers and the Celery worker, as with CACHE_URL=redis://... in
# production (a revoked token is refused everywhere at once).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env("BENCH_CACHE_URL", default="redis://127.0.0.1:6379/12"),
        "KEY_PREFIX": "bench-load",
    }
}

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = env("BENCH_EMAIL_DIR", default=str(BASE_DIR / "var" / "bench-outbox"))  # noqa: F405
