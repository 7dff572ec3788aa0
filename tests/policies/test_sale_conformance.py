"""The sale as the audit found it wanting: the price sold is the price on the screen,
facts come from the records, the information date is the system's, cover starts by the
product's rule, keys are the server's, and a product in force is shown as sold."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from dealers.models import Vehicle
from policies.disclosure import (
    NotAllowed,
    disclosure_acknowledge,
    disclosure_correct,
    disclosure_give,
)
from policies.models import Disclosure, Policy
from policies.refusals import SaleRefused
from policies.rules.common import add_months
from policies.selectors import product_get
from tests.dealers.factories import DealerFactory, UserFactory

from .selling import MOTOR, TODAY, deal_for, page_values, sell
from .test_form_fuzzing import columns_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]

ACK = {"disclosure-acknowledged": "on"}


def column(deal, key):
    return next(c for c in columns_of(deal) if c.key == key)


def url_of(deal, key):
    return reverse("policies:deal-sell", args=[deal.pk, key])


def shown(col, body):
    """The sale page as shown for these answers: its key and the prices on it."""
    page = col.client.post(url_of(col.deal, col.key), {**body, "update": ""})
    return page_values(page.content.decode())


def smart_deal(dealer):
    return deal_for(dealer, delivery_date=TODAY + timedelta(days=7))


# --- the price on the screen ------------------------------------------------------------


def test_a_sale_at_another_price_than_the_screen_shows_is_refused_with_both(uk_dealer):
    """The audit's case: SMART Cover shown at 36 months (£449 + IPT 20% = £538.80), the
    term changed to 60 months (£649 + 20% = £778.80) without the page re-pricing."""
    col = column(smart_deal(uk_dealer), "smart-cover")
    body = {**col.valid, "smart-cover-term_months": "36"}
    values = shown(col, body)
    assert values["shown-single"] == "538.80"

    changed = {**body, "smart-cover-term_months": "60", **values, **ACK, "sell": ""}
    page = col.client.post(url_of(col.deal, col.key), changed)

    assert page.status_code == 200 and not Policy.objects.exists()
    text = page.content.decode()
    assert "The price is now £778.80, not the £538.80 on the screen" in text
    again = {**changed, **page_values(text)}  # the page now shows £778.80
    assert again["shown-single"] == "778.80"
    assert col.client.post(url_of(col.deal, col.key), again).status_code == 302
    assert Policy.objects.get().total_premium == Decimal("778.80")


def test_every_change_re_prices_the_sale_page_with_the_total_it_will_carry(uk_dealer):
    col = column(smart_deal(uk_dealer), "smart-cover")
    price = reverse("policies:deal-price", args=[col.deal.pk, col.key])
    fragment = col.client.post(price, {**col.valid, "smart-cover-term_months": "60"})
    assert page_values(fragment.content.decode())["shown-single"] == "778.80"
    page = col.client.get(url_of(col.deal, col.key)).content.decode()
    assert f'hx-post="{price}"' in page and 'hx-trigger="change' in page


def test_a_sale_whose_price_was_not_on_the_screen_is_refused(uk_dealer):
    col = column(smart_deal(uk_dealer), "smart-cover")
    values = {k: v for k, v in shown(col, col.valid).items() if k == "submission_key"}
    page = col.client.post(url_of(col.deal, col.key), {**col.valid, **values, **ACK, "sell": ""})
    assert "The price was not on the screen" in page.content.decode()
    assert not Policy.objects.exists()


# --- keys ---------------------------------------------------------------------------------


def test_another_sellers_key_sells_nothing_and_tells_nothing_of_their_sale(uk_dealer):
    theirs = column(smart_deal(DealerFactory(market="UK")), "smart-cover")
    their_values = shown(theirs, theirs.valid)
    theirs.client.post(url_of(theirs.deal, theirs.key),
                       {**theirs.valid, **their_values, **ACK, "sell": ""})  # fmt: skip
    their_policy = Policy.objects.get()

    mine = column(smart_deal(uk_dealer), "smart-cover")
    my_prices = {k: v for k, v in shown(mine, mine.valid).items() if k != "submission_key"}
    for key in (their_values["submission_key"], their_policy.submission_key,
                f"renewal:{their_policy.pk}", "0" * 32):  # fmt: skip
        body = {**mine.valid, **my_prices, **ACK, "submission_key": key, "sell": ""}
        response = mine.client.post(url_of(mine.deal, mine.key), body)
        assert response.status_code == 200
        assert their_policy.number not in response.content.decode()
        assert "This sale page has expired or was not opened by you" in response.content.decode()
    assert Policy.objects.count() == 1


def test_a_key_is_looked_up_within_its_own_deal_only(uk_dealer):
    first = smart_deal(uk_dealer)
    _given(first, "smart-cover")
    policy = sell(first, "smart-cover", {"term_months": 12}, key="form:abc")
    other = smart_deal(uk_dealer)
    disclosure_acknowledge(deal=other, product=product_get("smart-cover"),
                           acknowledged_by=other.salesperson)  # fmt: skip
    with pytest.raises(SaleRefused) as refused:
        sell(other, "smart-cover", {"term_months": 12}, key="form:abc")
    assert policy.number not in str(refused.value)
    assert [r.code for r in refused.value.refusals] == ["sale_key_taken"]


# --- a product already in force on the deal ---------------------------------------------


def test_a_second_tab_for_a_product_in_force_is_refused_with_a_link_never_a_500(uk_dealer):
    col = column(smart_deal(uk_dealer), "smart-cover")
    tab1, tab2 = shown(col, col.valid), shown(col, col.valid)
    assert tab1["submission_key"] != tab2["submission_key"]
    url = url_of(col.deal, col.key)
    assert col.client.post(url, {**col.valid, **tab1, **ACK, "sell": ""}).status_code == 302
    policy = Policy.objects.get()

    second = col.client.post(url, {**col.valid, **tab2, **ACK, "sell": ""})

    assert second.status_code == 200 and Policy.objects.count() == 1
    text = second.content.decode()
    assert f"This deal already has Lexus SMART Cover in force: policy {policy.number}." in text
    assert reverse("policies:policy-detail", args=[policy.pk]) in text
    assert 'name="sell"' not in text


def test_the_same_page_sent_again_leads_to_the_menu_with_the_policy_it_sold(uk_dealer):
    col = column(smart_deal(uk_dealer), "smart-cover")
    body = {**col.valid, **shown(col, col.valid), **ACK, "sell": ""}
    first = col.client.post(url_of(col.deal, col.key), body)
    again = col.client.post(url_of(col.deal, col.key), body, follow=True)
    assert again.redirect_chain[-1][0] == first["Location"]
    assert "This sale was already made" in again.content.decode()
    number = Policy.objects.get(deal=col.deal).number
    assert f"Sold on this deal: policy {number}." in again.content.decode()


def test_the_menu_shows_a_product_in_force_as_sold_with_a_link(uk_dealer):
    deal = smart_deal(uk_dealer)
    _given(deal, "smart-cover")
    policy = sell(deal, "smart-cover", {"term_months": 12})
    client = Client()
    client.force_login(deal.salesperson)
    page = client.get(reverse("policies:deal-menu", args=[deal.pk])).content.decode()
    assert f"Sold on this deal: policy {policy.number}." in page
    assert reverse("policies:policy-detail", args=[policy.pk]) in page
    assert "Choose Lexus SMART Cover" not in page
    assert "Choose Lexus Motor Insurance" in page
    decline = reverse("policies:deal-decline", args=[deal.pk, "smart-cover"])
    assert decline not in page  # a product in force is not offered to be declined
    assert reverse("policies:deal-decline", args=[deal.pk, "motor-uk"]) in page


def test_a_product_in_force_cannot_be_recorded_as_declined(uk_dealer):
    deal = smart_deal(uk_dealer)
    _given(deal, "smart-cover")
    sell(deal, "smart-cover", {"term_months": 12})
    client = Client()
    client.force_login(deal.salesperson)
    url = reverse("policies:deal-decline", args=[deal.pk, "smart-cover"])
    page = client.post(url, {"reason_code": "price"}, follow=True)
    assert "Lexus SMART Cover is sold on this deal" in page.content.decode()
    assert not deal.offers.filter(decision="declined").exists()


def _given(deal, code, on=TODAY):
    product = product_get(code)
    disclosure_give(deal=deal, product=product, document="IPID", how="in_person",
                    given_by=deal.salesperson, on=on)  # fmt: skip
    return disclosure_acknowledge(deal=deal, product=product,
                                  acknowledged_by=deal.salesperson)  # fmt: skip


# --- the day the information was given ----------------------------------------------------


def financed(dealer, months=48, delivery=TODAY + timedelta(days=5)):
    return deal_for(dealer, finance_type="finance", finance_term_months=months,
                    delivery_date=delivery)  # fmt: skip


def test_the_information_day_is_recorded_by_the_system_and_cannot_be_typed_back(uk_dealer):
    """ICOBS 6A.1: given today, the GAP sale waits two clear days. The audit re-posted
    the same form at once with an earlier date, and it sold."""
    col = column(financed(uk_dealer), "asset-protector")
    url = url_of(col.deal, col.key)
    given = col.client.post(url, {**col.valid, "give-how": "email", "give_information": ""})
    assert "The product information is recorded as given today." in given.content.decode()
    record = Disclosure.objects.get()
    assert (record.given_on, record.given_by, record.given_how) == (
        TODAY, col.deal.salesperson, "email")  # fmt: skip

    earlier = (TODAY - timedelta(days=5)).isoformat()
    body = {**col.valid, **page_values(given.content.decode()), **ACK, "sell": "",
            "disclosure-given_on": earlier, "disclosure-document": "IPID"}  # fmt: skip
    page = col.client.post(url, body).content.decode()

    earliest = (TODAY + timedelta(days=3)).strftime("%d/%m/%Y")
    assert f"This sale cannot be concluded before {earliest}" in page
    assert not Policy.objects.exists()
    assert Disclosure.objects.get().given_on == TODAY
    assert 'name="disclosure-given_on"' not in page


def test_giving_the_information_again_does_not_move_its_day(uk_dealer):
    deal = financed(uk_dealer)
    product = product_get("asset-protector")
    disclosure_give(deal=deal, product=product, document="IPID", how="in_person",
                    given_by=deal.salesperson, on=TODAY - timedelta(days=3))  # fmt: skip
    disclosure_give(deal=deal, product=product, document="IPID", how="email",
                    given_by=deal.salesperson)  # fmt: skip
    assert Disclosure.objects.get().given_on == TODAY - timedelta(days=3)


def test_only_a_manager_corrects_the_information_day_with_a_reason_kept(uk_dealer):
    deal = financed(uk_dealer)
    deal.deal_date = TODAY - timedelta(days=10)
    deal.save()
    record = _given(deal, "asset-protector")
    manager = UserFactory(dealer=uk_dealer, role="sales_manager")
    with pytest.raises(NotAllowed):
        disclosure_correct(
            disclosure=record,
            given_on=TODAY - timedelta(days=4),
            reason="Given at the first visit",
            corrected_by=deal.salesperson,
        )
    for wrong in (TODAY + timedelta(days=1), TODAY - timedelta(days=11)):
        with pytest.raises(SaleRefused):
            disclosure_correct(disclosure=record, given_on=wrong, reason="Typo",
                               corrected_by=manager)  # fmt: skip

    disclosure_correct(
        disclosure=record,
        given_on=TODAY - timedelta(days=4),
        reason="Given at the first visit",
        corrected_by=manager,
    )

    latest = record.history.latest()
    assert (latest.given_on, latest.history_user, latest.history_change_reason) == (
        TODAY - timedelta(days=4), manager, "Given at the first visit")  # fmt: skip


def test_a_seller_posting_a_correction_is_forbidden(uk_dealer):
    col = column(financed(uk_dealer), "asset-protector")
    _given(col.deal, "asset-protector")
    body = {**col.valid, "correct-given_on": (TODAY - timedelta(days=5)).isoformat(),
            "correct-reason": "x", "correct_disclosure": ""}  # fmt: skip
    assert col.client.post(url_of(col.deal, col.key), body).status_code == 403
    assert Disclosure.objects.get().given_on == TODAY


# --- Asset Protector: 48 months, and cover from delivery ---------------------------------


@pytest.mark.parametrize(("finance", "months"), [("cash", None), ("finance", 36), ("pcp", 24)])
def test_asset_protector_for_48_months_is_refused_without_finance_over_36_months(
    uk_dealer, finance, months
):
    deal = deal_for(uk_dealer, finance_type=finance, finance_term_months=months,
                    delivery_date=TODAY + timedelta(days=5))  # fmt: skip
    _given(deal, "asset-protector", on=TODAY - timedelta(days=3))
    col = column(deal, "asset-protector")
    typed = {**col.valid, "asset-protector-term_months": "48",  # typed facts are not taken
             "asset-protector-finance_agreement": "finance",
             "asset-protector-finance_term_months": "60"}  # fmt: skip
    page = col.client.post(url_of(deal, col.key), {**typed, "update": ""}).content.decode()
    assert "A 48-month term needs a finance agreement longer than 36 months" in page
    assert not Policy.objects.exists()


def test_asset_protector_runs_from_delivery_for_48_months_with_long_finance(uk_dealer):
    delivery = TODAY + timedelta(days=5)
    deal = financed(uk_dealer, months=48, delivery=delivery)
    _given(deal, "asset-protector", on=TODAY - timedelta(days=3))
    col = column(deal, "asset-protector")
    body = {**col.valid, "asset-protector-term_months": "48"}
    response = col.client.post(url_of(deal, col.key), {**body, **shown(col, body), **ACK,
                                                        "sell": ""})  # fmt: skip
    assert response.status_code == 302
    policy = Policy.objects.get()
    assert (policy.start_date, policy.end_date, policy.term_months) == (
        delivery, add_months(delivery, 48), 48)  # fmt: skip


def test_asset_protector_sold_after_delivery_ends_36_months_after_delivery(uk_dealer):
    delivery = TODAY - timedelta(days=20)
    deal = deal_for(uk_dealer, delivery_date=delivery, first_registration_date=delivery)
    _given(deal, "asset-protector", on=TODAY - timedelta(days=3))
    policy = sell(deal, "asset-protector", {"term_months": 36, "invoice_price": Decimal("32000")})
    assert (policy.start_date, policy.end_date) == (TODAY, add_months(delivery, 36))


def test_asset_protector_without_a_delivery_date_is_refused_with_the_reason(uk_dealer):
    deal = deal_for(uk_dealer)
    Vehicle.objects.filter(pk=deal.vehicle.pk).update(delivery_date=None)
    deal.vehicle.refresh_from_db()
    _given(deal, "asset-protector", on=TODAY - timedelta(days=3))
    with pytest.raises(SaleRefused) as refused:
        sell(deal, "asset-protector", {"term_months": 36, "invoice_price": Decimal("32000")})
    assert [r.code for r in refused.value.refusals] == ["cover_needs_delivery_date"]


# --- motor: the day the customer chooses -------------------------------------------------


def test_motor_cover_starts_on_the_day_chosen(uk_dealer):
    col = column(smart_deal(uk_dealer), "motor-uk")
    start = TODAY + timedelta(days=10)
    body = {**col.valid, "motor-uk-cover_start": start.isoformat()}
    response = col.client.post(url_of(col.deal, col.key),
                               {**body, **shown(col, body), **ACK, "sell": ""})  # fmt: skip
    assert response.status_code == 302
    policy = Policy.objects.get()
    assert (policy.start_date, policy.end_date) == (start, add_months(start, 12))
    assert policy.instalments.first().due_date == start


@pytest.mark.parametrize("days", [-1, 31, 3650])
def test_a_motor_start_in_the_past_or_over_30_days_ahead_is_refused(uk_dealer, days):
    col = column(smart_deal(uk_dealer), "motor-uk")
    body = {**col.valid, "motor-uk-cover_start": (TODAY + timedelta(days=days)).isoformat()}
    page = col.client.post(url_of(col.deal, col.key), {**body, **shown(col, col.valid), **ACK,
                                                      "sell": ""})  # fmt: skip
    assert "The cover can start today or on a day up to 30 days ahead." in page.content.decode()
    assert not Policy.objects.exists()
    deal = col.deal
    _given(deal, "motor-uk")
    with pytest.raises(SaleRefused) as refused:  # the service checks it too
        sell(deal, "motor-uk", {**MOTOR, "cover_start": TODAY + timedelta(days=days)})
    assert [r.code for r in refused.value.refusals] == ["cover_start_outside"]


# --- Italy: the sale is dated the day it is made -----------------------------------------


def test_an_italian_sale_is_dated_today_whatever_the_order_date(it_dealer):
    deal = deal_for(it_dealer, delivery_date=TODAY)
    deal.order_date = TODAY - timedelta(days=200)
    deal.save()
    col = column(deal, "furto-danni-rosso")
    body = {**col.valid, "furto-danni-rosso-sale_date": "2020-01-01"}
    response = col.client.post(url_of(deal, col.key), {**body, **shown(col, body), **ACK,
                                                        "sell": ""})  # fmt: skip
    assert response.status_code == 302
    assert Policy.objects.get().answers["sale_date"] == TODAY.isoformat()
