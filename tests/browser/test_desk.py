"""The desk as a business manager works it (issue 19): the shared answers once, the covers
compared, products in the basket with their total, shown to the customer, the quote
emailed (read from the mail server) and reopened, the basket sold in one step, back to
the menu with each product marked sold."""

import re
import subprocess
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from policies.models import Policy, Quote, SignedStatement
from tests.browser.conftest import label, open_sold_policy
from tests.dealers.factories import UserFactory
from tests.policies.selling import TODAY, deal_for
from tests.smtp import Inbox

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("products")]


def test_uk_basket_of_smart_cover_and_motor_sold_in_one_step(
    page, live_server, log_in, shoot, serious_a11y_problems, uk_dealer, password, start_server
):
    inbox = start_server(Inbox())
    seller = UserFactory(dealer=uk_dealer, first_name="Sam", last_name="Seller")
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7), finance_type="pcp",
                    finance_term_months=48, finance_apr=Decimal("6.9"))  # fmt: skip
    log_in(seller.username, password)
    page.goto(f"{live_server.url}/policies/menu/{deal.pk}/")
    smart = page.get_by_role("region", name="Lexus SMART Cover")
    motor = page.get_by_role("region", name="Lexus Motor Insurance")
    smart.get_by_label(label("Term")).select_option(label="12 months")
    expect(smart.get_by_text("£238.80")).to_be_visible()
    motor.get_by_label(label("Vehicle value")).fill("45000")
    motor.get_by_label(label("Youngest driver's age")).fill("42")
    motor.get_by_label(label("No claims discount (years)")).fill("5")
    motor.get_by_label(label("No claims discount (years)")).press("Tab")
    expect(motor.get_by_text(re.compile(r"^£[\d,]+\.\d\d$")).first).to_be_visible()
    smart.get_by_label("In the basket").check()
    basket = page.get_by_role("region", name="Basket")
    expect(basket).to_contain_text("£238.80")
    # SMART £238.80 financed over 48 months at 6.9% APR: £5.68 a month more
    expect(basket).to_contain_text("add £5.68 a month to the finance payment")
    motor.get_by_label("In the basket").check()
    expect(basket).to_contain_text("Lexus Motor Insurance")
    expect(page.get_by_role("region", name="What each one covers")).to_contain_text(
        "Lexus SMART Cover"
    )
    shoot("desk-menu-uk")
    assert serious_a11y_problems() == []
    basket.get_by_role("button", name="Show the customer").click()  # the screen turned round
    expect(page.get_by_role("heading", level=1)).to_contain_text("Insurance for")
    expect(page.get_by_role("navigation", name="Main")).to_have_count(0)
    expect(page.get_by_text("£238.80")).to_be_visible()
    expect(page.get_by_role("region", name="What each one covers")).to_contain_text(
        "Lexus SMART Cover"
    )
    shoot("desk-present-uk")
    assert serious_a11y_problems() == []
    page.get_by_role("button", name=f"Email me this quote ({deal.customer.email})").click()
    quote = Quote.objects.get(deal=deal)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Quote {quote.reference}")
    expect(page.locator("#quote-email-status")).to_contain_text(f"Emailed to {deal.customer.email}")
    [(to, message)] = inbox.received  # the customer's copy, from the mail server
    assert to == [deal.customer.email]
    assert message["Subject"] == f"Your insurance quote {quote.reference} from {uk_dealer.name}"
    [pdf] = message.iter_attachments()
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf.get_content(), capture_output=True,
                          check=True).stdout.decode()  # fmt: skip
    assert quote.reference in text and "£238.80" in text
    assert f"Valid until {TODAY + timedelta(days=30):%d/%m/%Y}" in text
    shoot("desk-quote-uk")
    assert serious_a11y_problems() == []
    page.get_by_role("button", name="Reopen at the desk").click()
    expect(page.get_by_text(f"Reopened from quote {quote.reference}")).to_be_visible()
    basket = page.get_by_role("region", name="Basket")
    expect(basket).to_contain_text("Lexus Motor Insurance")  # the answers and basket kept
    basket.get_by_role("button", name="Sell the basket").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sell the basket")
    page.get_by_label(re.compile("product information of Lexus SMART Cover")).check()
    page.get_by_label(re.compile("product information of Lexus Motor Insurance")).check()
    drivers = page.get_by_role("region", name="The drivers for Lexus Motor Insurance")
    expect(drivers.get_by_label(label("Policyholder: full name"))).to_have_value(
        deal.customer.display_name
    )  # from the customer's record
    drivers.get_by_label(label("Date of birth")).fill(f"{TODAY.year - 42}-01-01")
    drivers.get_by_label(label("Years licence held")).fill("20")
    drivers.get_by_label(label("Occupation")).fill("Architect")
    sign(page)  # the customer, on the screen turned to them
    shoot("desk-basket-uk")
    assert serious_a11y_problems() == []
    page.get_by_role("button", name="Sell the 2 policies").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Insurance")
    expect(page.get_by_role("status").first).to_contain_text("Issued:")
    assert Policy.objects.filter(deal=deal).count() == 2
    for policy in Policy.objects.filter(deal=deal):
        expect(page.get_by_text(f"Sold on this deal: policy {policy.number}.")).to_be_visible()
    smart = Policy.objects.get(deal=deal, product__code="smart-cover")
    motor = Policy.objects.get(deal=deal, product__code="motor-uk")
    assert [(d["occupation"], d["licence"]) for d in motor.proposal["drivers"]] == [
        ("Architect", "full_uk")]  # fmt: skip
    assert smart.total_premium == Decimal("238.80")
    assert {s.kind for s in SignedStatement.objects.filter(deal=deal)} == {"information_received"}
    open_sold_policy(page, smart.number)
    signed = page.get_by_role("list").filter(has_text="Product information received")
    expect(signed).to_contain_text(deal.customer.display_name)
    with page.expect_download() as got:
        signed.get_by_role("link", name=re.compile("Download")).first.click()
    assert Path(got.value.path()).read_bytes().startswith(b"%PDF")


