"""Every create form makes its record once: the new-customer page and the new-deal pages
(at a dealer, and from a customer's page) carry a key the server issued for this user,
form and parent record (dealers.form_keys). Posted again (a double click, back and save
again) the page finds the record its first post made, says so, and makes no other."""

import pytest
from django.urls import reverse

from dealers import services
from dealers.form_keys import form_key_check
from dealers.models import Customer, Deal, Vehicle
from tests.concurrency import side_by_side
from tests.dealers.factories import (
    CustomerFactory,
    UserFactory,
    customer_post_data,
    deal_post_data,
    new_customer_key,
    new_deal_key,
    vehicle_post_data,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seller(client, uk_dealer):
    user = UserFactory(dealer=uk_dealer)
    client.force_login(user)
    return user


def counts() -> tuple[int, int, int]:
    return Customer.objects.count(), Vehicle.objects.count(), Deal.objects.count()


def new_deal(seller) -> dict:
    return {**customer_post_data("UK", "customer"), **vehicle_post_data("vehicle"),
            **deal_post_data(seller, "deal")}  # fmt: skip


def message_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_a_new_customer_posted_twice_is_one_customer(client, seller, uk_dealer):
    data = {**customer_post_data("UK"), **new_customer_key(seller, uk_dealer)}

    first = client.post(reverse("dealers:customer-create"), data)
    second = client.post(reverse("dealers:customer-create"), data, follow=True)

    customer = Customer.objects.get()
    assert first["Location"] == reverse("dealers:customer-detail", args=[customer.pk])
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "This form was already saved" in message_of(second)


def test_a_new_deal_posted_twice_is_one_deal_one_customer_and_one_vehicle(client, seller):
    data = {**new_deal(seller), **new_deal_key(seller, seller.dealer)}

    first = client.post(reverse("dealers:deal-create"), data)
    second = client.post(reverse("dealers:deal-create"), data, follow=True)

    deal = Deal.objects.get()
    assert counts() == (1, 1, 1)
    assert first["Location"] == reverse("dealers:deal-detail", args=[deal.pk])
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "This deal was already saved from this page" in message_of(second)
    assert form_key_check(data["form_key"], user_id=seller.pk, purpose="deal",
                          subject=f"dealer:{seller.dealer_id}") == deal.form_key  # fmt: skip


def test_a_new_deal_for_a_customer_posted_twice_is_one_deal(client, seller, uk_dealer):
    customer = CustomerFactory(dealer=uk_dealer)
    url = reverse("dealers:customer-deal-create", args=[customer.pk])
    data = {**vehicle_post_data("vehicle"), **deal_post_data(seller, "deal"),
            **new_deal_key(seller, customer=customer)}  # fmt: skip

    client.post(url, data)
    second = client.post(url, data)

    assert counts() == (1, 1, 1)
    assert second["Location"] == reverse("dealers:deal-detail", args=[Deal.objects.get().pk])


def test_each_page_shown_has_its_own_key_so_two_deals_typed_twice_are_two(client, seller):
    page = client.get(reverse("dealers:deal-create"))
    other = client.get(reverse("dealers:deal-create"))

    assert page.context["form_key"] != other.context["form_key"]
    for shown in (page, other):
        client.post(reverse("dealers:deal-create"),
                    {**new_deal(seller), "form_key": shown.context["form_key"]})  # fmt: skip
    assert Deal.objects.count() == 2


@pytest.mark.parametrize(
    "key",
    [
        "",  # none: a page from before, or a hand-made post
        "not-a-key",  # not issued by this server
        "other-user",
        "other-form",  # a customer page's key posted to the new-deal page
        "other-dealer",
    ],
)
def test_a_new_deal_with_a_key_not_issued_for_it_saves_nothing_and_keeps_what_was_typed(
    client, seller, key
):
    keys = {
        "other-user": lambda: new_deal_key(UserFactory(dealer=seller.dealer), seller.dealer),
        "other-form": lambda: new_customer_key(seller, seller.dealer),
        "other-dealer": lambda: new_deal_key(seller, UserFactory().dealer),
    }
    posted = keys[key]()["form_key"] if key in keys else key
    data = {**new_deal(seller), "form_key": posted}

    response = client.post(reverse("dealers:deal-create"), data)

    assert response.status_code == 200
    assert counts() == (0, 0, 0)
    assert "This page has expired or was not opened by you" in message_of(response)
    assert response.context["form_key"] != posted  # a new key, to save again
    assert 'value="Lovelace"' in response.content.decode()


def test_a_new_customer_without_its_key_is_not_saved_and_says_why(client, seller):
    response = client.post(reverse("dealers:customer-create"), customer_post_data("UK"))

    assert response.status_code == 200
    assert not Customer.objects.exists()
    assert "This page has expired or was not opened by you" in response.content.decode()


def test_a_page_shown_again_after_a_refusal_keeps_its_key(client, seller):
    data = {**new_deal(seller), **new_deal_key(seller, seller.dealer), "vehicle-vin": "BAD"}

    response = client.post(reverse("dealers:deal-create"), data)

    assert response.context["form_key"] == data["form_key"]


@pytest.mark.django_db(transaction=True)
def test_two_posts_of_one_page_racing_make_one_deal(uk_dealer):
    seller = UserFactory(dealer=uk_dealer)
    stored = form_key_check(new_deal_key(seller, uk_dealer)["form_key"], user_id=seller.pk,
                            purpose="deal", subject=f"dealer:{uk_dealer.pk}")  # fmt: skip
    vehicle = {k.removeprefix("vehicle-"): v for k, v in vehicle_post_data("vehicle").items()}

    def create():
        return services.deal_create(
            dealer=uk_dealer, created_by=seller, salesperson=seller,
            customer=CustomerFactory(dealer=uk_dealer), vehicle_data=vehicle,
            deal_data={"deal_date": "2024-03-01"}, form_key=stored,
        ).pk  # fmt: skip

    outcomes = side_by_side(create)

    assert Deal.objects.count() == 1
    assert Deal.objects.get().pk in outcomes
