"""The customer changes their address on their page (issue 20): a policy the address
re-prices shows its premium difference for the rest of the cover before anything is
saved, worked by hand here from the rate card (PRODUCTS.md §3); confirming saves the
address and each change at once, for the versions the page showed, recorded as done by
the customer and confirmed to them by email."""

import html
import re
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse

from audit.trail import TrailQuery, trail_page
from dealers.customer_links import customer_link_token
from dealers.models import Customer
from policies.models import Policy, PolicyChange
from tests.claims.helpers import sold
from tests.policies.selling import TODAY
from tests.smtp import Inbox

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]

MANCHESTER = {"address_line1": "1 Piccadilly", "address_line2": "", "city": "Manchester",
              "region": "", "postcode": "m1 1ae"}  # fmt: skip
HIDDEN = re.compile(r'<input type="hidden" name="([\w-]+)" value="([^"]*)"')


def _enter(client, customer):
    client.post(reverse("portal:enter"), {"token": customer_link_token(customer)})


def _preview(client, customer, address):
    body = {**address, "version": str(customer.version), "action": "preview"}
    return client.post(reverse("portal:address"), body)


def _confirm(client, page, **changes):
    """Confirm as the preview page posts it (its hidden fields), with `changes` made."""
    body = {k: html.unescape(v) for k, v in HIDDEN.findall(page.content.decode())}
    return client.post(reverse("portal:address"), body | changes | {"action": "confirm"},
                       follow=True)  # fmt: skip


def _text(message) -> str:
    return " ".join(message.get_body(("plain",)).get_content().split())


def _by_hand(policy, annual: Decimal) -> Decimal:
    left, days = (policy.end_date - TODAY).days, (policy.end_date - policy.start_date).days
    return (annual * left / days).quantize(Decimal("0.01"), ROUND_HALF_UP)


@pytest.fixture
def motor(uk_dealer):
    return sold(uk_dealer, "motor-uk")  # area C, started 100 days ago


def test_a_move_to_another_rating_area_shows_the_difference_then_applies_it(
    client, motor, start_server, django_capture_on_commit_callbacks
):
    inbox = start_server(Inbox())
    customer = motor.customer
    _enter(client, customer)
    assert "Change your address" in client.get(reverse("portal:home")).content.decode()
    form = client.get(reverse("portal:address")).content.decode()
    assert f'value="{customer.postcode}"' in form
    # Area C: £780 x 1.00 x 1.00 (age 42) x 0.55 (NCD 5) x 0.93 (excess £250) = £398.97,
    # + legal expenses £24.99 = £423.96, + IPT 12% £50.88 = £474.84 a year. Manchester is
    # area E (x 1.25): £498.71 (498.7125), + £24.99 = £523.70, + IPT £62.84 = £586.54.
    # A year's difference £111.70, for the days left.
    assert motor.total_premium == Decimal("474.84")
    expected = _by_hand(motor, Decimal("586.54") - Decimal("474.84"))
    days_left = (motor.end_date - TODAY).days
    page = _preview(client, customer, MANCHESTER)
    text = " ".join(page.content.decode().split())
    assert 'Rating area</dt><dd class="col-6">C → E' in text
    assert f"You pay £{expected} more for the {days_left} days of cover left." in text
    assert "Lexus Manchester will contact you to collect it." in text
    customer.refresh_from_db()
    assert customer.city != "Manchester" and not PolicyChange.objects.exists()  # not yet
    with django_capture_on_commit_callbacks(execute=True):
        done = _confirm(client, page)
    assert "Done: your address is changed" in done.content.decode()
    customer.refresh_from_db()
    assert (customer.city, customer.postcode) == ("Manchester", "M1 1AE")
    change = PolicyChange.objects.get(policy=motor)
    assert (change.premium_difference, change.kind, change.effective_on) == (
        expected,
        "address",
        TODAY,
    )
    assert (change.made_by, change.by_customer) == (None, True)
    motor.refresh_from_db()
    assert motor.answers["area"] == "E"
    for record in (customer, motor):
        last = record.history.first()
        assert last.history_user is None and "by the customer, on their page" in (
            last.history_change_reason
        )
    entries, _more = trail_page(TrailQuery(kinds=("customer",), object_id=customer.pk))
    assert entries[0].who == "The customer, on their page"
    assert entries[0].reason == "address changed by the customer, on their page"
    assert any(c.new == "Manchester" for c in entries[0].changes)
    [(to, message)] = inbox.received
    assert to == [customer.email]
    assert message["Subject"] == "Your address with Lexus Manchester has changed"
    assert (f"Your Lexus Motor Insurance policy {motor.number}: you pay £{expected} more for "
            "the rest of the cover; Lexus Manchester will contact you to collect it."
            in _text(message))  # fmt: skip
    assert "1 Piccadilly, Manchester, M1 1AE" in _text(message)


