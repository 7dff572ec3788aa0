"""A whole sale in each market, as staff do it: log in, open the deal, compare the
products, choose, answer, acknowledge the product information, sell, see the policy.
And sales the rules refuse, with their reason on the page."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from policies.models import Policy
from tests.browser.conftest import label, open_sold_policy
from tests.dealers.factories import UserFactory
from tests.policies.selling import TODAY, deal_for

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("products")]


def open_menu(page, live_server, deal):
    page.goto(f"{live_server.url}/deals/{deal.pk}/")
    page.get_by_role("link", name=re.compile("Insurance menu|Menu assicurativo")).click()


def test_uk_staff_sell_smart_cover_from_the_deal(
    page, live_server, log_in, shoot, serious_a11y_problems, uk_dealer, password
):
    seller = UserFactory(dealer=uk_dealer, first_name="Sam", last_name="Seller")
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    log_in(seller.username, password)
    open_menu(page, live_server, deal)
    page.get_by_label("Repairs to small dents, scratches and wheels").check()
    page.get_by_role("button", name="Record demands and needs").click()
    expect(page.get_by_text("demands and needs are recorded")).to_be_visible()
    smart = page.get_by_role("region", name="Lexus SMART Cover")
    expect(smart.get_by_text("£538.80")).to_be_visible()  # 36 months £449 + IPT 20%
    smart.get_by_label(label("Term")).select_option(label="12 months")
    expect(smart.get_by_text("£238.80")).to_be_visible()  # live: £199 + IPT 20%
    shoot("menu-uk")
    assert serious_a11y_problems() == []
    smart.get_by_role("button", name="Choose Lexus SMART Cover").click()
    page.get_by_label("The customer has received and read the product information").check()
    page.get_by_role("button", name="Sell the policy").click()
    open_sold_policy(page, "LSC-000001")
    expect(page.get_by_role("table", name="Premium breakdown")).to_contain_text("£238.80")
    shoot("policy-uk")
    assert serious_a11y_problems() == []
    assert Policy.objects.get().total_premium == Decimal("238.80")


def test_italian_staff_compare_the_packages_and_sell_rosso_in_italian(
    page, live_server, log_in, shoot, serious_a11y_problems, it_dealer, password
):
    seller = UserFactory(dealer=it_dealer, first_name="Giulia", last_name="Bianchi")
    deal = deal_for(
        it_dealer,
        first_registration_date=TODAY,
        delivery_date=TODAY,
        invoice_price=Decimal("42000"),
    )
    log_in(seller.username, password)
    open_menu(page, live_server, deal)
    blu = page.get_by_role("region", name=re.compile("Furto e Danni Blu"))
    rosso = page.get_by_role("region", name=re.compile("Furto e Danni Rosso"))
    giallo = page.get_by_role("region", name=re.compile("Furto e Danni Giallo"))
    for column in (blu, rosso, giallo):
        expect(column.get_by_text(re.compile(r"\d+,\d\d\s€"))).not_to_have_count(0)
    expect(giallo).to_contain_text("Buono")  # the fewest covers
    expect(blu).to_contain_text("Ottimo")  # every cover
    # asked once, for the three packages: each is re-priced for three years
    shared = page.get_by_role("region", name="Risposte per tutti i prodotti")
    singles = [c.get_by_text(re.compile(r"^[\d.]+,\d\d\s€$")).first for c in (blu, rosso, giallo)]
    one_year = [s.inner_text() for s in singles]
    expect(blu.get_by_label(label("Durata"))).to_have_count(0)
    shared.get_by_label(label("Durata")).select_option(label="3 anni")
    for single, before in zip(singles, one_year, strict=True):
        expect(single).not_to_have_text(before)
    single = singles[1]  # Rosso's
    three_years = single.inner_text()
    rosso.get_by_label("Kasko Premium").check()
    expect(single).not_to_have_text(three_years)  # and again with Kasko
    shoot("menu-it")
    assert serious_a11y_problems() == []
    rosso.get_by_role("button", name=re.compile("Scegli Polizza Furto e Danni Rosso")).click()
    page.get_by_label(re.compile("Il cliente ha ricevuto")).check()
    page.get_by_role("button", name="Vendi la polizza").click()
    open_sold_policy(page, "PFD-000001")
    shoot("policy-it")
    assert serious_a11y_problems() == []
    policy = Policy.objects.get()
    assert policy.answers["package"] == "rosso" and policy.term_months == 36


def test_kasko_on_a_six_year_old_car_is_greyed_with_its_reason_and_the_package_priced(
    page, live_server, log_in, it_dealer, password
):
    seller = UserFactory(dealer=it_dealer)
    six_years = TODAY.replace(year=TODAY.year - 6) - timedelta(days=30)
    deal = deal_for(it_dealer, first_registration_date=six_years, invoice_price=Decimal("30000"))
    log_in(seller.username, password)
    open_menu(page, live_server, deal)
    shared = page.get_by_role("region", name="Risposte per tutti i prodotti")
    shared.get_by_label(label("Valore di mercato (veicoli usati)")).fill("12000")
    shared.get_by_label(label("Valore di mercato (veicoli usati)")).press("Tab")
    for name in ("Blu", "Rosso", "Giallo"):
        column = page.get_by_role("region", name=re.compile(f"Furto e Danni {name}"))
        expect(column.get_by_label("Kasko Premium")).to_be_disabled()  # greyed, with why
        expect(column).to_contain_text("più di 5 anni")
        # the package itself is still priced
        expect(column.get_by_text(re.compile(r"^[\d.]+,\d\d\s€$")).first).to_be_visible()
    blu = page.get_by_role("region", name=re.compile("Furto e Danni Blu"))
    expect(blu.get_by_label("Kasko Finanziaria")).to_be_disabled()  # a used car
    giallo = page.get_by_role("region", name=re.compile("Furto e Danni Giallo"))
    expect(giallo.get_by_label("Kasko Finanziaria")).to_have_count(0)  # Blu's alone


def test_au_staff_sell_comprehensive_paid_monthly(
    page, live_server, log_in, shoot, serious_a11y_problems, au_dealer, password
):
    seller = UserFactory(dealer=au_dealer, first_name="Ava", last_name="Nguyen")
    deal = deal_for(au_dealer, invoice_price=Decimal("60000"))
    log_in(seller.username, password)
    open_menu(page, live_server, deal)
    au = page.get_by_role("region", name="Lexus Comprehensive Motor")
    au.get_by_label(label("Youngest driver's age")).fill("40")
    au.get_by_label(label("Years licensed")).fill("20")
    au.get_by_label(label("Youngest driver's age")).press("Tab")
    expect(au.get_by_text(re.compile(r"12 instalments"))).to_be_visible()
    shoot("menu-au")
    assert serious_a11y_problems() == []
    au.get_by_label("Monthly").check()
    au.get_by_role("button", name="Choose Lexus Comprehensive Motor").click()
    page.get_by_label("The customer has received and read the product information").check()
    page.get_by_role("button", name="Sell the policy").click()
    open_sold_policy(page, "LCM-000001")
    shoot("policy-au")
    assert serious_a11y_problems() == []
    policy = Policy.objects.get()
    assert policy.payment_plan == "monthly" and policy.instalments.count() == 12


def test_a_gap_sale_before_the_two_clear_days_shows_the_first_day_it_can_be_sold(
    page, live_server, log_in, uk_dealer, password
):
    seller = UserFactory(dealer=uk_dealer)
    deal = deal_for(uk_dealer)
    log_in(seller.username, password)
    open_menu(page, live_server, deal)
    page.get_by_role("region", name="Lexus Asset Protector (GAP)").get_by_role(
        "button", name="Choose Lexus Asset Protector (GAP)"
    ).click()
    page.get_by_label("The customer has received and read the product information").check()
    page.get_by_role("button", name="Sell the policy").click()
    earliest = (TODAY + timedelta(days=3)).strftime("%d/%m/%Y")
    expect(page.get_by_role("alert")).to_contain_text(f"cannot be concluded before {earliest}")
    assert not Policy.objects.exists()
