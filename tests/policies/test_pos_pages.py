"""The point-of-sale pages through Django's test client: the menu, live prices, the
demands and needs, a decline, and the sale (its refusals, and a double submit)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from policies.menu import questions_of
from policies.models import Decision, DemandsNeeds, Offer, Policy
from tests.dealers.factories import DealerFactory, UserFactory

from .selling import TODAY, deal_for, page_values, sell_on_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


@pytest.fixture
def uk_deal(uk_dealer):
    return deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7))


@pytest.fixture
def seller(client, uk_deal):
    client.force_login(uk_deal.salesperson)
    return uk_deal.salesperson


def smart_answers(deal, term="12"):
    p = "smart-cover"
    return {f"{p}-term_months": term, f"{p}-payment_plan": "single"}


def disclosure(**more):
    return {"disclosure-acknowledged": "on", **more}


def test_the_menu_prices_every_product_of_the_dealers_market_and_brand(client, seller, uk_deal):
    page = client.get(reverse("policies:deal-menu", args=[uk_deal.pk])).content.decode()
    for name in ("Lexus Asset Protector (GAP)", "Lexus SMART Cover", "Lexus Motor Insurance"):
        assert name in page
    assert "£538.80" in page  # SMART Cover 36 months: £449 + IPT 20%
    assert "Polizza Furto e Danni" not in page  # another market's product
    assert "smart Combined GAP" not in page  # sold by smart retailers


def test_a_smart_retailer_offers_the_smart_gaps_only(client):
    deal = deal_for(DealerFactory(market="UK", brand="smart"))
    client.force_login(deal.salesperson)
    page = client.get(reverse("policies:deal-menu", args=[deal.pk])).content.decode()
    assert "smart Combined GAP" in page and "smart Lease GAP" in page
    assert "Lexus Motor Insurance" not in page and "Lexus SMART Cover" not in page


def test_a_changed_answer_is_priced_live(client, seller, uk_deal):
    url = reverse("policies:deal-price", args=[uk_deal.pk, "smart-cover"])
    page = client.post(url, smart_answers(uk_deal)).content.decode()
    assert "£238.80" in page and "<html" not in page  # a fragment for HTMX


def test_demands_and_needs_are_recorded(client, seller, uk_deal):
    client.post(reverse("policies:deal-needs", args=[uk_deal.pk]),
                {"needs": ["cosmetic"], "notes": "Worried about parking scrapes"})  # fmt: skip
    assert DemandsNeeds.objects.get(deal=uk_deal).answers["needs"] == ["cosmetic"]


def test_a_declined_product_is_recorded_with_its_reason(client, seller, uk_deal):
    url = reverse("policies:deal-decline", args=[uk_deal.pk, "motor-uk"])
    client.post(url, {"reason_code": "has_cover", "reason": "Already insured elsewhere"})
    offer = Offer.objects.get(deal=uk_deal)
    assert (offer.decision, offer.reason_code, offer.reason) == (
        Decision.DECLINED, "has_cover", "Already insured elsewhere")  # fmt: skip
    client.post(reverse("policies:deal-decline", args=[uk_deal.pk, "smart-cover"]), {})
    client.post(reverse("policies:deal-decline", args=[uk_deal.pk, "smart-cover"]),
                {"reason_code": "other"})  # fmt: skip
    assert Offer.objects.count() == 1  # no reason, or "other" without words: nothing recorded


def test_the_sale_issues_the_policy_and_a_double_submit_sells_once(client, seller, uk_deal):
    url = reverse("policies:deal-sell", args=[uk_deal.pk, "smart-cover"])
    shown = client.post(url, {**smart_answers(uk_deal), "update": ""}).content.decode()
    form = {**smart_answers(uk_deal), **disclosure(), **page_values(shown), "sell": ""}
    first = client.post(url, form)
    second = client.post(url, form)
    policy = Policy.objects.get()
    assert first["Location"] == second["Location"] == f"/policies/menu/{uk_deal.pk}/"
    menu = client.get(first["Location"]).content.decode()
    assert f"Sold on this deal: policy {policy.number}." in menu
    assert policy.total_premium == Decimal("238.80")


def test_coming_from_the_menu_shows_the_sale_page_without_errors(client, seller, uk_deal):
    url = reverse("policies:deal-sell", args=[uk_deal.pk, "smart-cover"])
    page = client.post(url, smart_answers(uk_deal)).content.decode()
    assert "This field is required" not in page and "£238.80" in page


def test_smart_cover_after_delivery_is_refused_with_its_reason(client, seller, uk_deal):
    """The delivery is the vehicle record's, the sale date today's: a delivery or sale
    date typed into the page is not taken."""
    type(uk_deal.vehicle).objects.filter(pk=uk_deal.vehicle.pk).update(delivery_date=TODAY)
    url = reverse("policies:deal-sell", args=[uk_deal.pk, "smart-cover"])
    typed = {
        **smart_answers(uk_deal),
        "smart-cover-sale_date": (TODAY - timedelta(days=8)).isoformat(),
        "smart-cover-delivery_date": (TODAY + timedelta(days=30)).isoformat(),
    }
    page = sell_on_page(client, url, {**typed, **disclosure()}).content.decode()
    assert "This sale cannot be concluded" in page
    assert (
        f"the sale on {TODAY.isoformat()} is not before the delivery on {TODAY.isoformat()}" in page
    )
    assert not Policy.objects.exists()


def test_another_dealers_deal_is_not_found(client, uk_deal):
    client.force_login(UserFactory(dealer=DealerFactory(market="UK")))
    assert client.get(reverse("policies:deal-menu", args=[uk_deal.pk])).status_code == 404


def test_the_deal_page_lists_what_was_offered_and_sold(client, seller, uk_deal):
    client.post(reverse("policies:deal-decline", args=[uk_deal.pk, "motor-uk"]),
                {"reason_code": "has_cover", "reason": "Already insured elsewhere"})  # fmt: skip
    url = reverse("policies:deal-sell", args=[uk_deal.pk, "smart-cover"])
    sell_on_page(client, url, {**smart_answers(uk_deal), **disclosure()})
    page = client.get(reverse("dealers:deal-detail", args=[uk_deal.pk])).content.decode()
    assert "Already insured elsewhere" in page and "Declined" in page
    assert "Accepted" in page and "LSC-000001" in page


def test_a_price_shows_before_the_questions_it_does_not_depend_on_are_answered(client, au_dealer):
    deal = deal_for(au_dealer, invoice_price=Decimal("60000"))
    deal.customer.date_of_birth = TODAY.replace(year=TODAY.year - 40)
    deal.customer.save()
    client.force_login(deal.salesperson)
    page = client.get(reverse("policies:deal-menu", args=[deal.pk])).content.decode()
    assert "Years licensed" in page  # not answered yet, and not priced on
    assert "12 instalments from" in page  # priced all the same
    url = reverse("policies:deal-sell", args=[deal.pk, "au-comprehensive"])
    form = {"au-comprehensive-state": "NSW", "au-comprehensive-agreed_value": "60000",
            "au-comprehensive-youngest_driver_age": "40", "au-comprehensive-licence_type": "full",
            "au-comprehensive-voluntary_excess": "0", "au-comprehensive-payment_plan": "annual",
            "disclosure-acknowledged": "on", "sell": ""}  # fmt: skip
    response = client.post(url, form)
    assert response.status_code == 200 and not Policy.objects.exists()  # the sale needs it
    assert "This field is required" in response.content.decode()


@pytest.mark.parametrize("key", ["au-comprehensive", "motor-uk"])
def test_every_voluntary_excess_the_menu_offers_has_a_price(client, uk_dealer, au_dealer, key):
    # The menu offered an AU voluntary excess of $250, which the rate card does not price:
    # choosing it left staff with "There is no rate for this choice" and no way to sell.
    deal = deal_for(au_dealer if key == "au-comprehensive" else uk_dealer,
                    invoice_price=Decimal("60000"))  # fmt: skip
    client.force_login(deal.salesperson)
    answers = {"au-comprehensive": {"state": "NSW", "agreed_value": "60000",
                                    "youngest_driver_age": "40", "payment_plan": "annual"},
               "motor-uk": {"vehicle_value": "60000", "area": "C", "driver_age": "40",
                            "ncd_years": "3", "fault_claims_past_two_years": "0",
                            "named_drivers": "1", "payment_plan": "single"}}[key]  # fmt: skip
    field = questions_of(key).base_fields["voluntary_excess"]
    offered = [str(value) for value, _ in field.choices]
    assert len(offered) == 4
    url = reverse("policies:deal-price", args=[deal.pk, key])
    for excess in offered:
        data = {f"{key}-{k}": v for k, v in {**answers, "voluntary_excess": excess}.items()}
        page = client.post(url, data).content.decode()
        assert "There is no rate" not in page, excess
        assert "Single payment" in page or "Annual" in page, excess


def test_the_needs_asked_are_those_of_the_products_the_dealer_sells(client, uk_deal):
    """Issue 19: a smart retailer was asked about dent repair and motor insurance it does
    not sell. Each product declares the needs it meets."""
    gap, dents, motor = (
        "Cover for the gap between the insurer&#x27;s settlement and the invoice",
        "Repairs to small dents, scratches and wheels",
        "Motor insurance for the new car",
    )
    client.force_login(uk_deal.salesperson)
    page = client.get(reverse("policies:deal-menu", args=[uk_deal.pk])).content.decode()
    assert gap in page and dents in page and motor in page
    smart = deal_for(DealerFactory(market="UK", brand="smart"))
    client.force_login(smart.salesperson)
    page = client.get(reverse("policies:deal-menu", args=[smart.pk])).content.decode()
    assert gap in page and dents not in page and motor not in page
    url = reverse("policies:deal-needs", args=[smart.pk])
    client.post(url, {"needs": ["gap", "motor"]})  # motor is not a need it can record
    assert not DemandsNeeds.objects.filter(deal=smart).exists()
    client.post(url, {"needs": ["gap"]})
    assert DemandsNeeds.objects.get(deal=smart).answers["needs"] == ["gap"]


@pytest.mark.parametrize("finance, advised, fits", [
    ("pcp", "smart Lease GAP", "smart Combined GAP"),
    ("lease", "smart Combined GAP", "smart Lease GAP"),
])  # fmt: skip
def test_a_smart_deal_is_told_which_gap_fits_how_the_car_is_paid_for(
    client, finance, advised, fits
):
    """Seed 004: Combined GAP for a car bought (cash or finance), Lease GAP for a lease."""
    deal = deal_for(DealerFactory(market="UK", brand="smart"), finance_type=finance,
                    finance_term_months=36)  # fmt: skip
    client.force_login(deal.salesperson)
    page = client.get(reverse("policies:deal-menu", args=[deal.pk])).content.decode()
    how = {"pcp": "PCP", "lease": "Lease"}[finance]
    assert f"{advised} is not made for a car on {how}: {fits} fits it." in page
    assert f"{fits} is not made for" not in page


def test_the_sale_page_says_from_when_the_cover_runs(client, seller, uk_deal):
    """Issue 19: cover starts by the product's rule, shown everywhere: Asset Protector
    from delivery (PRODUCTS.md §1), motor on the day chosen, as it changes."""
    delivery = uk_deal.vehicle.delivery_date
    page = client.get(reverse("policies:deal-sell", args=[uk_deal.pk, "asset-protector"]))
    assert f"Cover from {delivery:%d/%m/%Y}" in page.content.decode()
    chosen = TODAY + timedelta(days=12)
    url = reverse("policies:deal-price", args=[uk_deal.pk, "motor-uk"])
    body = {"motor-uk-vehicle_value": "45000", "motor-uk-area": "C", "motor-uk-driver_age": "42",
            "motor-uk-named_drivers": "1", "motor-uk-ncd_years": "5",
            "motor-uk-fault_claims_past_two_years": "0", "motor-uk-payment_plan": "single",
            "motor-uk-cover_start": chosen.isoformat()}  # fmt: skip
    assert f"Cover from {chosen:%d/%m/%Y}" in client.post(url, body).content.decode()
