"""Faults: the broker, the mail server, a worker or the database connection lost at the
worst moment; each test shows that nothing is lost and nothing is done twice."""

import pytest
from django.conf import settings as django_settings

from config.celery import app as celery_app
from tests.policies.conftest import products  # noqa: F401 - the demo products

from .helpers import RedisServer, SmtpSink, celery_pools_drop

# The database cut off under a request or a transaction needs PostgreSQL (the server ends
# the connection); no test is skipped: on SQLite the module is not collected at all.
# .ci/run's second leg runs the suite with DATABASE_URL on PostgreSQL, and so runs it.
collect_ignore = (
    [] if django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    else ["test_postgres_dropped.py"]
)  # fmt: skip


@pytest.fixture
def redis_server():
    """A private Redis (never the shared one: the test stops it), started."""
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def tasks_to(monkeypatch):
    """Send this process's tasks through a real broker instead of running them here, as
    the web server does in production: `tasks_to(url)`."""

    def through(url: str) -> None:
        monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
        # The write URL and the backend's class: CELERY_BROKER_URL and CELERY_RESULT_BACKEND
        # in the environment (CI's) outrank broker_url and result_backend. Results on the
        # broker's Redis, as production has them by default.
        monkeypatch.setitem(celery_app.conf, "broker_write_url", url)
        monkeypatch.setattr(celery_app, "backend_cls", url)
        celery_pools_drop(celery_app)

    yield through
    celery_pools_drop(celery_app)


@pytest.fixture
def smtp_sink(smtp_port):
    sink = SmtpSink(smtp_port)
    yield sink
    sink.stop()


@pytest.fixture
def worker_env(settings, monkeypatch, smtp_port):
    """What a worker process started now inherits: the test's media root (it reads the
    documents the test's sales made) and the SMTP sink's address."""
    monkeypatch.setenv("DJANGO_MEDIA_ROOT", str(settings.MEDIA_ROOT))
    return {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp_port)}
