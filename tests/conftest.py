import os

import pytest

from tests.dealers.factories import DealerFactory, DealerGroupFactory, UserFactory

pytest_plugins = ["tests.celery_worker", "tests.smtp"]

# Debian's Chromium (Playwright's own browser download does not work on our machines).
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# The sync Playwright API runs an event loop in the test thread; Django's live_server
# fixture and ORM calls from the test are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A British English browser: dates in forms read 22/11/2026, as staff see them."""
    return {**browser_context_args, "locale": "en-GB", "timezone_id": "Europe/London"}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
    }


@pytest.fixture
def password():
    return "correct horse battery"


@pytest.fixture
def uk_dealer(db):
    return DealerFactory(market="UK", name="Lexus Manchester")


@pytest.fixture
def it_dealer(db):
    return DealerFactory(market="IT", name="Lexus Roma")


@pytest.fixture
def au_dealer(db):
    return DealerFactory(market="AU", name="Lexus of Sydney")


@pytest.fixture
def head_office(db):
    return UserFactory(role="head_office", dealer=None, is_staff=True, is_superuser=True)


@pytest.fixture
def group(db):
    return DealerGroupFactory(market="UK")


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """A request by an Italian user leaves Italian active in the thread; put English back
    so that a test's own assertions outside a request do not depend on test order."""
    from django.utils import translation

    yield
    translation.activate("en-gb")


@pytest.fixture(scope="session", autouse=True)
def _no_stray_database_sessions(django_db_setup, django_db_blocker):
    """On PostgreSQL, end any session still open on the test database before it is dropped.

    A connection opened in another context (the live server's thread, Playwright's
    greenlet) can outlive its test; PostgreSQL then refuses to drop the database."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def _fresh_product_config():
    """Each test's database is new: forget product data cached by an earlier test."""
    from policies.selectors import config_cache_clear

    config_cache_clear()
    yield
    config_cache_clear()


@pytest.fixture(scope="session", autouse=True)
def _media_in_tmp(tmp_path_factory):
    """A sale makes the customer's documents: keep them out of var/media. Set once and
    directly: an override through pytest-django's `settings` hides SETTINGS_MODULE from
    the test (load_demo reads it)."""
    from django.conf import settings

    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
