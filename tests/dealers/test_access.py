"""Tenancy, page by page: who sees which dealer's customers, vehicles and deals.

The world: dealer "own" and dealer "same_group" in one group, dealer "other_group" in
another. Each dealer has a deal (customer, vehicle, seller) and a customer with no deal.
The viewer works at "own" (dealer roles), manages the first group, or is head office.
"""

from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from dealers.models import Customer, Deal, Dealer, Role, User, Vehicle
from tests.dealers.factories import (
    CustomerFactory,
    DealerFactory,
    DealerGroupFactory,
    DealFactory,
    UserFactory,
    at_version,
    customer_post_data,
    deal_post_data,
    vehicle_post_data,
)

pytestmark = pytest.mark.django_db

DEALER_ROLES = [
    Role.SALES_EXECUTIVE,
    Role.BUSINESS_MANAGER,
    Role.SALES_MANAGER,
    Role.DEALER_PRINCIPAL,
]
ROLES = [*DEALER_ROLES, Role.GROUP_MANAGER, Role.HEAD_OFFICE]
TARGETS = ["own", "same_group", "other_group"]
VISIBLE = {
    **{role: {"own"} for role in DEALER_ROLES},
    Role.GROUP_MANAGER: {"own", "same_group"},
    Role.HEAD_OFFICE: {"own", "same_group", "other_group"},
}
ROLES_NOT_SEEING_OTHER_GROUP = [*DEALER_ROLES, Role.GROUP_MANAGER]


@dataclass
class World:
    dealers: dict[str, Dealer]
    deals: dict[str, Deal]
    customers: dict[str, set[Customer]]
    staff: dict[str, User]

    def visible_customers(self, role: str) -> set[Customer]:
        return set().union(*(self.customers[t] for t in VISIBLE[role]))

    def visible_deals(self, role: str) -> set[Deal]:
        return {self.deals[t] for t in VISIBLE[role]}


