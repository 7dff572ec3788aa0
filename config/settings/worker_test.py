"""A Celery worker process started by the test suite, on the test database it is given in
DATABASE_URL and the broker in CELERY_BROKER_URL (see tests/celery_worker.py)."""

from .base import *  # noqa: F403

SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
CELERY_TASK_ALWAYS_EAGER = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
