"""A Celery worker process started by the test suite, on the test database it is given in
DATABASE_URL and the broker in CELERY_BROKER_URL (see tests/celery_worker.py)."""

import os

from .base import *  # noqa: F403

# The test's own queue, so that tasks a task sends (the renewal chunks) come back to it.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "celery")

SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
CELERY_TASK_ALWAYS_EAGER = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
