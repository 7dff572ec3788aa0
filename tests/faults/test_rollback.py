"""A database error in the middle of a sale or of a renewal chunk (on any database; on
PostgreSQL test_postgres_dropped.py ends the connection itself): all or nothing, and the
retry does it once."""

import pytest
from django.db import OperationalError

from .cut_off import (
    a_chunk_cut_off_leaves_nothing_and_is_done_once,
    a_sale_cut_off_leaves_nothing_and_is_sold_once_on_retry,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("products")]


def connection_lost():
    raise OperationalError("server closed the connection unexpectedly")


def test_a_sale_failing_half_way_leaves_nothing_and_its_retry_sells_once(uk_dealer, monkeypatch):
    a_sale_cut_off_leaves_nothing_and_is_sold_once_on_retry(uk_dealer, connection_lost, monkeypatch)


def test_a_renewal_chunk_failing_half_way_leaves_nothing_and_is_done_once(uk_dealer, monkeypatch):
    a_chunk_cut_off_leaves_nothing_and_is_done_once(uk_dealer, connection_lost, monkeypatch)