def build_world() -> World:
    first_group, second_group = DealerGroupFactory(), DealerGroupFactory()
    dealers = {
        "own": DealerFactory(group=first_group, name="Lexus Leeds"),
        "same_group": DealerFactory(group=first_group, name="Lexus York"),
        "other_group": DealerFactory(group=second_group, name="Lexus Bristol"),
    }
    today = timezone.localdate()  # the home page's "this month" is in the office's time zone
    deals = {
        t: DealFactory(vehicle__customer__dealer=d, deal_date=today) for t, d in dealers.items()
    }
    customers = {
        t: {deals[t].customer, CustomerFactory(dealer=d, last_name=f"Walk-in at {d.name}")}
        for t, d in dealers.items()
    }
    staff = {
        **{role: UserFactory(role=role, dealer=dealers["own"]) for role in DEALER_ROLES},
        Role.GROUP_MANAGER: UserFactory(role=Role.GROUP_MANAGER, dealer_group=first_group),
        Role.HEAD_OFFICE: UserFactory(role=Role.HEAD_OFFICE),
    }
    return World(dealers, deals, customers, staff)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> World:
    """Built once for the ~200 tests here, in a transaction rolled back after the last one.
    Each test runs in a savepoint inside it (pytest-django's `db`), so its writes are undone;
    tests must not change these objects in memory either."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def as_role(client, world):
    """Log the test client in as the member of staff with `role`; returns the user."""

    def log_in(role: str) -> User:
        user = world.staff[role]
        client.force_login(user)
        return user

    return log_in


# --- Lists: exactly the objects of the dealers the role may see --------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_customer_list_shows_exactly_the_customers_of_the_dealers_the_user_may_see(
    client, world, as_role, role
):
    as_role(role)

    response = client.get(reverse("dealers:customer-list"))

    assert response.status_code == 200
    assert set(response.context["object_list"]) == world.visible_customers(role)
    assert response.context["paginator"].count == len(world.visible_customers(role))


@pytest.mark.parametrize("role", ROLES)
def test_the_deal_list_shows_exactly_the_deals_of_the_dealers_the_user_may_see(
    client, world, as_role, role
):
    as_role(role)

    response = client.get(reverse("dealers:deal-list"))

    assert response.status_code == 200
    assert set(response.context["object_list"]) == world.visible_deals(role)


@pytest.mark.parametrize("role", ROLES)
def test_the_home_page_counts_and_lists_only_what_the_user_may_see(client, world, as_role, role):
    as_role(role)

    response = client.get(reverse("dealers:home"))

    summary = response.context["summary"]
    assert summary["customers"] == len(world.visible_customers(role))
    assert set(summary["recent_deals"]) == world.visible_deals(role)
    assert summary["deals_this_month"] == len(world.visible_deals(role))


@pytest.mark.parametrize("role", ROLES)
def test_no_other_groups_customer_or_deal_is_named_on_the_list_pages(client, world, as_role, role):
    as_role(role)
    hidden = "other_group" not in VISIBLE[role]
    other_deal = world.deals["other_group"]

    customers = client.get(reverse("dealers:customer-list")).content.decode()
    deals = client.get(reverse("dealers:deal-list")).content.decode()

    for customer in world.customers["other_group"]:
        assert (escape(str(customer)) not in customers) is hidden
    assert (reverse("dealers:deal-detail", args=[other_deal.pk]) not in deals) is hidden


@pytest.mark.parametrize("role", ROLES_NOT_SEEING_OTHER_GROUP)
@pytest.mark.parametrize("view", ["dealers:customer-list", "dealers:deal-list"])
def test_filtering_a_list_by_a_dealer_out_of_reach_shows_nothing_of_that_dealer(
    client, world, as_role, role, view
):
    as_role(role)
    other = world.dealers["other_group"]

    response = client.get(reverse(view), {"dealer": other.pk})

    assert response.status_code == 200
    assert not [obj for obj in response.context["object_list"] if obj.dealer == other]


@pytest.mark.parametrize("role", ROLES_NOT_SEEING_OTHER_GROUP)
def test_searching_customers_by_the_name_of_another_groups_customer_finds_nothing(
    client, world, as_role, role
):
    as_role(role)

    response = client.get(reverse("dealers:customer-list"), {"q": "Walk-in at Lexus Bristol"})

    assert list(response.context["object_list"]) == []


# --- Detail, edit and new-record pages: 200 within reach, 404 beyond -----------------

RECORD_PAGES = {
    "customer-detail": lambda deal: reverse("dealers:customer-detail", args=[deal.customer_id]),
    "customer-update": lambda deal: reverse("dealers:customer-update", args=[deal.customer_id]),
    "customer-deal-create": lambda deal: reverse(
        "dealers:customer-deal-create", args=[deal.customer_id]
    ),
    "vehicle-update": lambda deal: reverse("dealers:vehicle-update", args=[deal.vehicle_id]),
    "deal-detail": lambda deal: reverse("dealers:deal-detail", args=[deal.pk]),
    "deal-update": lambda deal: reverse("dealers:deal-update", args=[deal.pk]),
    "deal-create-for-dealer": lambda deal: (
        f"{reverse('dealers:deal-create')}?dealer={deal.dealer_id}"
    ),
    "customer-create-for-dealer": lambda deal: (
        f"{reverse('dealers:customer-create')}?dealer={deal.dealer_id}"
    ),
}
# What the page names when it is shown, so a 200 is the right record and not any page.
SHOWS = {
    "deal-create-for-dealer": lambda deal: deal.dealer.name,
    "customer-create-for-dealer": lambda deal: deal.dealer.name,
}


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", RECORD_PAGES)
def test_a_dealers_record_opens_only_for_staff_who_may_see_that_dealer(
    client, world, as_role, view, role, target
):
    as_role(role)
    deal = world.deals[target]

    response = client.get(RECORD_PAGES[view](deal))

    if target in VISIBLE[role]:
        assert response.status_code == 200
        shown = SHOWS.get(view, lambda d: str(d.customer))(deal)
        assert escape(shown) in response.content.decode()
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", DEALER_ROLES)
def test_dealer_staff_are_offered_no_dealer_but_their_own_for_a_new_deal(
    client, world, as_role, role
):
    as_role(role)

    response = client.get(reverse("dealers:deal-create"))

    assert response.context["dealer"] == world.dealers["own"]
    sellers = set(response.context["deal_form"].fields["salesperson"].queryset)
    assert sellers and {s.dealer for s in sellers} == {world.dealers["own"]}


@pytest.mark.parametrize("role", [Role.GROUP_MANAGER, Role.HEAD_OFFICE])
@pytest.mark.parametrize("view", ["dealers:deal-create", "dealers:customer-create"])
def test_managers_above_a_dealer_pick_from_exactly_the_dealers_they_may_see(
    client, world, as_role, role, view
):
    as_role(role)

    response = client.get(reverse(view))

    assert response.status_code == 200
    picked_from = set(response.context["dealers"])
    assert picked_from == {world.dealers[t] for t in VISIBLE[role]}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", ["dealers:customer-list", "dealers:deal-list"])
def test_a_lists_dealer_filter_offers_only_the_dealers_the_user_may_see(
    client, world, as_role, role, view
):
    as_role(role)

    fields = client.get(reverse(view)).context["filter"].form.fields

    visible = {world.dealers[t] for t in VISIBLE[role]}
    if len(visible) == 1:
        assert "dealer" not in fields  # nothing to choose between
    else:
        assert set(fields["dealer"].queryset) == visible


@pytest.mark.parametrize("role", ROLES)
def test_the_deal_lists_seller_filter_offers_only_sellers_the_user_may_see(
    client, world, as_role, role
):
    as_role(role)

    fields = client.get(reverse("dealers:deal-list")).context["filter"].form.fields

    dealers = {world.dealers[t] for t in VISIBLE[role]}
    sellers = set(fields["salesperson"].queryset)
    assert {world.deals[t].salesperson for t in VISIBLE[role]} <= sellers
    assert {s.dealer for s in sellers} == dealers


# --- Writes to another dealer's records change nothing ------------------------------


@pytest.fixture
def other_customer(world) -> Customer:
    return world.deals["other_group"].customer


@pytest.fixture
def other_vehicle(world) -> Vehicle:
    return world.deals["other_group"].vehicle


@pytest.mark.parametrize("role", ROLES_NOT_SEEING_OTHER_GROUP)
def test_posting_an_edit_to_another_dealers_customer_is_a_404_and_changes_nothing(
    client, as_role, other_customer, role
):
    as_role(role)
    before = Customer.objects.values().get(pk=other_customer.pk)

    response = client.post(
        reverse("dealers:customer-update", args=[other_customer.pk]),
        customer_post_data("UK", first_name="Hijacked", email="thief@example.com"),
    )

    assert response.status_code == 404
    assert Customer.objects.values().get(pk=other_customer.pk) == before


@pytest.mark.parametrize("role", ROLES_NOT_SEEING_OTHER_GROUP)
def test_posting_an_edit_to_another_dealers_vehicle_is_a_404_and_changes_nothing(
    client, as_role, other_vehicle, role
):
    as_role(role)
    before = Vehicle.objects.values().get(pk=other_vehicle.pk)

    response = client.post(
        reverse("dealers:vehicle-update", args=[other_vehicle.pk]),
        vehicle_post_data(model="Hijacked", invoice_price="1.00"),
    )

    assert response.status_code == 404
    assert Vehicle.objects.values().get(pk=other_vehicle.pk) == before


@pytest.mark.parametrize("role", ROLES_NOT_SEEING_OTHER_GROUP)
def test_posting_a_new_deal_for_another_dealers_customer_is_a_404_and_saves_nothing(
    client, world, as_role, other_customer, role
):
    user = as_role(role)
    seller = UserFactory(dealer=world.dealers["other_group"]) if user.dealer is None else user
    counts = (Vehicle.objects.count(), Deal.objects.count())

    response = client.post(
        reverse("dealers:customer-deal-create", args=[other_customer.pk]),
        {**vehicle_post_data("vehicle"), **deal_post_data(seller, "deal")},
    )

    assert response.status_code == 404
    assert (Vehicle.objects.count(), Deal.objects.count()) == counts


@pytest.mark.parametrize("role", ROLES_NOT_SEEING_OTHER_GROUP)
@pytest.mark.parametrize("how", ["query", "form"])
def test_a_new_deal_at_another_dealer_is_a_404_and_saves_nothing(client, world, as_role, role, how):
    as_role(role)
    other = world.dealers["other_group"]
    seller = UserFactory(dealer=other)
    url = reverse("dealers:deal-create")
    data = {
        **customer_post_data("UK", "customer"),
        **vehicle_post_data("vehicle"),
        **deal_post_data(seller, "deal"),
    }
    if how == "query":
        url = f"{url}?dealer={other.pk}"
    else:
        data["dealer"] = other.pk
    counts = (Customer.objects.count(), Vehicle.objects.count(), Deal.objects.count())

    response = client.post(url, data)

    assert response.status_code == 404
    assert (Customer.objects.count(), Vehicle.objects.count(), Deal.objects.count()) == counts


@pytest.mark.parametrize("role", ROLES_NOT_SEEING_OTHER_GROUP)
def test_a_new_customer_at_another_dealer_is_a_404_and_saves_nothing(client, world, as_role, role):
    as_role(role)
    count = Customer.objects.count()

    response = client.post(
        reverse("dealers:customer-create"),
        {**customer_post_data("UK"), "dealer": world.dealers["other_group"].pk},
    )

    assert response.status_code == 404
    assert Customer.objects.count() == count


def test_head_office_can_edit_a_customer_of_any_dealer(client, world, as_role, other_customer):
    as_role(Role.HEAD_OFFICE)

    response = client.post(
        reverse("dealers:customer-update", args=[other_customer.pk]),
        at_version(other_customer, customer_post_data("UK", first_name="Grace")),
    )

    assert response.status_code == 302
    assert Customer.objects.get(pk=other_customer.pk).first_name == "Grace"


# --- Anonymous visitors --------------------------------------------------------------

ANONYMOUS_PAGES = {
    "home": lambda deal: reverse("dealers:home"),
    "customer-list": lambda deal: reverse("dealers:customer-list"),
    "customer-create": lambda deal: reverse("dealers:customer-create"),
    "deal-list": lambda deal: reverse("dealers:deal-list"),
    "deal-create": lambda deal: reverse("dealers:deal-create"),
    "password-change": lambda deal: reverse("password_change"),
    **{
        name: url
        for name, url in RECORD_PAGES.items()
        if name not in ("deal-create-for-dealer", "customer-create-for-dealer")
    },
}


@pytest.mark.parametrize("view", ANONYMOUS_PAGES)
def test_an_anonymous_visitor_is_sent_to_log_in_from_every_page(client, world, view):
    url = ANONYMOUS_PAGES[view](world.deals["own"])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={quote(url)}"


@pytest.mark.parametrize("view", ["customer-update", "vehicle-update"])
def test_an_anonymous_post_to_an_edit_page_changes_nothing(client, world, view):
    deal = world.deals["own"]
    before = (
        Customer.objects.values().get(pk=deal.customer_id),
        Vehicle.objects.values().get(pk=deal.vehicle_id),
    )

    response = client.post(
        RECORD_PAGES[view](deal),
        {**customer_post_data("UK", first_name="Anon"), **vehicle_post_data(model="Anon")},
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    after = (
        Customer.objects.values().get(pk=deal.customer_id),
        Vehicle.objects.values().get(pk=deal.vehicle_id),
    )
    assert after == before
