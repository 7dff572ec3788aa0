"""The cancellation and mid-term change pages: a preview that writes nothing, then a
confirm that calls the service; refusals read as sentences; another dealer's policy is a
404. Refunds by hand from PRODUCTS.md (SMART Cover §2); premiums from the products'
reference data in catalog/."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse

from policies.models import ChangeKind, Policy, PolicyChange, PolicyStatus
from servicing.cancellation import policy_cancel
from servicing.changes import policy_change
from tests.dealers.factories import DealerFactory, UserFactory, at_version

from .selling import MOTOR, SMART, TODAY, deal_for, disclosed, sell

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]

REASON = "Sold the car"


@pytest.fixture
def smart(uk_dealer):
    """SMART Cover, 12 months, sold 100 days ago: £238.80 in the demo data."""
    start = TODAY - timedelta(days=100)
    deal = deal_for(uk_dealer)
    disclosed(deal, "smart-cover", given_on=start)
    answers = {**SMART, "sale_date": start, "delivery_date": start + timedelta(days=7)}
    return sell(deal, "smart-cover", answers, on=start)


@pytest.fixture
def motor(uk_dealer):
    """Motor: £45,000 car, area C, youngest driver 42, 5 years NCD, £250 voluntary excess,
    legal expenses: (£780 × 0.55 × 0.93 = £398.97) + £24.99 = £423.96, IPT 12% £50.88."""
    deal = deal_for(uk_dealer)
    disclosed(deal, "motor-uk")
    return sell(deal, "motor-uk", MOTOR)


def smart_refund_by_hand(policy: Policy) -> Decimal:
    days = (policy.end_date - policy.start_date).days
    refund = Decimal("238.80") * (days - 100) / days - Decimal("29.99")
    return refund.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def cancel(client, policy, action="preview", **data):
    form = at_version(policy, {"cancel_on": TODAY.isoformat(), "reason": REASON})
    form.update(data)
    url = reverse("policies:policy-cancel", args=[policy.pk])
    return client.post(url, {**form, "action": action})


def change(client, policy, kind, action="preview", **data):
    form = {**at_version(policy, {"effective_on": TODAY.isoformat()}), **data, "action": action}
    url = reverse("policies:policy-change", args=[policy.pk]) + f"?kind={kind}"
    return client.post(url, form)


# --- cancellation ----------------------------------------------------------------------


def test_the_preview_shows_the_refund_worked_out_by_hand_and_writes_nothing(client, smart):
    client.force_login(smart.sold_by)
    response = cancel(client, smart)
    page = response.content.decode()
    assert response.status_code == 200
    assert f"£{smart_refund_by_hand(smart)}" in page
    assert "£29.99" in page
    assert "less the administration fee" in page  # the rules' own sentence
    smart.refresh_from_db()
    assert (smart.status, smart.refund, smart.history.count()) == (PolicyStatus.LIVE, None, 1)


def test_confirming_cancels_the_policy_with_the_refund_shown(client, smart):
    client.force_login(smart.sold_by)
    expected = smart_refund_by_hand(smart)
    response = cancel(client, smart, "confirm", shown_refund=str(expected))
    assert response["Location"] == reverse("policies:policy-detail", args=[smart.pk])
    smart.refresh_from_db()
    assert smart.status == PolicyStatus.CANCELLED
    assert (smart.refund, smart.cancellation_fee) == (expected, Decimal("29.99"))
    assert (smart.cancelled_on, smart.cancellation_reason) == (TODAY, REASON)
    assert smart.history.first().history_user == smart.sold_by
    page = client.get(response["Location"]).content.decode()
    assert "Cancelled" in page and f"£{expected}" in page
    assert reverse("policies:policy-cancel", args=[smart.pk]) not in page  # no button now


def test_a_refund_posted_back_is_only_compared_never_used(client, smart):
    client.force_login(smart.sold_by)
    response = cancel(client, smart, "confirm", shown_refund="238.80")
    assert "The refund has changed since it was shown" in response.content.decode()
    smart.refresh_from_db()
    assert smart.status == PolicyStatus.LIVE


def test_a_claim_in_the_period_means_no_refund(client, smart):
    from tests.claims.helpers import notify

    notify(smart, "dent", diameter_mm="20", depth_mm="1", aware_date=TODAY)
    client.force_login(smart.sold_by)
    page = cancel(client, smart).content.decode()
    assert "£0.00" in page and "A claim was made in the period, so there is no refund." in page


def test_a_second_cancellation_is_refused_with_a_readable_message(client, smart):
    policy_cancel(policy=smart, on=TODAY, reason=REASON,
                  cancelled_by=smart.sold_by)  # fmt: skip
    client.force_login(smart.sold_by)
    response = cancel(client, smart, "confirm", shown_refund="0.00")
    assert response.status_code == 200
    assert "Only a policy in force can be changed or cancelled." in response.content.decode()


def test_a_date_outside_the_cover_is_refused(client, smart):
    client.force_login(smart.sold_by)
    after_the_end = (smart.end_date + timedelta(days=1)).isoformat()
    page = cancel(client, smart, cancel_on=after_the_end).content.decode()
    assert "The cancellation date must fall within the cover" in page


def test_a_reason_is_required(client, smart):
    client.force_login(smart.sold_by)
    page = cancel(client, smart, reason="").content.decode()
    assert "This field is required." in page and "Refund to the customer" not in page


def test_the_form_starts_from_today(client, smart):
    client.force_login(smart.sold_by)
    page = client.get(reverse("policies:policy-cancel", args=[smart.pk])).content.decode()
    assert f'value="{TODAY.isoformat()}"' in page
    assert "No claim has been notified in this period." in page


# --- who may see the pages -------------------------------------------------------------


@pytest.mark.parametrize("name", ["policies:policy-cancel", "policies:policy-change"])
def test_another_dealers_staff_get_a_404(client, smart, name):
    client.force_login(UserFactory(dealer=DealerFactory(market="UK")))
    url = reverse(name, args=[smart.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "confirm"}).status_code == 404
    smart.refresh_from_db()
    assert smart.status == PolicyStatus.LIVE


def test_a_visitor_is_sent_to_log_in(client, smart):
    response = client.get(reverse("policies:policy-cancel", args=[smart.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_live_policy_shows_the_cancel_and_change_buttons(client, smart):
    client.force_login(smart.sold_by)
    page = client.get(reverse("policies:policy-detail", args=[smart.pk])).content.decode()
    assert reverse("policies:policy-cancel", args=[smart.pk]) in page
    assert reverse("policies:policy-change", args=[smart.pk]) in page


# --- mid-term changes ------------------------------------------------------------------


def test_a_dearer_car_shows_a_positive_difference_and_writes_nothing(client, motor):
    # £80,000 car: (£1,180 × 0.5115 = £603.57) + £24.99, IPT £75.43, total £703.99;
    # less £474.84 sold today: £229.15 for the whole period.
    client.force_login(motor.sold_by)
    page = change(client, motor, "car", vehicle_value="80000").content.decode()
    assert "£474.84" in page and "£229.15" in page
    assert "The customer pays £229.15 more" in page
    assert "£45,000.00" in page and "£80,000.00" in page  # now, and after the change
    assert not PolicyChange.objects.exists()


def test_confirming_a_car_change_records_it(client, motor):
    client.force_login(motor.sold_by)
    response = change(client, motor, "car", "confirm", vehicle_value="80000",
                      shown_difference="229.15")  # fmt: skip
    assert response.status_code == 302
    (recorded,) = PolicyChange.objects.all()
    assert (recorded.kind, recorded.premium_difference) == (ChangeKind.CAR, Decimal("229.15"))
    motor.refresh_from_db()
    assert motor.answers["vehicle_value"] == "80000"


def test_the_fourth_car_change_in_a_period_is_refused(client, motor):
    for value in ("46000", "47000", "48000"):
        policy_change(policy=motor, kind="car", answers={"vehicle_value": value}, on=TODAY,
                      made_by=motor.sold_by)  # fmt: skip
    client.force_login(motor.sold_by)
    page = change(client, motor, "car", vehicle_value="49000").content.decode()
    assert "This policy has already had 3 car changes this period." in page
    assert PolicyChange.objects.count() == 3


def test_an_address_change_records_a_policy_change(client, motor):
    client.force_login(motor.sold_by)
    preview = change(client, motor, "address", area="E").content.decode()
    assert "The customer pays" in preview  # area E costs more than C
    response = change(client, motor, "address", "confirm", area="E",
                      shown_difference=_shown(preview))  # fmt: skip
    assert response.status_code == 302
    (recorded,) = PolicyChange.objects.all()
    assert (recorded.kind, recorded.details) == (ChangeKind.ADDRESS, {"area": "E"})
    assert recorded.premium_difference > 0 and recorded.made_by == motor.sold_by
    motor.refresh_from_db()
    assert motor.answers["area"] == "E"


def test_a_smart_cover_address_change_has_no_premium_effect(client, smart):
    client.force_login(smart.sold_by)
    page = client.get(reverse("policies:policy-change", args=[smart.pk]) + "?kind=car")
    assert "Value of the new car" not in page.content.decode()  # address only
    preview = change(client, smart, "address").content.decode()
    assert "The premium does not change." in preview
    assert change(client, smart, "address", "confirm", shown_difference="0.00").status_code == 302
    (recorded,) = PolicyChange.objects.all()
    assert (recorded.kind, recorded.premium_difference) == (ChangeKind.ADDRESS, Decimal("0"))


def test_a_change_after_a_change_is_priced_from_the_answers_as_they_stand(client, motor):
    policy_change(policy=motor, kind="car", answers={"vehicle_value": "80000"}, on=TODAY,
                  made_by=motor.sold_by)  # fmt: skip
    client.force_login(motor.sold_by)
    page = change(client, motor, "drivers", driver_age="42").content.decode()
    assert "The premium does not change." in page  # the car change is not charged again


def test_a_change_cannot_be_backdated(client, motor):
    client.force_login(motor.sold_by)
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    page = change(client, motor, "drivers", effective_on=yesterday, driver_age="30")
    assert "The change must take effect within the cover" in page.content.decode()


def _shown(page: str) -> str:
    """The difference the preview posts back with the confirm button."""
    marker = 'name="shown_difference" value="'
    return page.split(marker, 1)[1].split('"', 1)[0]


def test_australian_changes_are_priced_by_state_car_and_driver(client, au_dealer):
    from servicing.changes import change_preview

    deal = deal_for(au_dealer)
    disclosed(deal, "au-comprehensive")
    answers = {"state": "NSW", "agreed_value": Decimal("60000"), "youngest_driver_age": 40,
               "business_use": False, "lifetime_rating_1": False, "voluntary_excess": 0,
               "excess_free_glass": False, "licence_type": "full", "licence_years": 20}  # fmt: skip
    policy = sell(deal, "au-comprehensive", answers, plan="annual")
    # stamp duty NSW 5% -> VIC 10% on the premium with GST: dearer
    assert change_preview(policy=policy, kind="address", answers={"state": "VIC"}, on=TODAY) > 0
    client.force_login(deal.salesperson)
    url = reverse("policies:policy-change", args=[policy.pk])
    page = client.get(url, {"kind": "drivers"}).content.decode()
    assert "Age of the youngest driver" in page
    page = client.get(url, {"kind": "car"}).content.decode()
    assert "Agreed value of the new car" in page
    response = client.post(f"{url}?kind=drivers", {"effective_on": TODAY.isoformat(),
                                                   "youngest_driver_age": "19"})  # fmt: skip
    assert "The customer pays" in response.content.decode()  # a young driver costs more
    assert not PolicyChange.objects.exists()  # shown, not yet confirmed
