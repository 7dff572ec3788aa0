import pytest
from django.conf import settings
from django.db import transaction

from .world import World, build_world


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker) -> World:
    """Built once for the package, in a transaction rolled back after its last test. Each
    test runs in a savepoint inside it (pytest-django's `db`), so its writes are undone;
    tests must not change these objects in memory either."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def as_role(client, world):
    """Log the test client in as the member of staff with `role`; returns the user."""

    def log_in(role: str):
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
        return world.staff[role]

    return log_in
