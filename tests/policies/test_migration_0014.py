"""Cancelled extras were written into the free-text reason ("Sold the car [extras:
legal_expenses road_rescue]") and parsed back out by the letter; they are data now
(Policy.cancelled_extras), and policies/migrations/0014_* moves them out of the reasons
of a database loaded before, leaving each reason as it was given."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from policies.models import Policy
from servicing.cancellation import policy_cancel

from .selling import MOTOR, TODAY, deal_for, disclosed, sell

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]

migration = importlib.import_module("policies.migrations.0014_cancelled_extras_as_data")


@pytest.mark.parametrize(
    ("reason", "said", "extras"),
    [
        ("Sold the car [extras: legal_expenses road_rescue]", "Sold the car",
         ["legal_expenses", "road_rescue"]),
        ("Moving abroad", "Moving abroad", []),
        ("Price [extras: ]", "Price", []),
    ],
)  # fmt: skip
def test_a_reason_is_split_into_what_was_said_and_the_extras(reason, said, extras):
    assert migration.split_extras(reason) == (said, extras)


@pytest.fixture
def uk_deal(uk_dealer):
    return deal_for(uk_dealer)


def cancelled_motor(uk_deal):
    disclosed(uk_deal, "motor-uk")
    policy = sell(uk_deal, "motor-uk", {**MOTOR, "options": ["legal_expenses", "road_rescue"]})
    return policy_cancel(policy=policy, on=TODAY, reason="Sold the car",
                         cancelled_by=uk_deal.salesperson)  # fmt: skip


def test_an_old_database_gets_its_extras_out_of_the_reasons_and_back(uk_deal):
    policy = cancelled_motor(uk_deal)
    old = "Sold the car [extras: legal_expenses road_rescue]"
    Policy.objects.filter(pk=policy.pk).update(cancellation_reason=old, cancelled_extras=[])

    migration.extras_out_of_reasons(apps, None)
    policy.refresh_from_db()
    assert (policy.cancellation_reason, policy.cancelled_extras) == (
        "Sold the car", ["legal_expenses", "road_rescue"])  # fmt: skip

    migration.extras_back_into_reasons(apps, None)
    policy.refresh_from_db()
    assert policy.cancellation_reason == old


def test_the_policy_page_gives_the_reason_as_given_and_the_extras_by_name(client, uk_deal):
    policy = cancelled_motor(uk_deal)
    client.force_login(uk_deal.salesperson)
    page = client.get(reverse("policies:policy-detail", args=[policy.pk])).content.decode()
    assert "<dd>Sold the car</dd>" in page
    assert "[extras:" not in page
    assert "<dd>Legal expenses, Road rescue</dd>" in page
