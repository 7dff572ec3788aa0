"""The menu's cover comparison: what each product or package covers, side by side, from
the content of the documents the policy would have (issue 19)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from policies.disclosure import default_document
from policies.selectors import product_get
from tests.dealers.factories import DealerFactory
from tests.policies.selling import SMART, TODAY, deal_for, disclosed, sell
from tests.policies.test_menu_shared import form_values

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _row(html: str, label: str) -> list[str]:
    """The cells of the first row headed `label`."""
    row = html.split(f'<th scope="row">{label}</th>', 1)[1].split("</tr>", 1)[0]
    return [cell.split(">", 1)[1].split("</td>", 1)[0] for cell in row.split("<td")[1:]]


def test_giallo_shows_it_lacks_vandalism_and_natural_disasters_beside_rosso_and_blu(it_dealer):
    """PRODUCTS.md §4: Giallo has neither Atti vandalici nor Calamità naturali; Rosso and
    Blu have both."""
    deal = deal_for(it_dealer, first_registration_date=TODAY, delivery_date=TODAY,
                    invoice_price=Decimal("42000"))  # fmt: skip
    html = _client(deal.salesperson).get(reverse("documents:deal-covers", args=[deal.pk]))
    html = html.content.decode()
    heads = html.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert heads.index("Giallo") < heads.index("Rosso") < heads.index("Blu")
    for cover in ("Atti vandalici", "Calamità naturali"):
        giallo, rosso, blu = _row(html, cover)
        assert giallo == "Non inclusa"
        assert rosso != "Non inclusa" and blu != "Non inclusa"
    assert all(cell != "Non inclusa" for cell in _row(html, "Cristalli"))


def test_the_comparison_follows_the_options_ticked_on_the_menu(it_dealer):
    deal = deal_for(it_dealer, first_registration_date=TODAY, delivery_date=TODAY,
                    invoice_price=Decimal("42000"))  # fmt: skip
    client = _client(deal.salesperson)
    url = reverse("documents:deal-covers", args=[deal.pk])
    menu = client.get(reverse("policies:deal-menu", args=[deal.pk])).content.decode()
    data = form_values(menu) | {"furto-danni-rosso-options": ["kasko_premium"]}
    html = client.post(url, data).content.decode()
    giallo, rosso, blu = _row(html, "Kasko Premium")
    assert giallo == blu == "—" and rosso not in ("", "—")


def test_uk_products_each_show_their_own_covers(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    html = _client(deal.salesperson).get(reverse("documents:deal-covers", args=[deal.pk]))
    html = html.content.decode()
    assert "Lexus SMART Cover" in html and "Lexus Asset Protector (GAP)" in html


def test_another_dealers_deal_has_no_comparison(uk_dealer):
    deal = deal_for(uk_dealer)
    stranger = deal_for(DealerFactory(market="UK", name="Lexus Leeds")).salesperson
    url = reverse("documents:deal-covers", args=[deal.pk])
    assert _client(stranger).get(url).status_code == 404
    assert _client(stranger).post(url, {}).status_code == 404


def test_a_re_price_tells_the_page_to_read_the_covers_again(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    answer = _client(deal.salesperson).post(reverse("policies:deal-reprice", args=[deal.pk]), {})
    assert answer["HX-Trigger"] == "menu-repriced"


def test_australia_shows_its_excesses_before_and_after_the_sale(au_dealer):
    """PRODUCTS.md §5: the basic excess and the young or inexperienced drivers' excesses
    are on the menu's comparison, the sale page's (its column alone) and the policy page's."""
    deal = deal_for(au_dealer, invoice_price=Decimal("60000"))
    client = _client(deal.salesperson)
    url = reverse("documents:deal-covers", args=[deal.pk])
    data = {"au-comprehensive-state": "NSW", "au-comprehensive-agreed_value": "60000",
            "au-comprehensive-youngest_driver_age": "40", "au-comprehensive-licence_type": "full",
            "au-comprehensive-licence_years": "20", "au-comprehensive-voluntary_excess": "0",
            "au-comprehensive-cover_start": TODAY.isoformat(),
            "au-comprehensive-payment_plan": "annual"}  # fmt: skip
    html = client.post(f"{url}?column=au-comprehensive", data).content.decode()
    assert "Lexus Comprehensive Motor" in html
    assert "Amount: $750.00" in _row(html, "Basic")[0]  # NSW, PRODUCTS.md §5
    assert client.post(f"{url}?column=no-such-column", data).content.decode().count("<table") == 0


def test_the_policy_page_shows_the_policys_own_covers(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    disclosed(deal, "smart-cover")
    policy = sell(deal, "smart-cover", SMART)
    client = _client(deal.salesperson)
    html = client.get(reverse("documents:policy-covers", args=[policy.pk])).content.decode()
    assert "Lexus SMART Cover" in html and "<table" in html
    stranger = deal_for(DealerFactory(market="UK", name="Lexus Leeds")).salesperson
    url = reverse("documents:policy-covers", args=[policy.pk])
    assert _client(stranger).get(url).status_code == 404


def test_australia_calls_its_information_a_pds_and_tmd_and_an_address_a_suburb(au_dealer):
    deal = deal_for(au_dealer)
    assert default_document(deal, product_get("au-comprehensive")) == (
        "Product Disclosure Statement and Target Market Determination – Lexus Comprehensive Motor"
    )
    page = _client(deal.salesperson).get(reverse("dealers:customer-create")).content.decode()
    label = page.split('for="id_city"', 1)[1].split("<", 1)[0]
    assert "Suburb" in label and "Town or city" not in page
