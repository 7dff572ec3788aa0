"""A customer on a phone, from the link in a real email (issue 20): changes their
address on a motor policy, sees the premium difference and confirms it; cancels a policy
within its cooling-off period, seeing the refund before anything is done."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from policies.models import PolicyChange
from tests.browser.conftest import label
from tests.claims.helpers import sold
from tests.policies.selling import TODAY
from tests.smtp import Inbox

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("products")]

PHONE = {"width": 390, "height": 844}


def _open_from_email(page, inbox, live_server):
    link = re.search(r"http\S+/my/enter/#\S+", inbox.received[0][1].get_body(("plain",))
                     .get_content())  # fmt: skip
    page.set_viewport_size(PHONE)
    page.goto(link.group(0))
    expect(page).to_have_url(f"{live_server.url}/my/")


def _nothing_sideways(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_customer_moves_to_another_rating_area_and_confirms_the_difference(
    page, live_server, settings, start_server, shoot, serious_a11y_problems, uk_dealer
):
    inbox = start_server(Inbox())
    settings.SITE_URL = live_server.url
    policy = sold(uk_dealer, "motor-uk")  # area C, its documents emailed on commit
    _open_from_email(page, inbox, live_server)
    page.get_by_role("link", name="Change your address").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your address")
    page.get_by_label(label("Address")).first.fill("1 Piccadilly")
    page.get_by_label(label("Town or city")).fill("Manchester")
    page.get_by_label(label("Postcode")).fill("M1 1AE")
    shoot("portal-address-phone")
    assert serious_a11y_problems() == []
    _nothing_sideways(page)
    page.get_by_role("button", name="Continue").click()
    card = page.get_by_role("region", name="Lexus Motor Insurance")
    expect(card).to_contain_text("C → E")
    expect(card).to_contain_text(re.compile(r"You pay £\d+\.\d\d more for the \d+ days"))
    shoot("portal-address-confirm-phone")
    assert serious_a11y_problems() == []
    _nothing_sideways(page)
    page.get_by_role("button", name="Confirm the new address").click()
    expect(page.get_by_role("status").first).to_contain_text("your address is changed")
    change = PolicyChange.objects.get(policy=policy)
    assert change.by_customer and change.premium_difference > Decimal("0")
    shown = re.search(r"£(\d+\.\d\d)", inbox.received[-1][1].get_body(("plain",)).get_content())
    assert Decimal(shown.group(1)) == change.premium_difference  # the email says the same


def test_a_customer_cancels_within_the_cooling_off_period_seeing_the_refund_first(
    page, live_server, settings, start_server, shoot, serious_a11y_problems, uk_dealer
):
    inbox = start_server(Inbox())
    settings.SITE_URL = live_server.url
    policy = sold(uk_dealer, "smart-cover", start=TODAY - timedelta(days=10))
    _open_from_email(page, inbox, live_server)
    card = page.get_by_role("region", name="Lexus SMART Cover")
    card.get_by_role("link", name="Cancel this policy").click()
    refund = page.get_by_role("region", name="Your refund")
    expect(refund).to_contain_text("£238.80")  # all of it, in the first 14 days
    shoot("portal-cancel-phone")
    assert serious_a11y_problems() == []
    _nothing_sideways(page)
    page.get_by_role("button", name="Cancel my policy").click()
    expect(page.get_by_role("status").first).to_contain_text(f"{policy.number} is cancelled")
    expect(page.get_by_role("region", name="Lexus SMART Cover")).to_contain_text("Cancelled")
    policy.refresh_from_db()
    assert (policy.status, policy.refund) == ("cancelled", Decimal("238.80"))
