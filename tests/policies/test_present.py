"""The screen turned towards the customer (issue 19): the products and prices, nothing of
the seller's, the answers carried back to the menu."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from tests.dealers.factories import DealerFactory
from tests.policies.selling import TODAY, deal_for
from tests.policies.test_basket_sale import MOTOR_ON_MENU
from tests.policies.test_menu_shared import form_values

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


def _menu(deal):
    client = Client()
    client.force_login(deal.salesperson)
    return client, form_values(
        client.get(reverse("policies:deal-menu", args=[deal.pk])).content.decode()
    )


def test_the_customer_sees_the_baskets_products_and_prices_and_nothing_of_the_seller(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    client, data = _menu(deal)
    data |= {"smart-cover-term_months": ["12"], "basket": ["smart-cover"]}
    html = client.post(reverse("policies:deal-present", args=[deal.pk]), data).content.decode()
    main = html.split('id="main"', 1)[1]
    assert "Lexus SMART Cover" in main and "£238.80" in main  # £199 + IPT 20%
    assert "Lexus Motor Insurance" not in main.split('id="present-form"')[0]  # not chosen
    for seller_only in ("Commission", "commission", "Why the customer declined", "Log out",
                        "Sales executive", 'name="reason_code"'):  # fmt: skip
        assert seller_only not in html, seller_only
    assert 'name="smart-cover-term_months" value="12"' in html  # carried back to the menu


def test_without_a_basket_every_priced_product_is_shown(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    client, data = _menu(deal)
    html = client.post(reverse("policies:deal-present", args=[deal.pk]), data).content.decode()
    assert "Lexus SMART Cover" in html and "Lexus Asset Protector (GAP)" in html


def test_back_to_the_desk_keeps_the_answers(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    client, data = _menu(deal)
    data |= {"smart-cover-term_months": ["12"], "basket": ["smart-cover"]}
    present = client.post(reverse("policies:deal-present", args=[deal.pk]), data)
    back = form_values(present.content.decode(), "present-form")
    menu = client.post(reverse("policies:deal-menu", args=[deal.pk]), back).content.decode()
    assert "£238.80" in menu and 'id="basket-smart-cover" checked' in menu


def test_another_dealers_deal_cannot_be_shown(uk_dealer):
    deal = deal_for(uk_dealer)
    stranger = Client()
    stranger.force_login(deal_for(DealerFactory(market="UK", name="Lexus Leeds")).salesperson)
    assert stranger.post(reverse("policies:deal-present", args=[deal.pk]), {}).status_code == 404


def test_the_customer_sees_the_way_to_pay_chosen_for_the_basket(uk_dealer):
    deal = deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))
    client, data = _menu(deal)
    data |= MOTOR_ON_MENU | {"motor-uk-payment_plan": ["monthly"], "basket": ["motor-uk"]}
    html = client.post(reverse("policies:deal-present", args=[deal.pk]), data).content.decode()
    card = html.split('id="p-motor-uk"', 1)[1].split("</section>", 1)[0]
    assert "Monthly" in card and "Single payment" not in card
    every = client.post(reverse("policies:deal-present", args=[deal.pk]),
                        data | {"basket": []}).content.decode()  # fmt: skip
    card = every.split('id="p-motor-uk"', 1)[1].split("</section>", 1)[0]
    assert "Monthly" in card and "Single payment" in card  # nothing chosen: both ways
