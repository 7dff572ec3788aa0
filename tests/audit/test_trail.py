"""The audit trail: who changed what and when, for each audited record, seen by head
office only."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.trail import KINDS, TrailQuery, trail_page
from dealers.models import Customer, Role, User
from policies.models import TaxRate
from tests.dealers.factories import CustomerFactory, UserFactory, at_version, customer_post_data

pytestmark = pytest.mark.django_db


def _entries(client, **params):
    response = client.get(reverse("audit:trail"), params)
    assert response.status_code == 200
    return response.context["entries"], response


def test_an_edit_of_a_customer_is_recorded_with_who_when_and_the_old_and_new_values(
    client, uk_dealer, head_office
):
    seller = UserFactory(role=Role.SALES_EXECUTIVE, dealer=uk_dealer, first_name="Sam",
                         last_name="Seller")  # fmt: skip
    customer = CustomerFactory(dealer=uk_dealer, first_name="Ann", city="Leeds")
    client.force_login(seller)
    data = {**customer_post_data("UK"), "first_name": "Ann", "last_name": customer.last_name,
            "email": customer.email, "city": "York"}  # fmt: skip
    response = client.post(
        reverse("dealers:customer-update", args=[customer.pk]), at_version(customer, data)
    )
    assert response.status_code == 302
    client.force_login(head_office)
    entries, page = _entries(client, kind="customer", object=customer.pk)
    changed = entries[0]
    assert (changed.action, changed.who) == ("changed", "Sam Seller")
    city = next(c for c in changed.changes if c.field == "town or city")
    assert (city.old, city.new) == ("Leeds", "York")
    assert entries[-1].action == "created"
    assert "Leeds" in page.content.decode() and "York" in page.content.decode()


def test_a_tax_rate_change_in_the_administration_is_recorded_against_head_office(
    client, products, head_office
):
    tax = TaxRate.objects.order_by("pk").first()
    client.force_login(head_office)
    url = reverse("admin:policies_taxrate_change", args=[tax.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(rate="0.1234")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entries, _page = _entries(client, kind="tax_rate", object=tax.pk)
    assert entries[0].who == (head_office.get_full_name() or head_office.username)
    rate = next(c for c in entries[0].changes if c.field == "rate")
    assert Decimal(rate.new) == Decimal("0.1234") and Decimal(rate.old) == tax.rate


def test_staff_changes_are_recorded_but_logins_and_password_hashes_are_not(
    client, uk_dealer, head_office, password
):
    member = UserFactory(role=Role.SALES_EXECUTIVE, dealer=uk_dealer, username="jo")
    User.history.model.objects.filter(id=member.pk).update(
        password_changed_at=timezone.now() - timedelta(days=90)
    )
    history = User.history.model
    before = history.objects.filter(id=member.pk).count()
    response = client.post(reverse("login"), {"username": "jo", "password": password})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.last_login is not None
    assert history.objects.filter(id=member.pk).count() == before  # a login is no change
    member.set_password("a new password 2026")
    member.role = Role.SALES_MANAGER
    member.save()
    assert not any(f.name == "password" for f in history._meta.fields)
    client.force_login(head_office)
    entries, _page = _entries(client, kind="staff", object=member.pk)
    fields = {c.field: (c.old, c.new) for c in entries[0].changes}
    assert fields["role"] == ("Sales executive", "Sales manager")
    assert "password changed at" in fields


@pytest.mark.parametrize(
    "role",
    [Role.SALES_EXECUTIVE, Role.BUSINESS_MANAGER, Role.SALES_MANAGER, Role.DEALER_PRINCIPAL,
     Role.GROUP_MANAGER],
)  # fmt: skip
def test_only_head_office_sees_the_trail(client, uk_dealer, group, role):
    scope = {"dealer_group": group} if role == Role.GROUP_MANAGER else {"dealer": uk_dealer}
    client.force_login(UserFactory(role=role, **scope))
    assert client.get(reverse("audit:trail")).status_code == 403


def test_pages_follow_one_another_without_losing_or_repeating_a_change(uk_dealer):
    """Sixty changes to customers written in the same instant (as the renewal job writes
    its history rows) fall across two pages, each once."""
    customers = CustomerFactory.create_batch(60, dealer=uk_dealer)
    history = Customer.history.model
    history.objects.update(history_date=history.objects.first().history_date)
    first, more = trail_page(TrailQuery(kinds=("customer",)), size=50)
    assert more and len(first) == 50
    second, more = trail_page(TrailQuery(kinds=("customer",), before=first[-1].cursor), size=50)
    assert not more and len(second) == 10
    seen = [e.object_id for e in first + second]
    assert sorted(seen) == sorted(c.pk for c in customers)


def test_the_trail_reads_a_fixed_number_of_queries_whatever_the_number_of_changes(
    uk_dealer, django_assert_max_num_queries
):
    CustomerFactory.create_batch(30, dealer=uk_dealer)
    for c in Customer.objects.all():
        c.city = "Elsewhere"
        c.save()
    # One query a kind, one for the earlier rows of each kind on the page, one a named model.
    with django_assert_max_num_queries(len(KINDS) + 4):
        entries, _more = trail_page(TrailQuery())
    assert len(entries) == 50
    assert all(e.changes for e in entries)


def test_a_filter_on_a_member_of_staff_who_does_not_exist_says_so(client, head_office):
    client.force_login(head_office)
    entries, page = _entries(client, who="nobody-by-this-name")
    assert entries == []
    assert "No member of staff has that username." in page.content.decode()


def test_a_record_number_without_its_kind_is_refused_with_a_message(client, head_office):
    client.force_login(head_office)
    entries, page = _entries(client, object=5)
    assert entries == []
    assert "Choose which records the number is of." in page.content.decode()
