"""A UK GAP sale at a distance (FCA ICOBS 6A.1; issue 20): the information the seller gives
is emailed to the customer with its price as a PDF; the customer buys online once two
clear days have passed, or from the next day at their written request; the price is held
for the product's setting; the daily job reminds them; staff follow the offers up."""

import re
import subprocess
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from dealers.customer_links import customer_link_token
from documents.distance import distance_reminders_task
from policies.models import Disclosure, DistanceOffer, Policy
from tests.dealers.factories import DealerFactory, UserFactory
from tests.policies.selling import TODAY
from tests.policies.test_sale_conformance import column, financed, url_of
from tests.smtp import Inbox

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]

# Asset Protector, 36 months on a Net Invoice Price of £32,000: the rate card's band up to
# £40,000 is £349.00 (catalog/asset_protector: 349 x the 36-month factor 1.0), plus
# Insurance Premium Tax at 12% (£41.88): £390.88; the dealer's commission 25% of £349.
PRICE, COMMISSION = Decimal("390.88"), Decimal("87.25")
ANSWERS = {"asset-protector-term_months": "36", "asset-protector-invoice_price": "32000"}


def _day(d):
    return d.strftime("%d/%m/%Y")


def _given(col, django_capture_on_commit_callbacks):
    body = {**col.valid, **ANSWERS, "give-how": "email", "give_information": ""}
    with django_capture_on_commit_callbacks(execute=True):
        page = col.client.post(url_of(col.deal, col.key), body, follow=True)
    return page.content.decode()


@pytest.fixture
def offered(uk_dealer, start_server, django_capture_on_commit_callbacks):
    inbox = start_server(Inbox())
    col = column(financed(uk_dealer), "asset-protector")
    page = _given(col, django_capture_on_commit_callbacks)
    return col, page, inbox


def _customer(col):
    client = Client()
    client.post(reverse("portal:enter"), {"token": customer_link_token(col.deal.customer)})
    return client


def _buy(client, offer, **body):
    return client.post(reverse("portal:offer", args=[offer.pk]), {"read": "on", **body},
                       follow=True)  # fmt: skip


