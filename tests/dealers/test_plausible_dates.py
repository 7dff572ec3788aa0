"""Dates typed on the dealers' pages are checked for plausibility (dealers.plausibility):
a birth date, a first registration, a delivery, a deal or order date in year 1 or 9999,
or a customer 300 years old, is refused next to its field with a sentence saying what is
allowed, in the user's language, and nothing is saved. The services refuse them too."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dealers import services
from dealers.models import Customer, Deal, Vehicle
from dealers.plausibility import years_before
from tests.dealers.factories import (
    DealFactory,
    UserFactory,
    at_version,
    customer_post_data,
    deal_post_data,
    new_customer_key,
    new_deal_key,
    vehicle_post_data,
)

pytestmark = pytest.mark.django_db

TODAY = date.today()
THREE_HUNDRED_YEARS_AGO = years_before(TODAY, 300).isoformat()
BIRTH = "A date of birth must give an age from 16 to 120 years"
REGISTRATION = "Enter a first registration date between"
DELIVERY = "Enter a delivery date between"
DEAL = "Enter a date between"

# (page, field as posted, value, the start of the message)
REFUSED = [
    ("customer", "date_of_birth", "0001-01-01", BIRTH),
    ("customer", "date_of_birth", "9999-12-31", BIRTH),
    ("customer", "date_of_birth", THREE_HUNDRED_YEARS_AGO, BIRTH),
    ("customer-edit", "date_of_birth", THREE_HUNDRED_YEARS_AGO, BIRTH),
    ("vehicle-edit", "first_registration_date", "0001-01-01", REGISTRATION),
    ("vehicle-edit", "delivery_date", "9999-12-31", DELIVERY),
    ("deal", "customer-date_of_birth", "0001-01-01", BIRTH),
    ("deal", "vehicle-first_registration_date", "0001-01-01", REGISTRATION),
    ("deal", "vehicle-delivery_date", "9999-12-31", DELIVERY),
    ("deal", "deal-deal_date", "9999-12-31", DEAL),
    ("deal", "deal-order_date", "0001-01-01", DEAL),
    ("deal-edit", "deal_date", "0001-01-01", DEAL),
]


@pytest.fixture
def seller(client, uk_dealer):
    user = UserFactory(dealer=uk_dealer)
    client.force_login(user)
    return user


def post(client, seller, page, field, value):
    deal = DealFactory(vehicle__customer__dealer=seller.dealer)
    if page == "customer":
        data = {**customer_post_data("UK"), **new_customer_key(seller, seller.dealer)}
        url = reverse("dealers:customer-create")
    elif page == "customer-edit":
        data = at_version(deal.customer, customer_post_data("UK"))
        url = reverse("dealers:customer-update", args=[deal.customer_id])
    elif page == "vehicle-edit":
        data = at_version(deal.vehicle, vehicle_post_data())
        url = reverse("dealers:vehicle-update", args=[deal.vehicle_id])
    elif page == "deal-edit":
        data = at_version(deal, deal_post_data(seller))
        url = reverse("dealers:deal-update", args=[deal.pk])
    else:
        data = {**customer_post_data("UK", "customer"), **vehicle_post_data("vehicle"),
                **deal_post_data(seller, "deal"),
                **new_deal_key(seller, seller.dealer)}  # fmt: skip
        url = reverse("dealers:deal-create")
    before = (Customer.objects.values().get(pk=deal.customer_id),
              Vehicle.objects.values().get(pk=deal.vehicle_id),
              Deal.objects.values().get(pk=deal.pk), Deal.objects.count())  # fmt: skip
    response = client.post(url, {**data, field: value})
    after = (Customer.objects.values().get(pk=deal.customer_id),
             Vehicle.objects.values().get(pk=deal.vehicle_id),
             Deal.objects.values().get(pk=deal.pk), Deal.objects.count())  # fmt: skip
    return response, before == after


def field_errors(response, posted_name: str) -> list[str]:
    prefix, _, name = posted_name.rpartition("-")
    ctx = response.context
    form = ctx[f"{prefix}_form"] if prefix else ctx["form"]
    return [str(e) for e in form.errors.get(name, [])]


@pytest.mark.parametrize(("page", "field", "value", "message"), REFUSED)
def test_an_implausible_date_is_refused_next_to_its_field_and_nothing_is_saved(
    client, seller, page, field, value, message
):
    response, unchanged = post(client, seller, page, field, value)

    assert response.status_code == 200
    assert any(e.startswith(message) for e in field_errors(response, field)), response.context
    assert unchanged
    assert Customer.objects.count() == 1  # the fixture's own


def test_a_plausible_birth_date_is_saved(client, seller):
    response, _ = post(client, seller, "customer", "date_of_birth", "1980-06-15")

    assert response.status_code == 302
    assert Customer.objects.filter(date_of_birth=date(1980, 6, 15)).exists()


def test_an_italian_user_is_told_in_italian(client, it_dealer):
    user = UserFactory(dealer=it_dealer)
    client.force_login(user)
    data = {**customer_post_data("IT", date_of_birth="0001-01-01"),
            **new_customer_key(user, it_dealer)}  # fmt: skip

    response = client.post(reverse("dealers:customer-create"), data)

    errors = [str(e) for e in response.context["form"].errors["date_of_birth"]]
    assert any(
        e.startswith("Una data di nascita deve dare un'età da 16 a 120 anni") for e in errors
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [("first_registration_date", date(1, 1, 1)), ("delivery_date", date(9999, 12, 31))],
)
def test_the_services_refuse_an_implausible_vehicle_date_whoever_calls_them(
    uk_dealer, field, value
):
    deal = DealFactory(vehicle__customer__dealer=uk_dealer)

    with pytest.raises(ValidationError) as refused:
        services.vehicle_update(vehicle=deal.vehicle, updated_by=deal.salesperson,
                                data={field: value}, expected_version=None)  # fmt: skip

    assert field in refused.value.message_dict


def test_the_services_refuse_a_deal_dated_a_century_ahead(uk_dealer):
    deal = DealFactory(vehicle__customer__dealer=uk_dealer)

    with pytest.raises(ValidationError) as refused:
        services.deal_update(deal=deal, updated_by=deal.salesperson,
                             data={"deal_date": TODAY + timedelta(days=36500)},
                             expected_version=None)  # fmt: skip

    assert "deal_date" in refused.value.message_dict
