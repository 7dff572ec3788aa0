"""Two people on the same policy: a cancellation, a change or a renewal choice confirmed
on a page opened before someone else's change is refused as a conflict (the policy's
version), the page shows what the other person changed, and keeps what this user typed
to confirm again on the policy as it is now. Nothing is written over the other change."""

from datetime import timedelta

import pytest
from django.urls import reverse

from dealers.money import round_money
from dealers.versioning import VersionConflict
from policies.models import Policy, PolicyChange, PolicyStatus
from policies.renewal_preferences import renewal_preference_set
from servicing.cancellation import cancellation_preview, policy_cancel
from servicing.changes import change_preview, policy_change
from tests.dealers.factories import UserFactory, at_version

from .selling import MOTOR, TODAY, deal_for, disclosed, sell

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


@pytest.fixture
def motor(uk_dealer):
    deal = deal_for(uk_dealer)
    disclosed(deal, "motor-uk")
    return sell(deal, "motor-uk", MOTOR)


@pytest.fixture
def colleague(uk_dealer):
    return UserFactory(dealer=uk_dealer, first_name="Bob", last_name="Baker")


def address_changed_by(user, policy, area="D"):
    return policy_change(policy=policy, kind="address", answers={"area": area}, on=TODAY,
                         made_by=user, expected_version=policy.version)  # fmt: skip


def version(policy) -> int:
    return Policy.objects.values_list("version", flat=True).get(pk=policy.pk)


# --- the services -----------------------------------------------------------------------


def test_each_change_through_the_services_bumps_the_policys_version(motor, colleague):
    assert motor.version == 1
    address_changed_by(colleague, motor)
    assert version(motor) == 2
    renewal_preference_set(policy=motor, auto_renew=True, on=TODAY, changed_by=colleague,
                           expected_version=2)  # fmt: skip
    assert version(motor) == 3
    policy_cancel(policy=motor, on=TODAY, reason="Sold", cancelled_by=colleague,
                  expected_version=3)  # fmt: skip
    assert version(motor) == 4


@pytest.mark.parametrize("write", ["cancel", "change", "renewal"])
def test_a_service_given_an_older_version_refuses_and_writes_nothing(motor, colleague, write):
    address_changed_by(colleague, motor)
    stale = dict(policy=motor, expected_version=1)
    calls = {
        "cancel": lambda: policy_cancel(**stale, on=TODAY, reason="x", cancelled_by=colleague),
        "change": lambda: policy_change(
            **stale, kind="address", answers={"area": "E"}, on=TODAY, made_by=colleague
        ),  # fmt: skip
        "renewal": lambda: renewal_preference_set(
            **stale, auto_renew=True, on=TODAY, changed_by=colleague
        ),  # fmt: skip
    }

    with pytest.raises(VersionConflict):
        calls[write]()

    motor.refresh_from_db()
    assert (motor.status, motor.answers["area"], motor.auto_renew, motor.version) == (
        PolicyStatus.LIVE, "D", False, 2)  # fmt: skip


# --- the pages --------------------------------------------------------------------------


def test_a_cancellation_confirmed_after_someone_changed_the_policy_shows_the_conflict(
    client, motor, colleague
):
    client.force_login(motor.sold_by)
    url = reverse("policies:policy-cancel", args=[motor.pk])
    refund = cancellation_preview(policy=motor, on=TODAY, lang="en-gb").refund
    confirm = at_version(motor, {"cancel_on": TODAY.isoformat(), "reason": "Sold the car",
                                 "action": "confirm", "shown_refund": str(refund)})  # fmt: skip
    address_changed_by(colleague, motor)  # while the page was open

    response = client.post(url, confirm)

    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this record while you were editing it" in page
    assert "Bob Baker" in page
    assert any(row[1:] == ("C", "D") for row in response.context["conflict"].theirs)
    assert Policy.objects.get(pk=motor.pk).status == PolicyStatus.LIVE
    assert response.context["form"]["reason"].value() == "Sold the car"  # nothing typed lost
    assert '<input type="hidden" name="version" value="2">' in page

    again = client.post(url, {**confirm, "version": response.context["version"],
                              "shown_refund": str(response.context["preview"].refund)})  # fmt: skip

    assert again.status_code == 302
    motor.refresh_from_db()
    assert (motor.status, motor.answers["area"]) == (PolicyStatus.CANCELLED, "D")


def test_a_change_confirmed_after_someone_changed_the_policy_shows_the_conflict(
    client, motor, colleague
):
    client.force_login(motor.sold_by)
    url = reverse("policies:policy-change", args=[motor.pk]) + "?kind=car"
    value = "60000"
    difference = round_money(change_preview(
        policy=motor, kind="car", answers={"vehicle_value": value}, on=TODAY, lang="en-gb"
    ))  # fmt: skip
    confirm = at_version(motor, {"effective_on": TODAY.isoformat(), "vehicle_value": value,
                                 "action": "confirm",
                                 "shown_difference": str(difference)})  # fmt: skip
    address_changed_by(colleague, motor, area="E")

    response = client.post(url, confirm)

    assert response.status_code == 409
    assert any(row[1:] == ("C", "E") for row in response.context["conflict"].theirs)
    assert PolicyChange.objects.filter(kind="car").count() == 0
    assert response.context["form"]["vehicle_value"].value() == value

    preview = response.context["preview"]
    again = client.post(url, {**confirm, "version": response.context["version"],
                              "shown_difference": str(preview["difference"])})  # fmt: skip

    assert again.status_code == 302
    motor.refresh_from_db()
    assert (motor.answers["area"], str(motor.answers["vehicle_value"])) == ("E", value)


def test_a_renewal_choice_from_a_page_older_than_the_policy_is_not_saved_and_says_why(
    client, uk_dealer, colleague
):
    policy = sell_long_ago(uk_dealer)
    client.force_login(policy.sold_by)
    page_version = at_version(policy)
    address_changed_by(colleague, policy)

    response = client.post(reverse("policies:policy-renewal", args=[policy.pk]),
                           {**page_version, "auto_renew": "on"}, follow=True)  # fmt: skip

    policy.refresh_from_db()
    assert not policy.auto_renew
    assert "Bob Baker changed this policy while you had it open" in response.content.decode()


def sell_long_ago(dealer):
    start = TODAY - timedelta(days=300)
    deal = deal_for(dealer)
    disclosed(deal, "motor-uk", given_on=start)
    return sell(deal, "motor-uk", MOTOR, on=start)
