"""Settings for the test suite: fast hashing, a file outbox per run, SQLite on a file.

The SQLite test database lives on a file (not in memory) so that a real Celery worker
process started by a test can read and write the same rows.
"""

import os

from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105 # nosec B105 # tests only
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One file per pytest process, so that runs side by side never share a database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
DATABASES["default"]["CONN_MAX_AGE"] = 0  # live server threads must not keep connections
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_FAILURE_LIMIT = 5
LANGUAGE_CODE = "en-gb"
# Tasks run in-process in tests; the tests marked `worker` send to a real Redis broker
# and a real worker process themselves (tests/celery_worker.py).
CELERY_TASK_ALWAYS_EAGER = True
# A product that lives in the tests only (tests/sample_product/): the proof that a product
# is one package. Loaded with the others, and not on sale until its own tests put it on.
INSURANCE_PRODUCTS = [*INSURANCE_PRODUCTS, "tests.sample_product.TyreAlloy"]  # noqa: F405
# The complaints' daily check runs where a test asks for it, not on every look at the register.
COMPLAINTS_CHECK_ON_READ = False
