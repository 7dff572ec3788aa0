"""Settings for the test suite: fast hashing, a file outbox per run, SQLite on a file.

The SQLite test database lives on a file (not in memory) so that a real Celery worker
process started by a test can read and write the same rows.
"""

from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR, env

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_FAILURE_LIMIT = 5
LANGUAGE_CODE = "en-gb"
CELERY_TASK_ALWAYS_EAGER = not env("CELERY_BROKER_URL", default="")
