"""The menu asks the answers several columns share once, at the top, and every change
re-prices every column (issue 19)."""

from datetime import timedelta
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from tests.dealers.factories import DealerFactory
from tests.policies.selling import TODAY, deal_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


class _FormValues(HTMLParser):
    """What a browser would post of the form `form_id`: its inputs, checked boxes and
    selected options (and the controls that name it with form=)."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.select = form_id, False, None
        self.values: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
            return
        mine = (self.inside and "form" not in a) or a.get("form") == self.form_id
        if tag == "input" and mine and a.get("name") and "disabled" not in a:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button"):
                self.values.append((a["name"], a.get("value", "")))
        elif tag == "select" and mine and "disabled" not in a:
            self.select = a.get("name")
        elif tag == "option" and self.select and "selected" in a:
            self.values.append((self.select, a.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None


def form_values(html: str, form_id: str = "menu-form") -> dict[str, list[str]]:
    parser = _FormValues(form_id)
    parser.feed(html)
    out: dict[str, list[str]] = {}
    for name, value in parser.values:
        out.setdefault(name, []).append(value)
    return out


def _client(deal):
    client = Client()
    client.force_login(deal.salesperson)
    return client


def test_uk_menu_reprices_every_column_as_a_browser_posts_it(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    client = _client(deal)
    page = client.get(reverse("policies:deal-menu", args=[deal.pk])).content.decode()
    data = form_values(page)
    data["smart-cover-term_months"] = ["12"]
    answer = client.post(reverse("policies:deal-reprice", args=[deal.pk]), data)
    assert answer.status_code == 200, answer.content.decode()[-3000:]
    html = answer.content.decode()
    assert 'id="price-smart-cover"' in html and "£238.80" in html  # £199 + IPT 20%


def _it_deal(it_dealer, **vehicle):
    return deal_for(it_dealer, first_registration_date=TODAY, delivery_date=TODAY,
                    invoice_price=Decimal("42000"), **vehicle)  # fmt: skip


def test_italy_asks_the_packages_answers_once_and_the_options_in_each_package(it_dealer):
    deal = _it_deal(it_dealer)
    page = _client(deal).get(reverse("policies:deal-menu", args=[deal.pk])).content.decode()
    for shared in ("duration_years", "province", "invoice_price", "market_value",
                   "financed_by_lfs", "cover_start"):  # fmt: skip
        assert page.count(f'name="shared-{shared}"') >= 1, shared
        for package in ("giallo", "rosso", "blu"):
            assert f'name="furto-danni-{package}-{shared}"' not in page
    for package in ("giallo", "rosso", "blu"):
        assert f'name="furto-danni-{package}-options"' in page
        assert f'name="furto-danni-{package}-payment_plan"' in page
    assert page.count('name="shared-duration_years"') == 1


# PRODUCTS.md section 4 and its ILLUSTRATIVE rates (catalog/furto_danni/reference.py), a new
# car invoiced at €42,000 for 3 years (3 x 0.95 = 2.85 years' premium): the package at its
# rate of the invoice, roadside assistance at its own, taxed at 13.5% and 10%.
#   Giallo 1.20% = 504 x 2.85 = 1,436.40 + 193.91 tax; assistance 30 x 2.85 = 85.50 + 8.55
#   Rosso  1.75% = 735 x 2.85 = 2,094.75 + 282.79;     assistance 35 x 2.85 = 99.75 + 9.98
#   Blu    2.10% = 882 x 2.85 = 2,513.70 + 339.35;     assistance 40 x 2.85 = 114.00 + 11.40
THREE_YEARS = {"giallo": "1.724,36", "rosso": "2.487,27", "blu": "2.978,45"}


def _prices(html: str) -> dict[str, str]:
    """Each column's first (single payment) total in a re-priced menu."""
    out = {}
    for package in THREE_YEARS:
        block = html.split(f'id="price-furto-danni-{package}"', 1)[1]
        out[package] = block.split('fs-5 fw-semibold">', 1)[1].split("\xa0€", 1)[0].split(" €")[0]
    return out


def test_one_shared_answer_reprices_every_package(it_dealer):
    deal = _it_deal(it_dealer)
    client = _client(deal)
    data = form_values(client.get(reverse("policies:deal-menu", args=[deal.pk])).content.decode())
    data["shared-duration_years"] = ["3"]
    html = client.post(reverse("policies:deal-reprice", args=[deal.pk]), data).content.decode()
    assert _prices(html) == THREE_YEARS


def test_choose_takes_the_shared_answers_to_the_packages_sale_page(it_dealer):
    deal = _it_deal(it_dealer)
    client = _client(deal)
    data = form_values(client.get(reverse("policies:deal-menu", args=[deal.pk])).content.decode())
    data["shared-duration_years"] = ["3"]
    page = client.post(reverse("policies:deal-sell", args=[deal.pk, "furto-danni-rosso"]), data)
    html = page.content.decode()
    assert page.status_code == 200 and "2.487,27" in html
    assert '<option value="3" selected>' in html.split('name="furto-danni-rosso-duration_years"')[1]