def test_a_stale_page_changes_nothing(client, motor):
    customer = motor.customer
    _enter(client, customer)
    page = _preview(client, customer, MANCHESTER)
    Policy.objects.filter(pk=motor.pk).update(version=motor.version + 1)  # saved meanwhile
    again = _confirm(client, page)
    assert "Something changed since the figures were shown" in again.content.decode()
    customer.refresh_from_db()
    assert customer.city != "Manchester" and not PolicyChange.objects.exists()
    # The figures shown again, confirmed after the customer's record changed elsewhere.
    Customer.objects.filter(pk=customer.pk).update(version=customer.version + 1)
    Policy.objects.filter(pk=motor.pk).update(version=motor.version)
    refused = _confirm(client, page)
    assert "changed while the page was open, so nothing was saved" in refused.content.decode()
    customer.refresh_from_db()
    assert customer.city != "Manchester" and not PolicyChange.objects.exists()


def test_a_postcode_no_product_rates_is_refused_and_nothing_saved(client, motor):
    customer = motor.customer
    _enter(client, customer)
    jersey = MANCHESTER | {"city": "St Helier", "postcode": "JE2 3AB"}
    page = _preview(client, customer, jersey).content.decode()
    assert (f"We cannot work out the premium of your Lexus Motor Insurance policy "
            f"{motor.number} at this postcode, so nothing has been changed.") in page  # fmt: skip
    refused = client.post(reverse("portal:address"), {**jersey, "version": str(customer.version),
                                                      "action": "confirm"})  # fmt: skip
    assert refused.status_code == 200
    customer.refresh_from_db()
    assert customer.postcode != "JE2 3AB" and not PolicyChange.objects.exists()
    bad = _preview(client, customer, MANCHESTER | {"postcode": "XX1 1AA"})
    assert "Enter a UK postcode" in bad.content.decode()


def test_only_the_customers_own_policies_move(client, motor, uk_dealer):
    other = sold(uk_dealer, "motor-uk")
    _enter(client, motor.customer)
    page = _preview(client, motor.customer, MANCHESTER)
    # A policy of another customer's slipped into the post: the page is shown again.
    again = _confirm(client, page, **{f"policy-{other.pk}": f"{other.version}:0.00"})
    assert "Something changed since the figures were shown" in again.content.decode()
    _confirm(client, page)
    other.refresh_from_db()
    assert other.answers["area"] == "C" and not other.changes.exists()
    assert motor.changes.count() == 1


def test_an_address_that_moves_no_premium_is_saved_after_saying_so(client, uk_dealer):
    policy = sold(uk_dealer, "smart-cover")
    customer = policy.customer
    _enter(client, customer)
    page = _preview(client, customer, MANCHESTER)
    assert "does not change any of your policies" in page.content.decode()
    _confirm(client, page)
    customer.refresh_from_db()
    assert customer.postcode == "M1 1AE" and not PolicyChange.objects.exists()


def test_an_italian_customer_moves_province_in_italian(
    client, it_dealer, start_server, django_capture_on_commit_callbacks
):
    inbox = start_server(Inbox())
    policy = sold(it_dealer, "furto-danni", {"province": "RM"})
    customer = policy.customer
    _enter(client, customer)
    assert "Cambi il suo indirizzo" in client.get(reverse("portal:home")).content.decode()
    milano = {"address_line1": "Via Dante 1", "address_line2": "", "city": "Milano",
              "region": "mi", "postcode": "20121"}  # fmt: skip
    page = _preview(client, customer, milano)
    text = " ".join(page.content.decode().split())
    assert "Confermi il nuovo indirizzo" in text and "Il premio non cambia." in text
    assert "Roma → Milano" in text
    with django_capture_on_commit_callbacks(execute=True):
        done = _confirm(client, page)
    assert "il suo indirizzo è cambiato" in done.content.decode()
    policy.refresh_from_db()
    assert policy.answers["province"] == "MI"
    assert policy.changes.get().premium_difference == Decimal("0.00")
    [(_to, message)] = inbox.received
    assert "il premio non cambia" in _text(message)
    assert message["Subject"] == "Il suo indirizzo presso Lexus Roma è cambiato"


def test_an_australian_move_of_state_is_priced_with_the_new_stamp_duty(client, au_dealer):
    policy = sold(au_dealer, "au-comprehensive", plan="annual", start=TODAY - timedelta(days=40))
    _enter(client, policy.customer)
    vic = {"address_line1": "1 Collins Street", "address_line2": "", "city": "Melbourne",
           "region": "VIC", "postcode": "3000"}  # fmt: skip
    page = _preview(client, policy.customer, vic).content.decode()
    assert "New South Wales → Victoria" in page
    _confirm(client, _preview(client, policy.customer, vic))
    policy.refresh_from_db()
    assert policy.answers["state"] == "VIC" and policy.changes.get().premium_difference != 0


def test_a_policy_whose_cover_has_ended_is_left_alone(client, motor, uk_dealer):
    """Ended yesterday, not yet expired by the daily job: the address no longer prices it."""
    ended = sold(uk_dealer, "motor-uk", start=TODAY - timedelta(days=400))
    Policy.objects.filter(pk=ended.pk).update(customer=motor.customer,
                                              end_date=TODAY - timedelta(days=1))  # fmt: skip
    _enter(client, motor.customer)
    page = _preview(client, motor.customer, MANCHESTER)
    assert motor.number in page.content.decode() and ended.number not in page.content.decode()
    _confirm(client, page)
    assert motor.changes.count() == 1 and not ended.changes.exists()
