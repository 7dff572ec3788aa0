"""Driving histories no one can have are refused on the menu and the sale page as in the
API (issue 17): a driver of 20 has driven insured for at most 3 years since 17, so 9 years
of No Claim Discount is impossible; an Australian driver of 20 has held a licence for at
most 4 years since 16."""

from datetime import timedelta

import pytest
from django.urls import reverse

from policies.models import Policy

from .selling import TODAY, deal_for
from .test_sale_conformance import ACK, column, shown, url_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


def priced(col, body):
    url = reverse("policies:deal-price", args=[col.deal.pk, col.key])
    return col.client.post(url, body).content.decode()


@pytest.mark.parametrize(("ncd", "refused"), [(3, False), (4, True), (9, True)])
def test_no_claims_years_beyond_the_years_since_17_are_refused_on_the_menu(uk_dealer, ncd, refused):
    col = column(deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7)), "motor-uk")
    body = {**col.valid, "motor-uk-driver_age": "20", "motor-uk-ncd_years": str(ncd)}
    sentence = ("A driver of 20 cannot have more than 3 years of No Claim Discount: that is "
                "every year since 17.")  # fmt: skip
    assert (sentence in priced(col, body)) is refused


def test_a_sale_with_impossible_no_claims_years_sells_nothing(uk_dealer):
    col = column(deal_for(uk_dealer, delivery_date=TODAY + timedelta(days=7)), "motor-uk")
    body = {**col.valid, "motor-uk-driver_age": "20", "motor-uk-ncd_years": "9"}
    page = col.client.post(url_of(col.deal, col.key), {**body, **shown(col, col.valid), **ACK,
                                                        "sell": ""})  # fmt: skip
    assert page.status_code == 200
    assert "cannot have more than 3 years of No Claim Discount" in page.content.decode()
    assert not Policy.objects.exists()


@pytest.mark.parametrize(("years", "refused"), [(4, False), (5, True), (30, True)])
def test_a_licence_held_longer_than_since_16_is_refused_at_the_sale(au_dealer, years, refused):
    """The years licensed do not change the price (the menu prices without them); the
    sale page says what is wrong and sells nothing."""
    col = column(deal_for(au_dealer, delivery_date=TODAY), "au-comprehensive")
    body = {**col.valid, "au-comprehensive-youngest_driver_age": "20",
            "au-comprehensive-licence_years": str(years)}  # fmt: skip
    page = col.client.post(url_of(col.deal, col.key), {**body, **shown(col, body), **ACK,
                                                        "sell": ""})  # fmt: skip
    sentence = ("A driver of 20 cannot have held a licence for more than 4 years (licences "
                "start at 16).")  # fmt: skip
    assert (sentence in page.content.decode()) is refused
    assert Policy.objects.exists() is not refused
