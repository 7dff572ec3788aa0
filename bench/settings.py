"""Settings for the API benchmark: production-like (PostgreSQL, gunicorn, DEBUG off),
without production's secret and HTTPS hardening, plus a bare view to compare with.

The database comes from DATABASE_URL; bench/api_bench.py sets it to a throwaway
PostgreSQL database (`bench_api` on 127.0.0.1) that it creates and drops itself.
"""

from config.settings.base import *  # noqa: F403
from config.settings.base import env

DEBUG = False
SECRET_KEY = "bench-only-secret-key-not-used-anywhere-else-0123456789"  # noqa: S105 # nosec B105 # a bench on 127.0.0.1
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.bare_urls"
DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/bench_api"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# As in production (config/settings/base.py).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# The renewal bench (bench/renewals_bench.py) runs its workers on a queue of its own; the
# emails a run queues go to a queue no bench worker reads.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_TASK_ROUTES = {"documents.tasks.*": {"queue": "bench-emails"}}

# The dashboards bench rebuilds the summaries itself, as beat would: a page read must not
# rebuild them on a million policies in the middle of a measurement.
DASHBOARDS_REFRESH_ON_READ = False
