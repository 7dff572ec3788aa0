"""The customer cancels a policy on their page within its cooling-off period (issue 20):
the refund shown first is the refund recorded, worked by hand here from the seeds' rules;
after the period the page says whom to contact and nothing is cancelled; the cancellation
is recorded as the customer's, its documents emailed and a confirmation sent."""

import re
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse

from audit.trail import TrailQuery, trail_page
from dealers.customer_links import customer_link_token
from tests.claims.helpers import sold
from tests.policies.selling import TODAY
from tests.smtp import Inbox

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]
HIDDEN = re.compile(r'<input type="hidden" name="(version|shown_refund)" value="([^"]*)"')


def _enter(client, customer):
    client.post(reverse("portal:enter"), {"token": customer_link_token(customer)})


def _page(client, policy):
    response = client.get(reverse("portal:cancel", args=[policy.pk]))
    return response, " ".join(response.content.decode().split())


def _confirm(client, policy, response, **changes):
    body = dict(HIDDEN.findall(response.content.decode())) | changes
    return client.post(reverse("portal:cancel", args=[policy.pk]), body, follow=True)


def _text(message) -> str:
    return " ".join(message.get_body(("plain",)).get_content().split())


def test_smart_cover_cancelled_in_its_14_days_refunds_the_whole_premium_shown_first(
    client, uk_dealer, start_server, django_capture_on_commit_callbacks
):
    inbox = start_server(Inbox())
    policy = sold(uk_dealer, "smart-cover", start=TODAY - timedelta(days=10))
    inbox.received.clear()  # the sale's documents
    customer = policy.customer
    _enter(client, customer)
    home = " ".join(client.get(reverse("portal:home")).content.decode().split())
    ends = policy.start_date + timedelta(days=14)
    assert "Cancel this policy" in home
    assert f"You may cancel until {ends:%d/%m/%Y} (cooling-off period)." in home
    # 12 months £199.00 + IPT 20% £39.80 = £238.80, all of it back (seed 000: within
    # the first 14 days, a full refund if no claim was made).
    assert policy.total_premium == Decimal("238.80")
    response, page = _page(client, policy)
    assert page.index("Your refund") < page.index("Cancel my policy")
    assert "£238.80" in page and "Administration fee" not in page
    with django_capture_on_commit_callbacks(execute=True):
        done = _confirm(client, policy, response)
    assert f"Your policy {policy.number} is cancelled" in done.content.decode()
    policy.refresh_from_db()
    assert (policy.status, policy.refund, policy.cancelled_on) == (
        "cancelled",
        Decimal("238.80"),
        TODAY,
    )
    assert policy.cancellation_reason == "Cancelled by the customer within the cooling-off period"
    last = policy.history.first()
    assert last.history_user is None
    assert last.history_change_reason.endswith("by the customer, on their page")
    entries, _more = trail_page(TrailQuery(kinds=("policy",), object_id=policy.pk))
    assert entries[0].who == "The customer, on their page"
    subjects = {m["Subject"]: (to, m) for to, m in inbox.received}
    assert all(to == [customer.email] for to, _m in subjects.values())
    confirmation = subjects[f"Your policy {policy.number} is cancelled"][1]
    assert "Your refund is £238.80: Lexus Manchester pays it back to you." in _text(confirmation)
    assert any("has been cancelled" in _text(m) for _to, m in subjects.values())  # documents'


def test_motor_in_its_cooling_off_refunds_pro_rata_less_the_fee_as_recorded(client, uk_dealer):
    policy = sold(uk_dealer, "motor-uk", start=TODAY - timedelta(days=5))
    # Seed 002 s.14.6: in the 14 days too, the premium less the time on cover and the £35
    # fee. £474.84 a year (tests/portal/test_changes.py works it out).
    left, days = (policy.end_date - TODAY).days, (policy.end_date - policy.start_date).days
    refund = (Decimal("474.84") * left / days - Decimal("35.00")).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )
    _enter(client, policy.customer)
    response, page = _page(client, policy)
    assert f"£{refund}" in page
    assert re.search(r"Administration fee</dt><dd[^>]*>£35\.00<", page)
    _confirm(client, policy, response)
    policy.refresh_from_db()
    assert (policy.status, policy.refund, policy.cancellation_fee) == (
        "cancelled",
        refund,
        Decimal("35.00"),
    )


def test_after_the_cooling_off_period_the_page_says_whom_to_contact(client, uk_dealer):
    policy = sold(uk_dealer, "motor-uk")  # started 100 days ago
    _enter(client, policy.customer)
    ended = policy.start_date + timedelta(days=14)
    home = " ".join(client.get(reverse("portal:home")).content.decode().split())
    assert "Cancel this policy" not in home
    assert (f"The cooling-off period ended on {ended:%d/%m/%Y}: to cancel, contact "
            "Lexus Manchester.") in home  # fmt: skip
    response, page = _page(client, policy)
    assert "To cancel it, contact Lexus Manchester." in page and "Cancel my policy" not in page
    client.post(reverse("portal:cancel", args=[policy.pk]),
                {"version": policy.version, "shown_refund": "0.00"})  # fmt: skip
    policy.refresh_from_db()
    assert policy.status == "live"


def test_another_customers_policy_is_not_found(client, uk_dealer):
    mine = sold(uk_dealer, "smart-cover", start=TODAY - timedelta(days=10))
    theirs = sold(uk_dealer, "smart-cover", start=TODAY - timedelta(days=10))
    _enter(client, mine.customer)
    url = reverse("portal:cancel", args=[theirs.pk])
    assert client.get(url).status_code == 404
    body = {"version": theirs.version, "shown_refund": str(theirs.total_premium)}
    assert client.post(url, body).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "live"


def test_a_stale_page_cancels_nothing(client, uk_dealer):
    policy = sold(uk_dealer, "smart-cover", start=TODAY - timedelta(days=10))
    _enter(client, policy.customer)
    response, _page_text = _page(client, policy)
    stale = _confirm(client, policy, response, version=str(policy.version - 1))
    assert "Something changed since the refund was shown" in stale.content.decode()
    other_refund = _confirm(client, policy, response, shown_refund="1.00")
    assert "Something changed since the refund was shown" in other_refund.content.decode()
    policy.refresh_from_db()
    assert policy.status == "live"


def test_an_italian_customer_cancels_in_italian(
    client, it_dealer, start_server, django_capture_on_commit_callbacks
):
    inbox = start_server(Inbox())
    policy = sold(it_dealer, "furto-danni", start=TODAY - timedelta(days=3))
    inbox.received.clear()
    _enter(client, policy.customer)
    home = client.get(reverse("portal:home")).content.decode()
    assert "Annulli questa polizza" in home
    response, page = _page(client, policy)
    assert "Il suo rimborso" in page and "giorni rimanenti" in page
    with django_capture_on_commit_callbacks(execute=True):
        _confirm(client, policy, response)
    policy.refresh_from_db()
    assert policy.status == "cancelled"
    subjects = [m["Subject"] for _to, m in inbox.received]
    assert f"La sua polizza {policy.number} è annullata" in subjects
