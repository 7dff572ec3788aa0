"""API keys: issued once by `manage.py issue_api_token`, stored only as a SHA-256 hash,
and checked by ApiTokenAuthentication on `Authorization: Token <key>`."""

import hashlib
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.test import APIRequestFactory

from dealers import authentication, services
from dealers.authentication import GENERATION_KEY, ApiTokenAuthentication
from dealers.models import ApiToken
from tests.dealers.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(uk_dealer):
    return UserFactory(username="api-user", dealer=uk_dealer)


def issue(username: str) -> str:
    out = StringIO()
    call_command("issue_api_token", username, stdout=out)
    return out.getvalue().strip()


def request_with(header: str | None):
    headers = {"HTTP_AUTHORIZATION": header} if header is not None else {}
    return APIRequestFactory().get("/api/", **headers)


def authenticate(header: str | None):
    return ApiTokenAuthentication().authenticate(request_with(header))


def test_the_command_prints_a_key_and_stores_only_its_sha256(user):
    key = issue("api-user")

    token = ApiToken.objects.get()
    assert key.startswith(services.API_TOKEN_PREFIX) and len(key) > 40
    assert token.user == user
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()


def test_the_key_itself_is_nowhere_in_the_database(user):
    key = issue("api-user")

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ApiToken._meta.db_table}")  # noqa: S608
        rows = cursor.fetchall()
    assert rows
    assert not [value for row in rows for value in row if isinstance(value, str) and key in value]


def test_each_key_issued_is_new(user):
    assert issue("api-user") != issue("api-user")
    assert ApiToken.objects.filter(user=user).count() == 2


def test_a_request_with_the_key_is_authenticated_as_its_user(user):
    key = issue("api-user")

    authenticated_user, token = authenticate(f"Token {key}")

    assert authenticated_user == user
    assert token == ApiToken.objects.get()
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    "header",
    [
        "Token dit_this-is-not-a-key-anyone-was-given",
        "Token {key}x",
        "Token {prefix}",
        "Token " + hashlib.sha256(b"dit_").hexdigest(),
    ],
    ids=["made-up", "key-with-an-extra-character", "the-stored-prefix", "a-hash"],
)
def test_a_wrong_key_is_refused(user, header):
    key = issue("api-user")

    with pytest.raises(AuthenticationFailed):
        authenticate(header.format(key=key, prefix=ApiToken.objects.get().prefix))


def test_the_stored_hash_is_not_a_key(user):
    issue("api-user")

    with pytest.raises(AuthenticationFailed):
        authenticate(f"Token {ApiToken.objects.get().key_hash}")


def test_a_revoked_key_is_refused(user):
    key = issue("api-user")
    services.api_token_revoke(token=ApiToken.objects.get())

    with pytest.raises(AuthenticationFailed):
        authenticate(f"Token {key}")


def test_the_key_of_a_deactivated_user_is_refused(user):
    key = issue("api-user")
    user.is_active = False
    user.save()

    with pytest.raises(AuthenticationFailed):
        authenticate(f"Token {key}")


@pytest.mark.parametrize("header", [None, "", "Bearer abc", "Basic YTpi"])
def test_a_request_without_a_token_header_is_left_to_other_authentication(header):
    assert authenticate(header) is None


def test_a_token_header_without_a_key_is_refused():
    with pytest.raises(AuthenticationFailed):
        authenticate("Token")


def test_the_command_refuses_an_unknown_user_clearly(user):
    with pytest.raises(CommandError, match="No user called 'nobody'"):
        issue("nobody")

    assert not ApiToken.objects.exists()


def test_the_command_refuses_an_inactive_user(user):
    user.is_active = False
    user.save()

    with pytest.raises(CommandError, match="not active"):
        issue("api-user")

    assert not ApiToken.objects.exists()


def test_a_token_already_used_and_cached_is_refused_once_revoked():
    token, key = services.api_token_issue(user=UserFactory())
    auth = ApiTokenAuthentication()
    assert auth.authenticate_credentials(key)[1].pk == token.pk  # now kept
    services.api_token_revoke(token=token)
    with pytest.raises(AuthenticationFailed):
        auth.authenticate_credentials(key)


def test_a_cached_token_of_a_user_deactivated_since_is_refused():
    user = UserFactory()
    _, key = services.api_token_issue(user=user)
    auth = ApiTokenAuthentication()
    auth.authenticate_credentials(key)
    user.is_active = False
    user.save()
    with pytest.raises(AuthenticationFailed):
        auth.authenticate_credentials(key)


def test_a_kept_token_is_answered_without_a_query(django_assert_num_queries):
    _, key = services.api_token_issue(user=UserFactory())
    auth = ApiTokenAuthentication()
    auth.authenticate_credentials(key)  # read, and its last use recorded
    with django_assert_num_queries(0):
        assert auth.authenticate_credentials(key)[0].is_active


def test_a_revocation_made_in_another_process_is_seen_through_the_shared_generation(
    monkeypatch,
):
    """Another process revokes: here only the shared cache's generation changes (this
    process's kept tokens are untouched). This process reads the generation again once
    GENERATION_CHECK_SECONDS have passed, and then reads the database again."""
    clock = [1000.0]
    monkeypatch.setattr(authentication, "_clock", lambda: clock[0])
    token, key = services.api_token_issue(user=UserFactory())
    auth = ApiTokenAuthentication()
    auth.authenticate_credentials(key)
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())  # no signal here
    assert auth.authenticate_credentials(key)[1].pk == token.pk  # still kept: same generation
    cache.set(GENERATION_KEY, cache.get(GENERATION_KEY, 0) + 1, None)  # the other process
    clock[0] += authentication.GENERATION_CHECK_SECONDS / 2
    assert auth.authenticate_credentials(key)[1].pk == token.pk  # not read again yet
    clock[0] += authentication.GENERATION_CHECK_SECONDS / 2
    with pytest.raises(AuthenticationFailed):
        auth.authenticate_credentials(key)
