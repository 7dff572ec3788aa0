"""Settings come from the environment; production refuses to run unsafely."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

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


def test_production_passes_check_deploy_on_postgresql_with_no_warnings():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        "config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="insurance.example.com",
        DATABASE_URL="postgres://dealer:secret@db.internal:5432/dealer",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


# A page that does not exist: it needs no database, no static files manifest and no login,
# and still goes through every middleware.
PRODUCTION_ANSWERS = """
import django, json; django.setup()
from django.conf import settings as s
from django.test import Client
client = Client(SERVER_NAME="insurance.example.com")
behind_proxy = client.get("/no-such-page/", HTTP_X_FORWARDED_PROTO="https")
plain_http = client.get("/no-such-page/")
print(json.dumps({
  "session_cookie_secure": s.SESSION_COOKIE_SECURE, "csrf_cookie_secure": s.CSRF_COOKIE_SECURE,
  "session_cookie_httponly": s.SESSION_COOKIE_HTTPONLY, "hsts_seconds": s.SECURE_HSTS_SECONDS,
  "debug": s.DEBUG, "status": behind_proxy.status_code,
  "hsts": behind_proxy.get("Strict-Transport-Security"),
  "csp": behind_proxy.get("Content-Security-Policy"),
  "nosniff": behind_proxy.get("X-Content-Type-Options"),
  "frame_options": behind_proxy.get("X-Frame-Options"),
  "http_status": plain_http.status_code, "http_location": plain_http.get("Location"),
}))
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> dict:
    """The production settings and two answers, read once: a process start is seconds."""
    tmp_path = tmp_path_factory.mktemp("production")
    result = run(
        PRODUCTION_ANSWERS,
        "config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="insurance.example.com",
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",  # not the developer's file
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_cookies_are_secure_and_hidden_from_scripts(production):
    out = production
    assert out["debug"] is False
    assert out["session_cookie_secure"] is True
    assert out["csrf_cookie_secure"] is True
    assert out["session_cookie_httponly"] is True
    assert out["hsts_seconds"] >= 31536000  # a year: what HSTS preload lists ask


def test_production_answers_https_with_hsts_and_sends_plain_http_to_https(production):
    out = production
    assert out["status"] == 404
    assert out["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert "script-src 'self'" in out["csp"]
    assert out["nosniff"] == "nosniff"
    assert out["frame_options"] == "DENY"
    assert out["http_status"] == 301
    assert out["http_location"] == "https://insurance.example.com/no-such-page/"
