"""The basket sold in one step: each product its own policy, at the price on the screen,
all or none, once however often the page is sent; then back to the menu (issue 19)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from policies.models import Policy
from tests.policies.selling import TODAY, deal_for, drivers_posted
from tests.policies.test_menu_shared import form_values

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]

MOTOR_ON_MENU = {"motor-uk-vehicle_value": ["45000"], "motor-uk-area": ["C"],
                 "motor-uk-driver_age": ["42"], "motor-uk-named_drivers": ["1"],
                 "motor-uk-ncd_years": ["5"], "motor-uk-ncd_protected": ["False"],
                 "motor-uk-fault_claims_past_two_years": ["0"],
                 "motor-uk-voluntary_excess": ["250"], "motor-uk-options": ["legal_expenses"],
                 "motor-uk-cover_start": [TODAY.isoformat()]}  # fmt: skip


def _menu(deal):
    client = Client()
    client.force_login(deal.salesperson)
    page = client.get(reverse("policies:deal-menu", args=[deal.pk])).content.decode()
    return client, form_values(page)


def _basket_page(client, deal, data):
    page = client.post(reverse("policies:deal-basket", args=[deal.pk]), data)
    assert page.status_code == 200, page.status_code
    return page.content.decode()


def test_smart_cover_and_motor_are_sold_together_each_its_own_policy(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    client, data = _menu(deal)
    data |= MOTOR_ON_MENU | {"smart-cover-term_months": ["12"],
                             "basket": ["smart-cover", "motor-uk"]}  # fmt: skip
    html = _basket_page(client, deal, data)
    assert "£238.80" in html  # SMART Cover 12 months, £199 + IPT 20%
    sell = form_values(html, "basket-form") | {"ack-smart-cover": ["on"], "ack-motor-uk": ["on"],
                                                "sell_basket": [""]}  # fmt: skip
    missing = client.post(reverse("policies:deal-basket", args=[deal.pk]), sell).content.decode()
    assert "Complete the drivers&#x27; details of Lexus Motor Insurance." in missing
    assert not Policy.objects.filter(deal=deal).exists()
    sell |= {k: [v] for k, v in drivers_posted(youngest=42).items()}
    done = client.post(reverse("policies:deal-basket", args=[deal.pk]), sell)
    assert done.status_code == 302
    assert done["Location"] == reverse("policies:deal-menu", args=[deal.pk])
    smart, motor = (Policy.objects.get(deal=deal, product__code=c)
                    for c in ("smart-cover", "motor-uk"))  # fmt: skip
    assert smart.total_premium == Decimal("238.80")
    assert smart.term_months == 12 and motor.payment_plan == "single"
    assert [d["occupation"] for d in motor.proposal["drivers"]] == ["Engineer"]
    assert smart.proposal == {}
    shown = html.split('name="shown-motor-uk" value="', 1)[1].split('"', 1)[0]
    assert str(motor.total_premium) == shown  # the price on the screen is the price charged
    again = client.post(reverse("policies:deal-basket", args=[deal.pk]), sell)
    assert again.status_code == 302 and Policy.objects.filter(deal=deal).count() == 2
    menu = client.get(done["Location"]).content.decode()
    assert f"Sold on this deal: policy {smart.number}." in menu
    assert f"Sold on this deal: policy {motor.number}." in menu


def test_one_refusal_sells_none_and_says_which_and_why(uk_dealer):
    """Asset Protector's information must be given two clear days before its sale (PRODUCTS.md
    §1): given today, the GAP is refused, and SMART Cover beside it is not sold either."""
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    client, data = _menu(deal)
    data |= {"smart-cover-term_months": ["12"], "basket": ["smart-cover", "asset-protector"]}
    html = _basket_page(client, deal, data)
    sell = form_values(html, "basket-form") | {
        "ack-smart-cover": ["on"],
        "ack-asset-protector": ["on"],
        "sell_basket": [""],
    }
    refused = client.post(reverse("policies:deal-basket", args=[deal.pk]), sell).content.decode()
    assert "Nothing was sold" in refused
    reason = refused.split("Lexus Asset Protector (GAP):", 1)[1].split("</li>", 1)[0]
    assert "clear day" in reason, reason
    assert not Policy.objects.filter(deal=deal).exists()


def test_every_product_needs_its_information_acknowledged(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    client, data = _menu(deal)
    data |= {"smart-cover-term_months": ["12"], "basket": ["smart-cover"]}
    sell = form_values(_basket_page(client, deal, data), "basket-form") | {"sell_basket": [""]}
    page = client.post(reverse("policies:deal-basket", args=[deal.pk]), sell).content.decode()
    assert "Confirm the customer has received and read the product information of" in page
    assert not Policy.objects.filter(deal=deal).exists()


def test_a_changed_price_sells_nothing(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    client, data = _menu(deal)
    data |= {"smart-cover-term_months": ["12"], "basket": ["smart-cover"]}
    sell = form_values(_basket_page(client, deal, data), "basket-form") | {
        "ack-smart-cover": ["on"],
        "sell_basket": [""],
        "shown-smart-cover": ["200.00"],
    }
    page = client.post(reverse("policies:deal-basket", args=[deal.pk]), sell).content.decode()
    assert "Nothing was sold" in page and not Policy.objects.filter(deal=deal).exists()


def test_an_empty_basket_goes_back_to_the_menu(uk_dealer):
    deal = deal_for(uk_dealer)
    client, data = _menu(deal)
    answer = client.post(reverse("policies:deal-basket", args=[deal.pk]), data)
    assert answer["Location"] == reverse("policies:deal-menu", args=[deal.pk])


def test_the_basket_shows_the_day_each_cover_starts(uk_dealer):
    """Motor from the day the customer chooses (collection), SMART Cover from the sale."""
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    client, data = _menu(deal)
    collection = TODAY + timedelta(days=10)
    data |= MOTOR_ON_MENU | {"motor-uk-cover_start": [collection.isoformat()],
                             "smart-cover-term_months": ["12"],
                             "basket": ["smart-cover", "motor-uk"]}  # fmt: skip
    menu = client.post(reverse("policies:deal-menu", args=[deal.pk]), data).content.decode()
    basket = menu.split('id="basket"', 1)[1]
    motor = basket.split("Lexus Motor Insurance", 1)[1].split("</th>", 1)[0]
    smart = basket.split("Lexus SMART Cover", 1)[1].split("</th>", 1)[0]
    assert f"Cover from {collection:%d/%m/%Y}" in motor
    assert f"Cover from {TODAY:%d/%m/%Y}" in smart
    present = client.post(reverse("policies:deal-present", args=[deal.pk]), data).content.decode()
    assert f"Cover from {collection:%d/%m/%Y}" in present


def test_each_column_of_the_menu_says_from_when_its_cover_runs(uk_dealer):
    """Asset Protector from delivery (PRODUCTS.md §1), SMART Cover from the sale."""
    delivery = TODAY + timedelta(days=7)
    deal = deal_for(uk_dealer, delivery_date=delivery)
    client, data = _menu(deal)
    page = client.post(reverse("policies:deal-reprice", args=[deal.pk]), data).content.decode()
    gap = page.split('id="price-asset-protector"', 1)[1].split("</dl>", 1)[0]
    smart = page.split('id="price-smart-cover"', 1)[1].split("</dl>", 1)[0]
    assert f"Cover from {delivery:%d/%m/%Y}" in gap
    assert f"Cover from {TODAY:%d/%m/%Y}" in smart
