"""Customers on their phones (issue 20): a UK GAP bought online two clear days after its
information was emailed (the clock moved), and an Italian customer renewing an annual
Furto e Danni policy in Italian, each from the link in a real email."""

import re
import subprocess
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from playwright.sync_api import expect

from policies.models import DistanceOffer, Policy
from policies.renewal_steps import renewal_advance
from policies.rules.renewal import Step
from policies.selectors import renewal_params
from tests.browser.conftest import AXE, SCREENSHOTS, label
from tests.claims.helpers import sold
from tests.dealers.factories import UserFactory
from tests.policies.selling import TODAY, deal_for
from tests.smtp import Inbox

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("products")]

PHONE = {"width": 390, "height": 844}
LINK = re.compile(r"http\S+/my/enter/#\S+")


def _link(message) -> str:
    return LINK.search(message.get_body(("plain",)).get_content()).group(0)


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.body.scrollWidth") <= PHONE["width"]


def test_a_gap_information_email_then_an_online_purchase_two_clear_days_later(
    page, browser, live_server, settings, log_in, password, start_server, shoot,
    serious_a11y_problems, uk_dealer,
):  # fmt: skip
    inbox = start_server(Inbox())
    settings.SITE_URL = live_server.url
    seller = UserFactory(dealer=uk_dealer, first_name="Sam", last_name="Seller")
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7), finance_type="finance",
                    finance_term_months=48)  # fmt: skip
    log_in(seller.username, password)
    page.goto(f"{live_server.url}/policies/menu/{deal.pk}/sell/asset-protector/")
    page.get_by_label(label("Term")).select_option(label="36 months")
    page.get_by_label(label("Net invoice price")).fill("32000")
    page.get_by_label(label("Net invoice price")).press("Tab")
    expect(page.locator("#sell-price")).to_contain_text("£390.88")  # £349 + 12% IPT
    page.get_by_label(label("How it is given")).select_option(label="By email")
    page.get_by_role("button", name="Record the information as given today").click()
    expect(page.get_by_role("status").filter(has_text="emailed to")).to_contain_text(
        f"emailed to {deal.customer.email}")  # fmt: skip
    offer = DistanceOffer.objects.get(deal=deal)
    [(to, message)] = inbox.received
    assert to == [deal.customer.email] and offer.total == Decimal("390.88")
    [pdf] = [p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"]
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf.get_content(), capture_output=True,
                          check=True).stdout.decode()  # fmt: skip
    assert "£390.88" in text and f"{offer.concludes_from:%d/%m/%Y}" in text
    page.goto(f"{live_server.url}/policies/gap-follow-up/")
    expect(page.get_by_role("table")).to_contain_text("Waiting: the deferral runs")
    shoot("gap-follow-up")
    assert serious_a11y_problems() == []

    phone = browser.new_context(viewport=PHONE).new_page()
    phone.goto(_link(message))
    offers = phone.get_by_role("region", name="Cover offered to you")
    expect(offers).to_contain_text(f"you can buy it from {offer.concludes_from:%d/%m/%Y}")
    offers.get_by_role("link", name="Lexus Asset Protector (GAP)").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Lexus Asset Protector (GAP)")
    expect(phone.get_by_role("button", name=re.compile("^Buy it for"))).to_have_count(0)
    inbox.received.clear()
    with time_machine.travel(offer.concludes_from, tick=True):  # two clear days later
        phone.reload()
        phone.get_by_label(label("I have read the product information and what is not "
                                 "covered")).check()  # fmt: skip
        phone.screenshot(path=str(SCREENSHOTS / "portal-gap-offer-phone.png"), full_page=True)
        assert _serious_a11y_problems(phone) == []
        _no_sideways_scroll(phone)
        phone.get_by_role("button", name="Buy it for £390.88").click()
        policy = Policy.objects.get(deal=deal)
        expect(phone.get_by_role("status").first).to_contain_text(
            f"you are covered under policy {policy.number}")  # fmt: skip
    card = phone.get_by_role("region", name="Lexus Asset Protector (GAP)")
    expect(card).to_contain_text(policy.number)
    assert policy.sold_by == seller and policy.total_premium == offer.total
    [(to, documents)] = inbox.received  # the policy's documents, as for a desk sale
    assert to == [deal.customer.email] and policy.number in documents["Subject"]
    page.goto(f"{live_server.url}/policies/gap-follow-up/")
    expect(page.get_by_role("table")).to_contain_text("Accepted online")


def _serious_a11y_problems(other_page) -> list[str]:
    """As the serious_a11y_problems fixture, on a page of another browser context."""
    other_page.evaluate(AXE.read_text())
    violations = other_page.evaluate("async () => (await axe.run(document)).violations")
    return [v["id"] for v in violations if v["impact"] in ("serious", "critical")]


def test_an_italian_customer_renews_an_annual_furto_e_danni_policy_in_italian(
    page, live_server, settings, start_server, shoot, serious_a11y_problems, it_dealer
):
    inbox = start_server(Inbox())
    settings.SITE_URL = live_server.url
    policy = sold(it_dealer, "furto-danni")
    days = renewal_params(policy.product).invite_days
    inbox.received.clear()
    assert renewal_advance(policy_id=policy.pk, on=policy.end_date - timedelta(days=days)) == (
        Step.INVITE)  # fmt: skip
    [(to, invitation)] = inbox.received
    assert to == [policy.customer.email]
    page.set_viewport_size(PHONE)
    page.goto(_link(invitation))
    card = page.get_by_role("region", name="Polizza Furto e Danni")
    expect(card).to_contain_text("non si rinnova da sola")
    renew = card.get_by_role("button", name=re.compile(r"^Rinnovi per [\d.,]+ €$"))
    shown = renew.inner_text().replace("\xa0", " ")
    shoot("portal-renewal-offer-it-phone")
    assert serious_a11y_problems() == []
    _no_sideways_scroll(page)
    inbox.received.clear()
    renew.click()
    expect(page.get_by_role("status").first).to_contain_text("la sua polizza si rinnoverà")
    expect(page.get_by_role("region", name="Polizza Furto e Danni")).to_contain_text(
        "si rinnova da sola")  # fmt: skip
    shoot("portal-renewal-accepted-it-phone")
    [(_to, confirmation)] = inbox.received
    body = " ".join(confirmation.get_body(("plain",)).get_content().replace("\xa0", " ").split())
    assert (
        f"Ha accettato il rinnovo della sua polizza Polizza Furto e Danni {policy.number}" in body
    )
    assert shown.removeprefix("Rinnovi per ") in body
    end = policy.end_date
    pay = end - timedelta(days=renewal_params(policy.product).payment_days)
    assert renewal_advance(policy_id=policy.pk, on=pay) == Step.TAKE_PAYMENT
    assert renewal_advance(policy_id=policy.pk, on=end) == Step.RENEW
    renewed = Policy.objects.get(renewed_from=policy)
    page.reload()
    expect(page.get_by_role("main")).to_contain_text(renewed.number)
