"""Two people editing the same customer, vehicle or deal: the second save is refused as a
conflict (dealers.versioning), the page shows what the other person changed, and this
user's changes come back re-applied on the record as it is now: nothing is lost."""

import pytest
from django.urls import reverse

from dealers import services
from dealers.models import Customer, Deal, Vehicle
from dealers.versioning import VersionConflict, versioned_save
from tests.concurrency import side_by_side
from tests.dealers.factories import (
    DealFactory,
    UserFactory,
    at_version,
    customer_post_data,
    deal_post_data,
    vehicle_post_data,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def deal(uk_dealer):
    return DealFactory(vehicle__customer__dealer=uk_dealer, vehicle__customer__city="Leeds")


@pytest.fixture
def ann(uk_dealer):
    return UserFactory(dealer=uk_dealer, first_name="Ann", last_name="Archer")


@pytest.fixture
def bob(uk_dealer):
    return UserFactory(dealer=uk_dealer, first_name="Bob", last_name="Baker")


def as_user(client, user):
    client.force_login(user)
    return client


def form_again(response) -> dict:
    """What the conflict page's form posts when its user presses save again."""
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = value
    return {**data, "version": response.context["version"]}


# --- the helper ---------------------------------------------------------------------


def test_a_save_at_the_version_shown_bumps_the_version(deal):
    customer = deal.customer

    versioned_save(customer, expected_version=1)

    assert Customer.objects.get(pk=customer.pk).version == customer.version == 2


def test_a_save_at_an_older_version_is_refused_and_writes_nothing(deal):
    stale = Customer.objects.get(pk=deal.customer_id)
    services.customer_update(customer=Customer.objects.get(pk=deal.customer_id),
                             updated_by=deal.salesperson, data={"city": "York"},
                             expected_version=1)  # fmt: skip
    stale.city = "Hull"

    with pytest.raises(VersionConflict) as clash:
        versioned_save(stale, expected_version=1)

    assert clash.value.current.city == "York" and clash.value.current.version == 2
    assert Customer.objects.get(pk=deal.customer_id).city == "York"


def test_a_job_saving_without_a_version_still_bumps_it(deal):
    vehicle = deal.vehicle

    versioned_save(vehicle, expected_version=None)

    assert Vehicle.objects.get(pk=vehicle.pk).version == 2


@pytest.mark.django_db(transaction=True)
def test_two_saves_racing_at_the_same_version_let_exactly_one_through(uk_dealer):
    deal = DealFactory(vehicle__customer__dealer=uk_dealer)

    def save():
        customer = Customer.objects.get(pk=deal.customer_id)
        services.customer_update(customer=customer, updated_by=deal.salesperson,
                                 data={"city": "Race"}, expected_version=1)  # fmt: skip
        return "saved"

    outcomes = side_by_side(save)

    assert sorted(outcomes) == ["VersionConflict", "saved"]
    assert Customer.objects.get(pk=deal.customer_id).version == 2


# --- the pages ----------------------------------------------------------------------

CUSTOMER = "dealers:customer-update"


def test_the_second_save_of_a_customer_shows_the_conflict_and_loses_nothing(client, deal, ann, bob):
    customer = deal.customer
    url = reverse(CUSTOMER, args=[customer.pk])
    base = customer_post_data("UK", first_name=customer.first_name, last_name=customer.last_name,
                              email=customer.email, city="Leeds")  # fmt: skip
    anns_page = at_version(customer)  # Ann opens the page...
    as_user(client, bob).post(url, at_version(customer, {**base, "city": "York"}))  # Bob saves

    response = as_user(client, ann).post(url, {**base, **anns_page, "phone": "+44 113 496 0000"})

    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this record while you were editing it" in page
    assert "Bob Baker" in page
    assert ("Town or city", "Leeds", "York") in response.context["conflict"].theirs
    saved = Customer.objects.get(pk=customer.pk)
    assert (saved.city, saved.phone, saved.version) == ("York", customer.phone, 2)
    form = response.context["form"]
    assert (form["city"].value(), form["phone"].value()) == ("York", "+44 113 496 0000")
    assert response.context["version"] == 2

    again = client.post(url, form_again(response))

    assert again.status_code == 302
    saved.refresh_from_db()
    assert (saved.city, saved.phone, saved.version) == ("York", "+44 113 496 0000", 3)


def test_a_customer_edit_posted_without_its_version_is_a_conflict_not_an_overwrite(
    client, deal, ann
):
    url = reverse(CUSTOMER, args=[deal.customer_id])

    response = as_user(client, ann).post(url, customer_post_data("UK", first_name="Nobody"))

    assert response.status_code == 409
    assert Customer.objects.get(pk=deal.customer_id).first_name != "Nobody"
    assert response.context["form"]["first_name"].value() == "Nobody"  # kept to save again


def test_the_second_save_of_a_vehicle_shows_the_conflict_and_loses_nothing(client, deal, ann, bob):
    vehicle = deal.vehicle
    url = reverse("dealers:vehicle-update", args=[vehicle.pk])
    base = vehicle_post_data(registration=vehicle.registration, model=vehicle.model,
                             first_registration_date=vehicle.first_registration_date,
                             delivery_date=vehicle.delivery_date,
                             invoice_price=vehicle.invoice_price)  # fmt: skip
    anns_page = at_version(vehicle)
    as_user(client, bob).post(url, at_version(vehicle, {**base, "model": "RZ 450e"}))

    response = as_user(client, ann).post(url, {**base, **anns_page, "invoice_price": "51000.00"})

    assert response.status_code == 409
    assert ("Model", "NX 350h", "RZ 450e") in response.context["conflict"].theirs
    saved = Vehicle.objects.get(pk=vehicle.pk)
    assert (saved.model, str(saved.invoice_price)) == ("RZ 450e", "45000.00")
    again = client.post(url, form_again(response))
    assert again.status_code == 302
    saved.refresh_from_db()
    assert (saved.model, str(saved.invoice_price), saved.version) == ("RZ 450e", "51000.00", 3)


def test_the_second_save_of_a_deal_shows_the_conflict_and_loses_nothing(client, deal, ann, bob):
    url = reverse("dealers:deal-update", args=[deal.pk])
    base = deal_post_data(deal.salesperson, deal_date=deal.deal_date, order_date="",
                          reference=deal.reference)  # fmt: skip
    anns_page = at_version(deal)
    as_user(client, bob).post(url, at_version(deal, {**base, "reference": "ORD-BOB"}))

    response = as_user(client, ann).post(url, {**base, **anns_page, "notes": "Part exchange"})

    assert response.status_code == 409
    conflict = response.context["conflict"]
    assert any(row[0] == "Dealer reference" and row[2] == "ORD-BOB" for row in conflict.theirs)
    assert Deal.objects.get(pk=deal.pk).notes == ""
    again = client.post(url, form_again(response))
    assert again.status_code == 302
    saved = Deal.objects.get(pk=deal.pk)
    assert (saved.reference, saved.notes, saved.version) == ("ORD-BOB", "Part exchange", 3)


def test_an_edit_page_carries_the_records_version_in_a_hidden_field(client, deal, ann):
    as_user(client, ann)
    for name, pk in [(CUSTOMER, deal.customer_id), ("dealers:vehicle-update", deal.vehicle_id),
                     ("dealers:deal-update", deal.pk)]:  # fmt: skip
        page = client.get(reverse(name, args=[pk])).content.decode()
        assert '<input type="hidden" name="version" value="1">' in page, name


def test_an_italian_user_is_told_of_the_conflict_in_italian(client, it_dealer):
    deal = DealFactory(vehicle__customer__dealer=it_dealer)
    user = UserFactory(dealer=it_dealer)
    url = reverse("dealers:deal-update", args=[deal.pk])
    base = deal_post_data(deal.salesperson, deal_date=deal.deal_date, order_date="")
    services.deal_update(deal=deal, updated_by=deal.salesperson, data={"notes": "Permuta"},
                         expected_version=1)  # fmt: skip

    response = as_user(client, user).post(url, {**base, "version": 1})

    page = response.content.decode()
    assert response.status_code == 409
    assert "Un'altra persona ha salvato questi dati mentre lei li modificava" in page
    assert "Cosa ha modificato l'altra persona" in page
