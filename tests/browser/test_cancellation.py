"""A member of staff cancels a SMART Cover policy: the refund first, then the confirm."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from playwright.sync_api import expect

from policies.models import PolicyStatus
from tests.browser.conftest import label
from tests.dealers.factories import UserFactory
from tests.policies.selling import SMART, TODAY, deal_for, disclosed, sell

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("products")]


def test_uk_staff_cancel_a_smart_cover_policy_after_seeing_the_refund(
    page, live_server, log_in, shoot, uk_dealer, password
):
    seller = UserFactory(dealer=uk_dealer, first_name="Sam", last_name="Seller")
    start = TODAY - timedelta(days=100)
    deal = deal_for(uk_dealer)
    disclosed(deal, "smart-cover", given_on=start)
    answers = {**SMART, "sale_date": start, "delivery_date": start + timedelta(days=7)}
    policy = sell(deal, "smart-cover", answers, on=start, by=seller)
    days = (policy.end_date - policy.start_date).days  # PRODUCTS.md §2: pro rata less £29.99
    refund = (Decimal("238.80") * (days - 100) / days - Decimal("29.99")).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )

    log_in(seller.username, password)
    page.goto(f"{live_server.url}/policies/{policy.pk}/")
    page.get_by_role("link", name="Cancel policy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Cancel policy {policy.number}")
    expect(page.get_by_label(label("Cancellation date"))).to_have_value(TODAY.isoformat())
    expect(page.get_by_text("No claim has been notified in this period.")).to_be_visible()
    page.get_by_label(label("Reason for cancelling")).fill("Sold the car privately")
    page.get_by_role("button", name="Show the refund").click()

    preview = page.get_by_role("table", name=f"Refund if cancelled on {TODAY:%-d %b %Y}")
    expect(preview.get_by_role("row", name="Refund to the customer")).to_contain_text(f"£{refund}")
    expect(preview.get_by_role("row", name="Administration fee")).to_contain_text("£29.99")
    expect(page.get_by_text("less the administration fee of £29.99")).to_be_visible()
    shoot("cancel-preview-uk")
    policy.refresh_from_db()
    assert policy.status == PolicyStatus.LIVE  # the preview wrote nothing

    page.get_by_role("button", name="Cancel the policy").click()
    expect(page.get_by_role("status").filter(has_text="is cancelled")).to_contain_text(f"£{refund}")
    expect(page.get_by_text("Cancelled", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Cancel policy")).to_have_count(0)
    expect(page.get_by_role("definition").filter(has_text=f"£{refund}")).to_be_visible()
    shoot("policy-cancelled-uk")
    policy.refresh_from_db()
    assert (policy.status, policy.refund) == (PolicyStatus.CANCELLED, refund)
