"""Settings come from the environment; production refuses to run unsafely."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLEAN_ENV = {
    k: v
    for k, v in os.environ.items()
    if not k.startswith(("DJANGO_", "DATABASE_URL", "CELERY_", "EMAIL_"))
}


def run(code_or_args, settings, **env):
    args = code_or_args if isinstance(code_or_args, list) else ["-c", code_or_args]
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**CLEAN_ENV, "DJANGO_SETTINGS_MODULE": settings, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


READ_SETTINGS = """
import django, json; django.setup()
from django.conf import settings as s
db = s.DATABASES["default"]
print(json.dumps({"engine": db["ENGINE"], "db": str(db["NAME"]),
  "eager": s.CELERY_TASK_ALWAYS_EAGER, "broker": s.CELERY_BROKER_URL,
  "email": s.EMAIL_BACKEND, "email_host": getattr(s, "EMAIL_HOST", "")}))
"""


def test_with_no_environment_it_runs_on_sqlite_with_eager_tasks_and_a_file_outbox():
    out = json.loads(run(READ_SETTINGS, "config.settings.local").stdout)
    assert out["engine"] == "django.db.backends.sqlite3"
    assert out["db"].endswith("var/db.sqlite3")
    assert out["eager"] is True
    assert out["email"] == "django.core.mail.backends.filebased.EmailBackend"


def test_the_environment_selects_postgresql_redis_and_smtp():
    out = json.loads(
        run(
            READ_SETTINGS,
            "config.settings.local",
            DATABASE_URL="postgres://u:p@db.internal:5432/dealer",
            CELERY_BROKER_URL="redis://redis.internal:6379/0",
            EMAIL_URL="smtp://mailer.internal:2525",
        ).stdout
    )
    assert out["engine"] == "django.db.backends.postgresql"
    assert out["db"] == "dealer"
    assert out["eager"] is False
    assert out["broker"] == "redis://redis.internal:6379/0"
    assert out["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert out["email_host"] == "mailer.internal"


def test_production_refuses_to_start_without_a_secret_key():
    result = run(["manage.py", "check"], "config.settings.production", DJANGO_ALLOWED_HOSTS="x")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_passes_check_deploy_with_no_warnings():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        "config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="insurance.example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
