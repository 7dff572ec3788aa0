"""A member of staff finds a policy in the list and opens it (UK and Italy)."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.dealers.factories import UserFactory
from tests.policies.selling import MOTOR, TODAY, deal_for, disclosed, sell

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("products")]


def test_uk_staff_find_a_policy_by_registration_and_read_its_premium(
    page, live_server, log_in, shoot, uk_dealer, password
):
    seller = UserFactory(dealer=uk_dealer, first_name="Sam", last_name="Seller")
    deal = deal_for(uk_dealer)
    disclosed(deal, "motor-uk")
    policy = sell(deal, "motor-uk", MOTOR, plan="monthly", by=seller)
    log_in(seller.username, password)
    page.get_by_role("link", name="Policies").click()
    page.get_by_label("Search").fill(deal.vehicle.registration)
    page.get_by_role("button", name="Filter").click()
    shoot("policy-list-uk")
    page.get_by_role("link", name=policy.number).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(policy.number)
    expect(page.get_by_role("table", name="Premium breakdown")).to_contain_text("Total premium")
    expect(page.get_by_role("table", name="Instalments").get_by_role("row")).to_have_count(13)
    expect(page.get_by_role("table", name="Who did what to this policy")).to_contain_text(
        "Sam Seller"
    )
    shoot("policy-detail-uk")


def test_italian_staff_read_the_policy_in_italian(page, live_server, log_in, shoot, it_dealer,
                                                  password):  # fmt: skip
    seller = UserFactory(dealer=it_dealer, first_name="Giulia", last_name="Bianchi")
    deal = deal_for(it_dealer)
    disclosed(deal, "furto-danni")
    answers = {"package": "rosso", "duration_years": 3, "options": [], "vehicle_type":
               "autovettura", "first_registration": TODAY, "sale_date": TODAY,
               "invoice_price": Decimal("42000"), "financed_by_lfs": False}  # fmt: skip
    policy = sell(deal, "furto-danni", answers, plan="monthly", by=seller)
    log_in(seller.username, password)
    page.get_by_role("link", name="Polizze").click()
    page.get_by_role("link", name=policy.number).click()
    expect(page.get_by_role("table", name="Dettaglio del premio")).to_contain_text(
        re.compile(r"\d+,\d\d")  # euros written the Italian way
    )
    shoot("policy-detail-it")