def test_the_information_is_emailed_at_once_with_its_price_and_the_day_it_can_be_bought(
    offered,
):
    col, page, inbox = offered
    offer = DistanceOffer.objects.get()
    assert (offer.given_on, offer.given_by, offer.total) == (TODAY, col.deal.salesperson, PRICE)
    assert offer.early_from == TODAY + timedelta(days=1)
    assert offer.concludes_from == TODAY + timedelta(days=3)  # two clear days between
    assert offer.held_until == TODAY + timedelta(days=30)  # the product's setting
    customer = col.deal.customer
    assert f"emailed to {customer.email}, with a link to buy online from " in page
    [(to, message)] = inbox.received
    assert to == [customer.email]
    assert message["Subject"] == "Your Lexus Asset Protector (GAP) information and price from " + (
        col.deal.dealer.name)  # fmt: skip
    text = " ".join(message.get_body(("plain",)).get_content().split())
    assert "its price: £390.88" in text and re.search(r"/my/enter/#\S+", text)
    [pdf] = [p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"]
    words = " ".join(
        subprocess.run(
            ["pdftotext", "-", "-"], input=pdf.get_content(), capture_output=True, check=True
        )
        .stdout.decode()
        .split()
    )
    assert "£390.88" in words and "36 months" in words
    assert f"You can buy it from {_day(offer.concludes_from)}" in words
    assert "What is and is not covered" in words
    given, then = _day(TODAY), _day(offer.concludes_from)
    assert f"until 2 clear days have passed since you were given this information on {given}, " \
           f"so from {then}" in words  # the product's setting, 2  # fmt: skip


def test_the_customer_buys_online_two_clear_days_later_and_the_policy_is_a_normal_one(
    offered, django_capture_on_commit_callbacks
):
    col, _page, inbox = offered
    offer = DistanceOffer.objects.get()
    client = _customer(col)
    home = client.get(reverse("portal:home")).content.decode()
    assert f"you can buy it from {_day(offer.concludes_from)}" in home
    shown = client.get(reverse("portal:offer", args=[offer.pk])).content.decode()
    assert "Buy it for" not in shown  # not yet
    refused = _buy(client, offer).content.decode()
    assert f"You can buy this cover from {_day(offer.concludes_from)}" in refused
    assert not Policy.objects.exists()
    inbox.received.clear()
    with time_machine.travel(offer.concludes_from, tick=True):
        page = client.get(reverse("portal:offer", args=[offer.pk])).content.decode()
        assert "Buy it for £390.88" in page and "early_request" not in page
        assert "This field is required" in _buy(client, offer, read="").content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            done = _buy(client, offer).content.decode()
            again = _buy(client, offer)  # sent twice: bought once
    policy = Policy.objects.get()
    assert f"you are covered under policy {policy.number}" in done
    assert again.status_code == 200 and Policy.objects.count() == 1
    assert (policy.total_premium, policy.commission) == (PRICE, COMMISSION)
    assert policy.sold_by == col.deal.salesperson and policy.customer == col.deal.customer
    sale = policy.history.first()
    assert sale.history_change_reason == "sold online: concluded by the customer, on their page"
    assert sale.history_user is None  # the customer's act, not the seller's
    disclosure = Disclosure.objects.get()
    assert disclosure.acknowledged_at is not None and disclosure.customer_initiated_on is None
    offer.refresh_from_db()
    assert offer.policy == policy and not offer.accepted_early
    assert [to for to, _m in inbox.received] == [[col.deal.customer.email]]  # its documents


def test_from_the_next_day_the_customer_may_ask_in_their_own_words_to_buy_early(offered):
    col, _page, _inbox = offered
    offer = DistanceOffer.objects.get()
    client = _customer(col)
    with time_machine.travel(offer.early_from, tick=True):
        page = client.get(reverse("portal:offer", args=[offer.pk])).content.decode()
        assert "early_request" in page
        assert "This field is required" in _buy(client, offer).content.decode()
        assert not Policy.objects.exists()
        words = "I want the cover to start now as I collect the car tomorrow."
        _buy(client, offer, early_request=words)
    disclosure = Disclosure.objects.get()
    assert disclosure.customer_initiated_on == offer.early_from
    assert disclosure.written_confirmation == words
    assert DistanceOffer.objects.get().accepted_early is True
    assert Policy.objects.get().total_premium == PRICE


def test_the_price_lapses_after_the_days_it_is_held(offered):
    col, _page, _inbox = offered
    offer = DistanceOffer.objects.get()
    with time_machine.travel(offer.held_until + timedelta(days=1), tick=True):
        client = _customer(col)  # a new link: a session lasts two weeks
        page = client.get(reverse("portal:offer", args=[offer.pk])).content.decode()
        assert "This price is no longer held" in page and "Buy it for" not in page
        assert "no longer held" in _buy(client, offer).content.decode()
    assert not Policy.objects.exists()


def test_the_daily_job_reminds_once_on_the_day_and_once_before_the_price_lapses(offered):
    col, _page, inbox = offered
    offer = DistanceOffer.objects.get()
    inbox.received.clear()
    assert distance_reminders_task() == {"ready": 0, "lapsing": 0}
    with time_machine.travel(offer.concludes_from, tick=True):
        assert distance_reminders_task() == {"ready": 1, "lapsing": 0}
        assert distance_reminders_task() == {"ready": 0, "lapsing": 0}  # once
    with time_machine.travel(offer.held_until - timedelta(days=5), tick=True):
        assert distance_reminders_task() == {"ready": 0, "lapsing": 1}
        assert distance_reminders_task() == {"ready": 0, "lapsing": 0}
    subjects = [m["Subject"] for _to, m in inbox.received]
    assert subjects == [
        "You can now buy your Lexus Asset Protector (GAP)",
        "Your Lexus Asset Protector (GAP) price will not be held much longer",
    ]


def test_no_one_elses_offer_and_staff_follow_their_own_dealers_up(offered, uk_dealer):
    col, _page, _inbox = offered
    offer = DistanceOffer.objects.get()
    other = column(financed(uk_dealer), "asset-protector")
    stranger = _customer(other)
    assert stranger.get(reverse("portal:offer", args=[offer.pk])).status_code == 404
    assert stranger.get(reverse("portal:offer-pdf", args=[offer.pk])).status_code == 404
    assert _buy(stranger, offer).status_code == 404
    pdf = _customer(col).get(reverse("portal:offer-pdf", args=[offer.pk]))
    assert pdf.content.startswith(b"%PDF") and pdf["Content-Type"] == "application/pdf"

    follow_up = reverse("policies:distance-list")
    page = col.client.get(follow_up).content.decode()
    assert col.deal.customer.display_name in page and "Waiting: the deferral runs" in page
    with time_machine.travel(offer.concludes_from, tick=True):
        ready = col.client.get(follow_up + "?state=ready").content.decode()
    assert col.deal.customer.display_name in ready
    elsewhere = Client()
    elsewhere.force_login(UserFactory(dealer=DealerFactory(market="UK")))
    assert col.deal.customer.display_name not in elsewhere.get(follow_up).content.decode()


def test_without_a_price_on_the_screen_nothing_is_emailed(
    uk_dealer, start_server, django_capture_on_commit_callbacks
):
    inbox = start_server(Inbox())
    col = column(financed(uk_dealer), "asset-protector")
    col.valid = {**col.valid, "asset-protector-invoice_price": ""}
    body = {**col.valid, "give-how": "email", "give_information": ""}
    with django_capture_on_commit_callbacks(execute=True):
        page = col.client.post(url_of(col.deal, col.key), body, follow=True).content.decode()
    assert "The product information is recorded as given today." in page
    assert "No price on the screen yet, so none was emailed" in page
    assert not DistanceOffer.objects.exists() and inbox.received == []