def sign(page) -> None:
    """A signature drawn with the mouse in the box, as a finger would."""
    canvas = page.locator("[data-signature-pad] canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    x, y, w, h = box["x"], box["y"], box["width"], box["height"]
    page.mouse.move(x + 0.1 * w, y + 0.7 * h)
    page.mouse.down()
    for fx, fy in ((0.25, 0.3), (0.4, 0.75), (0.55, 0.35), (0.7, 0.7), (0.85, 0.4)):
        page.mouse.move(x + fx * w, y + fy * h, steps=5)
    page.mouse.up()
    expect(page.locator('input[name="signature"]')).to_have_value(
        re.compile(r"^data:image/png;base64,")
    )


def test_italian_desk_duration_once_compare_present_and_sell_rosso(
    page, live_server, log_in, shoot, serious_a11y_problems, it_dealer, password, start_server
):
    inbox = start_server(Inbox())
    seller = UserFactory(dealer=it_dealer, first_name="Giulia", last_name="Bianchi")
    deal = deal_for(it_dealer, first_registration_date=TODAY, delivery_date=TODAY,
                    invoice_price=Decimal("42000"))  # fmt: skip
    log_in(seller.username, password)
    page.goto(f"{live_server.url}/policies/menu/{deal.pk}/")
    shared = page.get_by_role("region", name="Risposte per tutti i prodotti")
    shared.get_by_label(label("Durata")).select_option(label="3 anni")
    rosso = page.get_by_role("region", name=re.compile("Furto e Danni Rosso"))
    # PRODUCTS.md §4 with its rates: Rosso 3 years on €42,000 is 2.487,27 € (test_menu_shared)
    expect(rosso.get_by_text("2.487,27 €").first).to_be_visible()
    covers = page.get_by_role("region", name="Che cosa copre ciascuno")
    expect(
        covers.get_by_role("row", name=re.compile("^Atti vandalici Non inclusa"))
    ).to_be_visible()
    rosso.get_by_label("Nel carrello").check()
    basket = page.get_by_role("region", name="Carrello")
    expect(basket).to_contain_text("2.487,27 €")
    shoot("desk-menu-it")
    assert serious_a11y_problems() == []
    basket.get_by_role("button", name="Mostra al cliente").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Assicurazione per")
    shoot("desk-present-it")
    assert serious_a11y_problems() == []
    page.get_by_role(
        "button", name=f"Inviatemi questo preventivo per email ({deal.customer.email})"
    ).click()
    quote = Quote.objects.get(deal=deal)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Preventivo {quote.reference}")
    [(_to, message)] = inbox.received
    assert message["Subject"] == f"Il suo preventivo assicurativo {quote.reference} da Lexus Roma"
    [pdf] = message.iter_attachments()
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf.get_content(), capture_output=True,
                          check=True).stdout.decode()  # fmt: skip
    assert "2.487,27 €" in text and "Valido fino al" in text
    shoot("desk-quote-it")
    assert serious_a11y_problems() == []
    page.get_by_role("button", name="Riapri alla scrivania").click()
    page.get_by_role("region", name="Carrello").get_by_role(
        "button", name="Vendi il carrello"
    ).click()
    page.get_by_label(
        re.compile("informativa precontrattuale di Polizza Furto e Danni Rosso")
    ).check()
    sign(page)
    shoot("desk-basket-it")
    page.get_by_role("button", name="Vendi 1 polizza").click()
    expect(page.get_by_role("status").first).to_contain_text("Emesse:")
    policy = Policy.objects.get(deal=deal)
    assert policy.answers["package"] == "rosso" and policy.term_months == 36
    assert policy.total_premium == Decimal("2487.27")
    [signed] = SignedStatement.objects.filter(deal=deal)
    assert signed.text.startswith("Ho ricevuto e letto")  # in the customer's language


