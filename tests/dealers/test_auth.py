"""Logging in and out, the lockout after repeated failures, changing a password, /health/."""

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import OperationalError
from django.urls import reverse

from dealers import services
from tests.dealers.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture
def user(uk_dealer):
    return UserFactory(username="ada", dealer=uk_dealer)


def log_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def logged_in_as(client):
    return client.session.get(SESSION_KEY)


def test_the_login_page_is_at_accounts_login():
    assert reverse("login") == LOGIN


def test_logging_in_lands_on_the_home_page(client, user, password):
    response = log_in(client, "ada", password)

    assert response.status_code == 302
    assert response["Location"] == reverse("dealers:home")
    assert logged_in_as(client) == str(user.pk)
    assert client.get(reverse("dealers:home")).status_code == 200


def test_logging_in_returns_to_the_page_asked_for(client, user, password):
    wanted = reverse("dealers:deal-list")

    response = client.post(f"{LOGIN}?next={wanted}", {"username": "ada", "password": password})

    assert response["Location"] == wanted


def test_a_wrong_password_is_refused_on_the_login_page(client, user):
    response = log_in(client, "ada", "not the password")

    assert response.status_code == 200
    assert response.context["form"].errors
    assert logged_in_as(client) is None


def test_four_wrong_passwords_still_let_the_right_one_in(client, user, password):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "ada", "not the password")

    response = log_in(client, "ada", password)

    assert response.status_code == 302
    assert logged_in_as(client) == str(user.pk)


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, user, password):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(5):
        log_in(client, "ada", "not the password")

    response = log_in(client, "ada", password)

    assert response.status_code in (403, 429)
    assert "Account locked" in response.content.decode()
    assert logged_in_as(client) is None


def test_the_fifth_wrong_password_already_shows_the_lockout_page(client, user):
    responses = [log_in(client, "ada", "not the password") for _ in range(5)]

    assert [r.status_code for r in responses[:4]] == [200] * 4
    assert responses[4].status_code in (403, 429)
    assert "Account locked" in responses[4].content.decode()


def test_a_lockout_holds_only_for_the_account_that_failed(client, user, password, uk_dealer):
    UserFactory(username="grace", dealer=uk_dealer)
    for _ in range(5):
        log_in(client, "ada", "not the password")

    response = log_in(client, "grace", password)

    assert response.status_code == 302


def test_logging_out_by_post_ends_the_session(client, user):
    client.force_login(user)

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert logged_in_as(client) is None
    assert client.get(reverse("dealers:home")).status_code == 302


def test_logging_out_by_get_is_not_allowed_and_keeps_the_session(client, user):
    client.force_login(user)

    response = client.get(reverse("logout"))

    assert response.status_code == 405
    assert logged_in_as(client) == str(user.pk)


def test_a_changed_password_works_and_the_old_one_stops_working(client, user, password):
    log_in(client, "ada", password)
    new = "a much longer passphrase 2024"

    response = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": new, "new_password2": new},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    assert logged_in_as(client) == str(user.pk)  # still logged in after the change
    client.post(reverse("logout"))
    assert log_in(client, "ada", password).status_code == 200
    assert logged_in_as(client) is None
    assert log_in(client, "ada", new).status_code == 302
    assert logged_in_as(client) == str(user.pk)


def test_a_password_change_with_the_wrong_old_password_changes_nothing(client, user, password):
    client.force_login(user)
    new = "a much longer passphrase 2024"

    response = client.post(
        reverse("password_change"),
        {"old_password": "not the password", "new_password1": new, "new_password2": new},
    )

    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(password)


def test_health_says_the_database_is_ok(client):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "last_worker_heartbeat": None}


def test_health_gives_the_time_of_the_last_worker_heartbeat(client):
    beat = services.worker_heartbeat_record(hostname="worker-1")

    response = client.get("/health/")

    assert response.json()["database"] == "ok"
    assert response.json()["last_worker_heartbeat"] == beat.seen_at.isoformat()


def test_health_says_503_when_the_database_does_not_answer(client, monkeypatch):
    class Unreachable:
        def cursor(self):
            raise OperationalError("could not connect to server")

    monkeypatch.setattr("dealers.views.connection", Unreachable())

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json() == {"database": "unavailable"}
