"""Two people on one customer, and a new deal saved twice with the back button: what a
member of staff sees (issue 17). The second save of the customer shows the conflict
with nothing lost; the new-deal page saved again makes no second deal and says so."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from dealers.models import Customer, Deal
from tests.browser.conftest import label
from tests.dealers.factories import CustomerFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_people_editing_one_customer_the_second_save_shows_the_conflict_and_loses_nothing(
    page, live_server, log_in, shoot, uk_dealer, password
):
    ann = UserFactory(dealer=uk_dealer, first_name="Ann", last_name="Archer")
    bob = UserFactory(dealer=uk_dealer, first_name="Bob", last_name="Baker")
    customer = CustomerFactory(dealer=uk_dealer, first_name="Olivia", last_name="Bennett",
                               city="Leeds", phone="0113 496 0000")  # fmt: skip
    edit = f"{live_server.url}/customers/{customer.pk}/edit/"
    log_in(ann.username, password)
    page.goto(edit)  # Ann opens the customer...
    bobs = page.context.browser.new_context(locale="en-GB").new_page()
    bobs.goto(f"{live_server.url}/accounts/login/")
    bobs.get_by_label(label("Username")).fill(bob.username)
    bobs.get_by_label(label("Password")).fill(password)
    bobs.get_by_role("button", name="Log in").click()
    bobs.goto(edit)  # ...and so does Bob, who saves first
    bobs.get_by_label(label("Town or city")).fill("York")
    bobs.get_by_role("button", name="Save customer").click()
    expect(bobs.get_by_text("Customer details saved.")).to_be_visible()

    page.get_by_label(label("Phone")).fill("0161 496 0123")
    page.get_by_role("button", name="Save customer").click()

    expect(page.get_by_role("heading", name="Someone else saved this record while you were "
                                            "editing it")).to_be_visible()  # fmt: skip
    expect(page.get_by_text("Bob Baker saved it at")).to_be_visible()
    theirs = page.get_by_role("table", name="What the other person changed")
    expect(theirs.get_by_role("row", name="Town or city Leeds York")).to_be_visible()
    expect(page.get_by_label(label("Town or city"))).to_have_value("York")
    expect(page.get_by_label(label("Phone"))).to_have_value("0161 496 0123")
    shoot("customer-edit-conflict")
    saved = Customer.objects.get(pk=customer.pk)
    assert (saved.city, saved.phone) == ("York", "0113 496 0000")  # Ann's save was refused

    page.get_by_role("button", name="Save customer").click()

    expect(page.get_by_text("Customer details saved.")).to_be_visible()
    saved.refresh_from_db()
    assert (saved.city, saved.phone) == ("York", "0161 496 0123")  # both changes kept
    bobs.context.close()


def test_a_new_deal_saved_then_saved_again_after_the_back_button_is_one_deal(
    page, live_server, log_in, shoot, uk_dealer, password
):
    seller = UserFactory(dealer=uk_dealer)
    customer = CustomerFactory(dealer=uk_dealer, first_name="Olivia", last_name="Bennett")
    log_in(seller.username, password)
    page.goto(f"{live_server.url}/customers/{customer.pk}/")
    page.get_by_role("link", name="New deal for this customer").click()
    page.get_by_label(label("VIN")).fill("JTHBA3BL0A5099887")
    page.get_by_label(label("Registration")).fill("MA26 XLC")
    page.get_by_label(label("Model")).fill("NX 450h+")
    page.get_by_label(label("Delivery date")).fill((date.today() + timedelta(days=7)).isoformat())
    page.get_by_label(label("Invoice price (GBP)")).fill("52500.00")
    page.get_by_role("button", name="Create deal").click()
    expect(page.get_by_role("heading", name="Deal: Lexus NX 450h+ (MA26 XLC)")).to_be_visible()

    page.go_back()
    expect(page.get_by_label(label("Model"))).to_have_value("NX 450h+")
    page.get_by_role("button", name="Create deal").click()

    expect(page.get_by_role("heading", name="Deal: Lexus NX 450h+ (MA26 XLC)")).to_be_visible()
    expect(page.get_by_text("This deal was already saved from this page")).to_be_visible()
    shoot("new-deal-saved-twice")
    assert Deal.objects.count() == 1
