"""A customer opens their own page at a phone's width from the link in a real email
(issue 20, first step): the token never shows in the address bar, their policy and its
documents are there, and a schedule downloads."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from policies.models import Policy
from tests.browser.conftest import label
from tests.claims.helpers import sold
from tests.smtp import Inbox

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("products")]

PHONE = {"width": 390, "height": 844}


def test_a_customer_opens_their_page_from_the_sale_email_on_a_phone(
    page, live_server, settings, start_server, shoot, serious_a11y_problems, uk_dealer
):
    inbox = start_server(Inbox())
    settings.SITE_URL = live_server.url
    policy = sold(uk_dealer, "smart-cover")  # its documents are emailed on commit
    [(to, message)] = inbox.received
    assert to == [policy.customer.email]
    link = re.search(r"http\S+/my/enter/#\S+", message.get_body(("plain",)).get_content())
    page.set_viewport_size(PHONE)
    page.goto(link.group(0))
    expect(page).to_have_url(f"{live_server.url}/my/")  # a clean address: no token
    expect(page.get_by_role("heading", level=1)).to_contain_text(policy.customer.display_name)
    card = page.get_by_role("region", name="Lexus SMART Cover")
    expect(card).to_contain_text(policy.number)
    shoot("portal-home-phone")
    assert serious_a11y_problems() == []
    with page.expect_download() as got:
        card.get_by_role("link", name=re.compile("schedule", re.IGNORECASE)).click()
    assert Path(got.value.path()).read_bytes().startswith(b"%PDF")
    assert page.evaluate("document.body.scrollWidth") <= PHONE["width"]  # nothing sideways


def test_a_customer_switches_automatic_renewal_off_on_a_phone(
    page, live_server, settings, start_server, shoot, serious_a11y_problems, uk_dealer
):
    inbox = start_server(Inbox())
    settings.SITE_URL = live_server.url
    policy = sold(uk_dealer, "motor-uk")
    Policy.objects.filter(pk=policy.pk).update(auto_renew=True)
    link = re.search(r"http\S+/my/enter/#\S+", inbox.received[0][1].get_body(("plain",))
                     .get_content())  # fmt: skip
    page.set_viewport_size(PHONE)
    page.goto(link.group(0))
    card = page.get_by_role("region", name="Lexus Motor Insurance")
    expect(card).to_contain_text("renews by itself")
    card.get_by_role("button", name="Switch automatic renewal off").click()
    expect(page.get_by_role("status").first).to_contain_text("we have emailed you a confirmation")
    expect(page.get_by_role("region", name="Lexus Motor Insurance")).to_contain_text(
        "does not renew by itself"
    )
    shoot("portal-renewal-phone")
    assert serious_a11y_problems() == []
    policy.refresh_from_db()
    assert policy.auto_renew is False
    confirmation = inbox.received[-1][1]  # after the sale's documents
    assert confirmation["Subject"] == f"Your policy {policy.number}: your change is confirmed"
    assert "switched automatic renewal off" in " ".join(
        confirmation.get_body(("plain",)).get_content().split()
    )
    page.get_by_role("link", name="Change your email address or phone number").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your contact details")
    page.get_by_label(label("Phone")).fill("+44 161 496 0999")
    shoot("portal-contact-phone")
    assert serious_a11y_problems() == []
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").first).to_contain_text("we have emailed you a confirmation")
    policy.customer.refresh_from_db()
    assert policy.customer.phone == "+44 161 496 0999"


def test_an_expired_link_leads_to_asking_for_a_new_one_on_a_phone(
    page, live_server, settings, start_server, shoot, serious_a11y_problems, uk_dealer
):
    inbox = start_server(Inbox())
    settings.SITE_URL = live_server.url
    policy = sold(uk_dealer, "smart-cover")
    link = re.search(r"http\S+/my/enter/#\S+", inbox.received[0][1].get_body(("plain",))
                     .get_content())  # fmt: skip
    settings.CUSTOMER_LINK_DAYS = 0  # the link has expired
    page.set_viewport_size(PHONE)
    page.goto(link.group(0))
    expect(page).to_have_url(f"{live_server.url}/my/link/")
    expect(page.get_by_role("alert").first).to_contain_text("This link has expired")
    settings.CUSTOMER_LINK_DAYS = 30
    page.get_by_label(label("Your email address")).fill(policy.customer.email)
    page.get_by_label(label("One of your policy numbers")).fill(policy.number)
    shoot("portal-link-phone")
    assert serious_a11y_problems() == []
    inbox.received.clear()
    page.get_by_role("button").filter(has_text=re.compile("link", re.IGNORECASE)).click()
    expect(page.get_by_role("status").first).to_contain_text("If these details match")
    [(to, message)] = inbox.received
    assert to == [policy.customer.email]
    page.goto(re.search(r"http\S+/my/enter/#\S+", message.get_body(("plain",)).get_content())
              .group(0))  # fmt: skip
    expect(page).to_have_url(f"{live_server.url}/my/")
    assert page.evaluate("document.body.scrollWidth") <= PHONE["width"]
