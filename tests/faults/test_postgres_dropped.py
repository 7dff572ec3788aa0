"""PostgreSQL ends the connection (pg_terminate_backend from a second connection, as a
restart or failover does): between two requests of a member of staff, the next request
gets a fresh connection (CONN_HEALTH_CHECKS); in the middle of a sale or a renewal chunk,
the transaction is lost whole and doing it again completes it once. Collected only on
PostgreSQL (conftest.py)."""

from wsgiref.util import setup_testing_defaults

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.urls import reverse

from tests.policies.selling import SMART, deal_for, disclosed, sell

from .cut_off import (
    a_chunk_cut_off_leaves_nothing_and_is_done_once,
    a_sale_cut_off_leaves_nothing_and_is_sold_once_on_retry,
)
from .helpers import until

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("products")]


def backend_pid() -> int:
    return connection.connection.info.backend_pid


def terminate(pid: int) -> None:
    """End the server process of connection `pid`, from a connection of our own, and wait
    until it is gone."""
    s = connection.settings_dict
    with psycopg.connect(
        host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432, user=s["USER"],
        password=s["PASSWORD"] or None, dbname=s["NAME"], autocommit=True,
    ) as other:  # fmt: skip
        assert other.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone() == (True,)
        until(lambda: not other.execute(
            "SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone(),
            timeout=10, what=f"backend {pid} gone")  # fmt: skip


def terminate_this_connection() -> None:
    terminate(backend_pid())


def get(path: str, session: str) -> tuple[str, str]:
    """A request through Django's WSGI handler in this thread, as a WSGI server makes it:
    the connection opened for it outlives it (CONN_MAX_AGE) and is checked at the next."""
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "HTTP_COOKIE": f"sessionid={session}"}
    setup_testing_defaults(environ)
    statuses = []
    response = WSGIHandler()(environ, lambda status, headers: statuses.append(status))
    try:
        return statuses[0], b"".join(response).decode()
    finally:
        response.close()  # request_finished: the connection kept or closed


@pytest.fixture
def staff_session(client, uk_dealer, monkeypatch):
    """A member of staff logged in, one sale on their dealer's book, and connections kept
    between requests as in production (the test settings close them)."""
    deal = deal_for(uk_dealer)
    disclosed(deal, "smart-cover")
    policy = sell(deal, "smart-cover", SMART)
    client.force_login(deal.salesperson)
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 60)
    connection.close()  # the next connection is opened with the setting
    return policy, client.cookies["sessionid"].value


def test_a_connection_ended_between_two_requests_is_replaced_and_the_next_one_succeeds(
    staff_session,
):
    policy, session = staff_session
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True  # base.py
    assert get(reverse("policies:policy-list"), session)[0] == "200 OK"
    first = backend_pid()  # kept after the request
    terminate(first)
    status, page = get(reverse("policies:policy-detail", args=[policy.pk]), session)
    assert status == "200 OK" and policy.number in page
    assert backend_pid() != first


def test_without_health_checks_the_first_request_after_the_drop_would_fail(
    staff_session, monkeypatch
):
    """Why CONN_HEALTH_CHECKS is on: without it the dead connection is used once more."""
    policy, session = staff_session
    monkeypatch.setitem(connection.settings_dict, "CONN_HEALTH_CHECKS", False)
    assert get(reverse("policies:policy-list"), session)[0] == "200 OK"
    terminate(backend_pid())
    detail = reverse("policies:policy-detail", args=[policy.pk])
    assert get(detail, session)[0] == "500 Internal Server Error"
    assert get(detail, session)[0] == "200 OK"  # the broken one was closed after it


def test_a_sale_whose_connection_ends_half_way_leaves_nothing_and_its_retry_sells_once(
    uk_dealer, monkeypatch
):
    a_sale_cut_off_leaves_nothing_and_is_sold_once_on_retry(
        uk_dealer, terminate_this_connection, monkeypatch
    )


def test_a_renewal_chunk_whose_connection_ends_half_way_leaves_nothing_and_is_done_once(
    uk_dealer, monkeypatch
):
    a_chunk_cut_off_leaves_nothing_and_is_done_once(
        uk_dealer, terminate_this_connection, monkeypatch
    )
