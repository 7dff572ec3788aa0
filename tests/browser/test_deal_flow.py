"""A member of staff logs in and records a sale: a new customer, their car, the deal."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from dealers.models import Customer, Deal
from tests.browser.conftest import label
from tests.dealers.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sales_executive_creates_a_customer_then_a_deal_with_its_vehicle(
    page, live_server, log_in, shoot, uk_dealer, password
):
    seller = UserFactory(dealer=uk_dealer, first_name="Sam", last_name="Seller")
    log_in(seller.username, password)
    expect(page.get_by_role("heading", name="Hello, Sam")).to_be_visible()
    shoot("uk-home")

    page.get_by_role("link", name="Customers").click()
    page.get_by_role("link", name="New customer").click()
    page.get_by_label(label("First name")).fill("Olivia")
    page.get_by_label(label("Last name")).fill("Bennett")
    page.get_by_label(label("Email")).fill("olivia.bennett@example.co.uk")
    page.get_by_label(label("Phone")).fill("0161 496 0123")
    page.get_by_label(label("Address")).fill("14 Deansgate")
    page.get_by_label(label("Town or city")).fill("Manchester")
    page.get_by_label(label("Postcode")).fill("m3 4lq")
    page.get_by_role("button", name="Save customer").click()
    expect(page.get_by_role("heading", name="Olivia Bennett")).to_be_visible()
    expect(page.get_by_text("M3 4LQ")).to_be_visible()

    page.get_by_role("link", name="New deal for this customer").click()
    delivery = date.today() + timedelta(days=7)
    page.get_by_label(label("VIN")).fill("JTHBA3BL0A5099887")
    page.get_by_label(label("Registration")).fill("MA26 XLC")
    page.get_by_label(label("Model")).fill("NX 450h+")
    page.get_by_label(label("Delivery date")).fill(delivery.isoformat())
    page.get_by_label(label("Invoice price (GBP)")).fill("52500.00")
    page.get_by_label(label("How it is paid for")).select_option(label="PCP")
    page.get_by_label(label("Finance provider")).fill("Lexus Financial Services")
    page.get_by_label(label("Finance term (months)")).fill("48")
    page.get_by_label(label("Monthly payment (GBP)")).fill("629.00")
    shoot("uk-deal-form")
    page.get_by_role("button", name="Create deal").click()

    expect(page.get_by_role("heading", name="Deal: Lexus NX 450h+ (MA26 XLC)")).to_be_visible()
    expect(page.get_by_text("£52,500.00")).to_be_visible()
    shoot("uk-deal-detail")
    deal = Deal.objects.get()
    assert deal.customer == Customer.objects.get(last_name="Bennett")
    assert deal.salesperson == seller
    assert deal.vehicle.finance_term_months == 48


def test_a_mistake_in_the_deal_form_is_shown_next_to_the_field_and_nothing_typed_is_lost(
    page, live_server, log_in, shoot, uk_dealer, password
):
    seller = UserFactory(dealer=uk_dealer)
    log_in(seller.username, password)
    page.get_by_role("link", name="New deal").first.click()
    page.get_by_label(label("First name")).fill("Harry")
    page.get_by_label(label("Last name")).fill("Okafor")
    page.get_by_label(label("Email")).fill("harry@example.com")
    page.get_by_label(label("Phone")).fill("0113 496 0000")
    page.get_by_label(label("Address")).fill("1 Park Row")
    page.get_by_label(label("Town or city")).fill("Leeds")
    page.get_by_label(label("Postcode")).fill("not a postcode")
    page.get_by_label(label("VIN")).fill("JTHBA3BL0A50I9887")
    page.get_by_label(label("Model")).fill("UX 300h")
    page.get_by_label(label("Invoice price (GBP)")).fill("34000")
    page.get_by_role("button", name="Create deal").click()

    expect(page.get_by_text("Enter a UK postcode, e.g. SW1A 1AA.")).to_be_visible()
    expect(page.get_by_text("A VIN uses only letters and digits, never I, O or Q.")).to_be_visible()
    expect(page.get_by_label(label("Last name"))).to_have_value("Okafor")
    expect(page.get_by_label(label("Model"))).to_have_value("UX 300h")
    shoot("uk-deal-form-errors")
    assert not Customer.objects.exists()