def test_australian_desk_excesses_compared_quote_emailed_signed_and_sold(
    page, live_server, log_in, shoot, serious_a11y_problems, au_dealer, password, start_server
):
    inbox = start_server(Inbox())
    seller = UserFactory(dealer=au_dealer, first_name="Ava", last_name="Nguyen")
    deal = deal_for(au_dealer, invoice_price=Decimal("60000"))
    log_in(seller.username, password)
    page.goto(f"{live_server.url}/policies/menu/{deal.pk}/")
    au = page.get_by_role("region", name="Lexus Comprehensive Motor")
    au.get_by_label(label("State or territory")).select_option("NSW")
    au.get_by_label(label("Youngest driver's age")).fill("40")
    au.get_by_label(label("Years licensed")).fill("20")
    au.get_by_label(label("Youngest driver's age")).press("Tab")
    expect(au.get_by_text(re.compile(r"12 instalments"))).to_be_visible()
    covers = page.get_by_role("region", name="What each one covers")
    # PRODUCTS.md §5: the basic excess by state of residence, NSW 750
    expect(covers).to_contain_text("$750")
    au.get_by_label("In the basket").check()
    basket = page.get_by_role("region", name="Basket")
    expect(basket).to_contain_text("Lexus Comprehensive Motor")
    expect(basket.get_by_role("cell", name="Annual")).to_be_visible()  # paid once a year
    shoot("desk-menu-au")
    assert serious_a11y_problems() == []
    basket.get_by_role("button", name="Show the customer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Insurance for")
    shoot("desk-present-au")
    assert serious_a11y_problems() == []
    page.get_by_role("button", name=f"Email me this quote ({deal.customer.email})").click()
    quote = Quote.objects.get(deal=deal)
    [(to, message)] = inbox.received
    assert to == [deal.customer.email] and quote.reference in message["Subject"]
    shoot("desk-quote-au")
    page.get_by_role("button", name="Reopen at the desk").click()
    page.get_by_role("region", name="Basket").get_by_role("button", name="Sell the basket").click()
    # Australia gives its Product Disclosure Statement, not an IPID (issue 19)
    expect(page.get_by_role("region", name="The customer signs")).to_contain_text(
        "Product Disclosure Statement"
    )
    page.get_by_label(re.compile("product information of Lexus Comprehensive Motor")).check()
    sign(page)
    shoot("desk-basket-au")
    assert serious_a11y_problems() == []
    page.get_by_role("button", name="Sell 1 policy").click()
    expect(page.get_by_role("status").first).to_contain_text("Issued:")
    policy = Policy.objects.get(deal=deal)
    assert policy.answers["state"] == "NSW"
    assert SignedStatement.objects.filter(deal=deal, kind="information_received").count() == 1
