"""Services refuse what the pages would never offer; money adds up and reads right."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given
from hypothesis import strategies as st

from dealers import services
from dealers.markets import format_money
from dealers.models import Customer, Deal, Role, Vehicle
from dealers.money import split_evenly
from tests.dealers.factories import (
    CustomerFactory,
    DealerFactory,
    UserFactory,
    customer_post_data,
    vehicle_post_data,
)

# What the forms would hand the services; full_clean turns the text into dates and numbers.
CUSTOMER = customer_post_data("UK")
VEHICLE = vehicle_post_data()
DEAL = {"deal_date": "2024-03-01"}


def saved_counts() -> tuple[int, int, int]:
    return Customer.objects.count(), Vehicle.objects.count(), Deal.objects.count()


@pytest.fixture
def seller(uk_dealer):
    return UserFactory(dealer=uk_dealer)


@pytest.fixture
def other_dealer(db):
    return DealerFactory(market="UK", name="Lexus Glasgow")


# --- Customers and deals ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_customer_is_created_at_the_users_own_dealer(seller, uk_dealer):
    customer = services.customer_create(dealer=uk_dealer, created_by=seller, data=CUSTOMER)

    assert (customer.dealer, customer.created_by, customer.last_name) == (
        uk_dealer,
        seller,
        "Lovelace",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.SALES_EXECUTIVE, Role.DEALER_PRINCIPAL, Role.GROUP_MANAGER])
def test_a_customer_cannot_be_created_at_a_dealer_the_user_cannot_see(
    uk_dealer, other_dealer, role
):
    if role == Role.GROUP_MANAGER:
        user = UserFactory(role=role, dealer_group=uk_dealer.group)
    else:
        user = UserFactory(role=role, dealer=uk_dealer)

    with pytest.raises(PermissionDenied):
        services.customer_create(dealer=other_dealer, created_by=user, data=CUSTOMER)

    assert not Customer.objects.exists()


@pytest.mark.django_db
def test_a_customer_cannot_be_moved_into_reach_by_an_update(seller, other_dealer):
    customer = CustomerFactory(dealer=other_dealer)

    with pytest.raises(PermissionDenied):
        services.customer_update(
            customer=customer, updated_by=seller, data={"first_name": "X"}, expected_version=1
        )

    customer.refresh_from_db()
    assert customer.first_name != "X"


@pytest.mark.django_db
def test_a_deal_creates_its_customer_vehicle_and_deal_together(seller, uk_dealer):
    deal = services.deal_create(
        dealer=uk_dealer,
        created_by=seller,
        salesperson=seller,
        customer_data=CUSTOMER,
        vehicle_data=VEHICLE,
        deal_data=DEAL,
    )

    assert saved_counts() == (1, 1, 1)
    assert deal.vehicle.customer == deal.customer
    assert deal.dealer == deal.customer.dealer == deal.vehicle.dealer == uk_dealer


@pytest.mark.django_db
@pytest.mark.parametrize("created_by", ["a seller at the dealer", "head office"])
def test_a_deal_whose_seller_works_at_another_dealer_is_refused(
    seller, head_office, uk_dealer, other_dealer, created_by
):
    # Head office may see both dealers, so only the dealer check can refuse this.
    creator = {"a seller at the dealer": seller, "head office": head_office}[created_by]
    elsewhere = UserFactory(dealer=other_dealer)

    with pytest.raises(ValidationError) as refused:
        services.deal_create(
            dealer=uk_dealer,
            created_by=creator,
            salesperson=elsewhere,
            customer_data=CUSTOMER,
            vehicle_data=VEHICLE,
            deal_data=DEAL,
        )

    assert "salesperson" in refused.value.message_dict
    assert saved_counts() == (0, 0, 0)


@pytest.mark.django_db
def test_a_head_office_user_cannot_be_named_as_the_seller(head_office, uk_dealer):
    with pytest.raises(ValidationError) as refused:
        services.deal_create(
            dealer=uk_dealer,
            created_by=head_office,
            salesperson=head_office,
            customer_data=CUSTOMER,
            vehicle_data=VEHICLE,
            deal_data=DEAL,
        )

    assert "salesperson" in refused.value.message_dict


@pytest.mark.django_db
def test_a_deal_for_another_dealers_customer_is_refused(seller, uk_dealer, other_dealer):
    theirs = CustomerFactory(dealer=other_dealer)

    with pytest.raises(ValidationError) as refused:
        services.deal_create(
            dealer=uk_dealer,
            created_by=seller,
            salesperson=seller,
            customer=theirs,
            vehicle_data=VEHICLE,
            deal_data=DEAL,
        )

    assert "customer" in refused.value.message_dict
    assert (Vehicle.objects.count(), Deal.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_a_deal_at_a_dealer_the_user_cannot_see_is_refused(seller, other_dealer):
    theirs = CustomerFactory(dealer=other_dealer)
    their_seller = UserFactory(dealer=other_dealer)

    with pytest.raises(PermissionDenied):
        services.deal_create(
            dealer=other_dealer,
            created_by=seller,
            salesperson=their_seller,
            customer=theirs,
            vehicle_data=VEHICLE,
            deal_data=DEAL,
        )

    assert (Vehicle.objects.count(), Deal.objects.count()) == (0, 0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "vehicle, deal",
    [
        ({"vin": "1M8GDM9A1KP042788"}, {}),  # a wrong North American check digit
        ({"finance_type": "pcp"}, {}),  # on finance with no provider, term or payment
        ({}, {"order_date": "2024-03-02"}),  # ordered after the deal date
    ],
    ids=["bad-vin", "finance-without-terms", "order-after-deal"],
)
def test_a_deal_that_fails_after_its_customer_is_made_saves_no_customer(
    seller, uk_dealer, vehicle, deal
):
    with pytest.raises(ValidationError):
        services.deal_create(
            dealer=uk_dealer,
            created_by=seller,
            salesperson=seller,
            customer_data=CUSTOMER,
            vehicle_data={**VEHICLE, **vehicle},
            deal_data={**DEAL, **deal},
        )

    assert saved_counts() == (0, 0, 0)


# --- Money -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "total, parts, instalments",
    [
        ("100.00", 3, ["33.34", "33.33", "33.33"]),
        ("100.00", 4, ["25.00"] * 4),
        ("0.05", 3, ["0.02", "0.02", "0.01"]),
        ("0.00", 2, ["0.00", "0.00"]),
        ("1234.56", 1, ["1234.56"]),
        ("1000.00", 12, ["83.34"] * 4 + ["83.33"] * 8),
    ],
)
def test_a_total_is_split_into_instalments_that_add_back_exactly(total, parts, instalments):
    split = split_evenly(Decimal(total), parts)

    assert split == [Decimal(i) for i in instalments]
    assert sum(split) == Decimal(total)


@given(
    total=st.decimals(min_value=0, max_value=Decimal("100000.00"), places=2),
    parts=st.integers(min_value=1, max_value=60),
)
def test_instalments_always_add_back_to_the_total_and_differ_by_at_most_a_cent(total, parts):
    split = split_evenly(total, parts)

    assert len(split) == parts
    assert sum(split) == total
    assert max(split) - min(split) <= Decimal("0.01")
    assert all(i >= 0 and i == i.quantize(Decimal("0.01")) for i in split)


@pytest.mark.parametrize("parts", [0, -1])
def test_a_total_cannot_be_split_into_no_instalments(parts):
    with pytest.raises(ValueError, match="parts"):
        split_evenly(Decimal("10.00"), parts)


def test_a_negative_total_is_not_split():
    with pytest.raises(ValueError, match="negative"):
        split_evenly(Decimal("-10.00"), 2)


@pytest.mark.parametrize(
    "amount, currency, shown",
    [
        ("1234.56", "GBP", "£1,234.56"),
        ("1234.56", "EUR", "1.234,56\u00a0€"),
        ("1234.56", "AUD", "$1,234.56"),
        ("-1234.56", "GBP", "-£1,234.56"),
        ("-1234.56", "EUR", "-1.234,56\u00a0€"),
        ("-1234.56", "AUD", "-$1,234.56"),
        ("1234567.8", "GBP", "£1,234,567.80"),
        ("1234567.8", "EUR", "1.234.567,80\u00a0€"),
        ("0", "GBP", "£0.00"),
        ("999.99", "EUR", "999,99\u00a0€"),
        ("0.005", "GBP", "£0.01"),  # half-up, not banker's rounding
        ("2.675", "AUD", "$2.68"),
        ("-0.001", "GBP", "£0.00"),  # rounds to nothing: no minus sign on zero
        (32000, "GBP", "£32,000.00"),
        (None, "GBP", ""),
    ],
)
def test_money_is_written_the_way_each_market_writes_it(amount, currency, shown):
    value = Decimal(amount) if isinstance(amount, str) else amount

    assert format_money(value, currency) == shown
