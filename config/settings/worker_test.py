"""A Celery worker process started by the test suite, on the test database it is given in
DATABASE_URL and the broker in CELERY_BROKER_URL (see tests/celery_worker.py)."""

import os

from .base import *  # noqa: F403

# The test's own queue, so that tasks a task sends (the renewal chunks) come back to it.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "celery")

SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105 # nosec B105 # tests only
CELERY_TASK_ALWAYS_EAGER = False
if not os.environ.get("EMAIL_HOST"):  # the tests that send through an SMTP sink set it
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if os.environ.get("CELERY_VISIBILITY_TIMEOUT"):
    # A task of a killed worker goes back to the queue after this many seconds, and the
    # workers look for such tasks every second (kombu's defaults: an hour, 100 s).
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": int(os.environ["CELERY_VISIBILITY_TIMEOUT"]),
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }
# The test suite's products, the sample one included (config/settings/test.py).
INSURANCE_PRODUCTS = [*INSURANCE_PRODUCTS, "tests.sample_product.TyreAlloy"]  # noqa: F405
