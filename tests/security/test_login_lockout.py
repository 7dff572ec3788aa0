"""The login lockout is not a way to keep a named user out (issue 17): five failures lock
the (username, client address) pair, and behind the TLS proxy the README prescribes the
client address is the one the proxy reports (DJANGO_TRUSTED_PROXY_COUNT,
DJANGO_CLIENT_IP_HEADER), not the proxy's own, which every client shares."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import RequestFactory

from dealers.client_ip import client_ip
from tests.dealers.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PROXY = "10.0.0.2"  # the TLS proxy in front of gunicorn


@pytest.fixture
def ada(uk_dealer):
    return UserFactory(username="ada", dealer=uk_dealer)


def log_in(client, password, **meta):
    client.cookies.clear()
    return client.post(LOGIN, {"username": "ada", "password": password}, **meta)


def fail_five_times(client, **meta):
    for _ in range(5):
        assert log_in(client, "guess", **meta).status_code in (200, 429)  # the 5th locks


def logs_in(client, password, **meta) -> bool:
    response = log_in(client, password, **meta)
    return response.status_code == 302 and client.session.get(SESSION_KEY) is not None


def test_a_stranger_failing_five_times_does_not_lock_the_user_out_from_elsewhere(
    client, ada, password
):
    fail_five_times(client, REMOTE_ADDR="203.0.113.9")
    assert not logs_in(client, password, REMOTE_ADDR="203.0.113.9")  # locked there
    assert logs_in(client, password, REMOTE_ADDR="198.51.100.7")  # the user, elsewhere


def test_behind_the_proxy_the_lockout_is_per_client_not_for_everyone(
    client, ada, password, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    stranger = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    user = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    fail_five_times(client, **stranger)
    assert not logs_in(client, password, **stranger)
    assert logs_in(client, password, **user)


def test_a_client_cannot_choose_its_address_by_sending_the_header_itself(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    spoofed = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9"
    )
    assert client_ip(spoofed) == "203.0.113.9"  # the entry our proxy appended
    settings.TRUSTED_PROXY_COUNT = 0  # no proxy configured: the header is not believed
    assert client_ip(spoofed) == PROXY


@pytest.mark.parametrize(
    ("count", "header", "meta", "expected"),
    [
        (2, "X-Forwarded-For", {"HTTP_X_FORWARDED_FOR": "9.9.9.9, 203.0.113.9, 10.0.0.1"},
         "203.0.113.9"),
        (2, "X-Forwarded-For", {"HTTP_X_FORWARDED_FOR": "10.0.0.1"}, PROXY),  # one hop only
        (1, "X-Real-IP", {"HTTP_X_REAL_IP": "2001:db8::1"}, "2001:db8::1"),
        (1, "HTTP_X_REAL_IP", {"HTTP_X_REAL_IP": "203.0.113.9"}, "203.0.113.9"),
        (1, "X-Forwarded-For", {"HTTP_X_FORWARDED_FOR": "not an address"}, PROXY),
        (1, "X-Forwarded-For", {}, PROXY),
    ],
)  # fmt: skip
def test_the_client_address_is_read_as_the_deployment_configures_it(
    settings, count, header, meta, expected
):
    settings.TRUSTED_PROXY_COUNT, settings.CLIENT_IP_HEADER = count, header
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR=PROXY, **meta)) == expected


def test_production_believes_the_one_tls_proxy_the_readme_prescribes():
    from tests.test_settings import run

    code = "import django; django.setup(); from django.conf import settings as s; " \
           "print(s.TRUSTED_PROXY_COUNT, s.CLIENT_IP_HEADER)"  # fmt: skip
    secret = "x" * 60
    production = run(code, "config.settings.production", DJANGO_SECRET_KEY=secret,
                     DJANGO_ALLOWED_HOSTS="x")  # fmt: skip
    assert production.stdout.split() == ["1", "X-Forwarded-For"], production.stderr
    two = run(code, "config.settings.production", DJANGO_SECRET_KEY=secret,
              DJANGO_ALLOWED_HOSTS="x", DJANGO_TRUSTED_PROXY_COUNT="2")  # fmt: skip
    assert two.stdout.split()[0] == "2"
    assert run(code, "config.settings.local").stdout.split()[0] == "0"