def test_an_option_the_car_rules_out_is_greyed_and_the_package_still_priced(it_dealer):
    """Kasko on a car six years from its first registration (over five: PRODUCTS.md §4)
    is shown greyed with the reason; the package is priced without it."""
    six_years = TODAY.replace(year=TODAY.year - 6) - timedelta(days=30)
    deal = deal_for(it_dealer, first_registration_date=six_years, invoice_price=Decimal("30000"))
    client = _client(deal)
    data = form_values(client.get(reverse("policies:deal-menu", args=[deal.pk])).content.decode())
    data |= {"shared-market_value": ["12000"], "furto-danni-blu-options": ["kasko_premium"]}
    html = client.post(reverse("policies:deal-reprice", args=[deal.pk]), data).content.decode()
    blu = html.split('id="price-furto-danni-blu"', 1)[1].split('id="price-furto-danni-', 1)[0]
    # A used car at most 120% of its market value: 14,400 insured, Blu 2.10% = 302.40 +
    # 40.82 tax, assistance 40 + 4.00 (one year); no Kasko in it.
    assert "387,22" in blu and "Non disponibile" not in blu
    options = html.split('id="options-furto-danni-blu"', 1)[1]
    kasko = options.split('value="kasko_premium"', 1)[1].split(">", 1)[0]
    assert "disabled" in kasko and "checked" not in kasko
    assert "più di 5 anni" in options


def test_an_option_a_package_cannot_have_is_not_offered(it_dealer):
    deal = _it_deal(it_dealer)
    page = _client(deal).get(reverse("policies:deal-menu", args=[deal.pk])).content.decode()
    giallo = page.split('id="options-furto-danni-giallo"', 1)[1].split("</fieldset>", 1)[0]
    blu = page.split('id="options-furto-danni-blu"', 1)[1].split("</fieldset>", 1)[0]
    assert 'value="kasko_finanziaria"' not in giallo  # Blu's alone (PRODUCTS.md §4)
    assert 'value="kasko_finanziaria"' in blu


def test_a_smart_retailer_types_the_invoice_and_finance_once_for_both_gaps(db):
    deal = deal_for(DealerFactory(market="UK", brand="smart"), delivery_date=TODAY)
    page = _client(deal).get(reverse("policies:deal-menu", args=[deal.pk])).content.decode()
    for shared in ("invoice_price", "finance_agreement", "finance_term_months"):
        assert page.count(f'name="shared-{shared}"') == 1, shared
        assert f'name="smart-combined-gap-{shared}"' not in page
        assert f'name="smart-lease-gap-{shared}"' not in page
    assert 'name="smart-lease-gap-term_months"' in page  # each GAP its own term


def test_questions_asked_differently_stay_in_their_columns(uk_dealer):
    """SMART Cover reads the invoice price from the records, Asset Protector asks it: not
    the same question, so each column keeps its own and there is nothing shared."""
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    page = _client(deal).get(reverse("policies:deal-menu", args=[deal.pk])).content.decode()
    assert 'name="shared-' not in page and "Answers for every product" not in page
    assert 'name="asset-protector-invoice_price"' in page


def test_a_column_the_deal_cannot_price_says_which_answer_it_waits_for(it_dealer):
    """A car registered over a year before the sale is used: its market value caps the
    insured value (PRODUCTS.md §4) and the deal does not know it."""
    deal = deal_for(it_dealer, first_registration_date=TODAY - timedelta(days=400),
                    invoice_price=Decimal("30000"))  # fmt: skip
    page = _client(deal).get(reverse("policies:deal-menu", args=[deal.pk])).content.decode()
    assert page.count("Per vedere il prezzo, rispondi a: Valore di mercato (veicoli usati).") == 3


def _cell(html: str, cell_id: str) -> str:
    return html.split(f'id="{cell_id}">', 1)[1].split("<", 1)[0]


def test_the_basket_totals_what_is_chosen_and_what_financing_it_adds_a_month(uk_dealer):
    """SMART Cover for 12 months, £199 + IPT 20% = £238.80, financed with a PCP of 48
    months at 6.9% APR: monthly rate 1.069^(1/12) - 1 = 0.0055758, 1 - 1.069^-4 =
    0.234246, so 238.80 x 0.0055758 / 0.234246 = £5.68 a month more."""
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7), finance_type="pcp",
                    finance_term_months=48, finance_apr=Decimal("6.9"))  # fmt: skip
    client = _client(deal)
    data = form_values(client.get(reverse("policies:deal-menu", args=[deal.pk])).content.decode())
    data |= {"smart-cover-term_months": ["12"], "basket": ["smart-cover"]}
    html = client.post(reverse("policies:deal-reprice", args=[deal.pk]), data).content.decode()
    assert _cell(html, "basket-single") == "£238.80"
    assert _cell(html, "basket-monthly") == "£0.00"
    assert _cell(html, "basket-total") == "£238.80"
    assert "add £5.68 a month to the finance payment" in html
    assert (
        'id="basket-smart-cover" checked'
        in client.post(reverse("policies:deal-menu", args=[deal.pk]), data).content.decode()
    )  # the page without scripts keeps the basket too


def test_a_basket_takes_one_package_of_a_product_and_adds_monthly_apart(it_dealer):
    deal = _it_deal(it_dealer)
    client = _client(deal)
    data = form_values(client.get(reverse("policies:deal-menu", args=[deal.pk])).content.decode())
    data |= {"shared-duration_years": ["3"], "basket": ["furto-danni-giallo", "furto-danni-rosso"],
             "furto-danni-giallo-payment_plan": ["monthly"]}  # fmt: skip
    html = client.post(reverse("policies:deal-reprice", args=[deal.pk]), data).content.decode()
    assert "Scegli un solo pacchetto di Polizza Furto e Danni." in html
    assert _cell(html, "basket-single") == "0,00\xa0€"
    assert _cell(html, "basket-total") == THREE_YEARS["giallo"] + "\xa0€"  # Giallo alone
    # 1,724.36 in 36 instalments: 47.89 each rounded down, the 32 cents left one each on
    # the first 32 (dealers.money.split_evenly): the first month 47.90
    assert _cell(html, "basket-monthly") == "47,90\xa0€"
