"""What staff type is checked where they typed it: the message sits next to the field,
the field is marked invalid, nothing is saved, and nothing they typed is lost.

Example identifiers come from their source, not from the code under test: tax codes and
ABNs are confirmed with python-stdnum, the North American VIN is the worked check-digit
example of 49 CFR 565 (as on Wikipedia), provinces and states are localflavor's lists.
"""

from collections import defaultdict
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation
from localflavor.au.au_states import STATE_CHOICES as AU_STATES
from localflavor.it.it_province import PROVINCE_CHOICES as IT_PROVINCES
from stdnum.au import abn
from stdnum.it import codicefiscale, iva

from dealers.models import Customer, Deal, Vehicle
from tests.dealers.factories import (
    CODICE_FISCALE,
    PARTITA_IVA,
    VIN,
    DealerFactory,
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

BAD_CODICE_FISCALE = CODICE_FISCALE[:-1] + "X"  # the check letter of the valid one is S
BAD_PARTITA_IVA = PARTITA_IVA[:-1] + "8"  # the check digit of the valid one is 7
ABN = "83 914 571 673"  # python-stdnum's own example
BAD_ABN = "83 914 571 674"
NA_VIN = "1M8GDM9AXKP042788"  # check digit X, the worked example of 49 CFR 565
NA_VIN_BAD_CHECK_DIGIT = "1M8GDM9A1KP042788"


def test_the_example_identifiers_are_what_the_tests_take_them_for():
    assert codicefiscale.is_valid(CODICE_FISCALE)
    assert not codicefiscale.is_valid(BAD_CODICE_FISCALE)
    assert iva.is_valid(PARTITA_IVA)
    assert not iva.is_valid(BAD_PARTITA_IVA)
    assert abn.is_valid(ABN)
    assert not abn.is_valid(BAD_ABN)
    assert "XX" not in dict(IT_PROVINCES) and "MI" in dict(IT_PROVINCES)
    assert "XYZ" not in dict(AU_STATES) and "VIC" in dict(AU_STATES)


class FormPage(HTMLParser):
    """The controls of a rendered form by name (value, classes) and the error messages
    crispy-forms puts next to each one (<span id="error_1_id_<name>">)."""

    def __init__(self, response):
        super().__init__()
        self.values: dict[str, str] = {}
        self.classes: dict[str, set[str]] = {}
        self.errors: dict[str, list[str]] = defaultdict(list)
        self._select: str | None = None
        self._error_of: str | None = None
        self.feed(response.content.decode())

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("input", "select", "textarea") and "name" in a:
            name = a["name"]
            self.classes[name] = set((a.get("class") or "").split())
            checkable = a.get("type") in ("radio", "checkbox")
            if tag == "input" and (not checkable or "checked" in a):
                self.values[name] = a.get("value", "")
            self._select = name if tag == "select" else None
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value", "")
        elif tag == "span" and (a.get("id") or "").startswith("error_"):
            self._error_of = a["id"].split("_id_", 1)[1]

    def handle_endtag(self, tag):
        if tag == "span":
            self._error_of = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._error_of and data.strip():
            self.errors[self._error_of].append(data.strip())

    def assert_refused(self, name: str, message: str) -> None:
        assert message in self.errors[name], dict(self.errors)
        assert "is-invalid" in self.classes[name]


def said(language: str, message: str, **params) -> str:
    """`message` as the page shows it to staff who work in `language`."""
    with translation.override(language):
        return translation.gettext(message) % params if params else translation.gettext(message)


@pytest.fixture
def staff_at(client):
    def log_in(dealer):
        user = UserFactory(dealer=dealer)
        client.force_login(user)
        return user

    return log_in


# --- Customers ------------------------------------------------------------------------

CODICE_FISCALE_MESSAGE = (
    "This is not a valid codice fiscale (16 characters, with a correct check letter)."
)
PARTITA_IVA_MESSAGE = "This is not a valid partita IVA (11 digits, with a correct check digit)."

REFUSED_CUSTOMERS = {
    "uk-postcode": (
        "UK",
        {"postcode": "SW1A 1A"},
        "postcode",
        "Enter a UK postcode, e.g. SW1A 1AA.",
    ),
    "uk-postcode-of-digits": (
        "UK",
        {"postcode": "12345"},
        "postcode",
        "Enter a UK postcode, e.g. SW1A 1AA.",
    ),
    "it-codice-fiscale": (
        "IT",
        {"codice_fiscale": BAD_CODICE_FISCALE},
        "codice_fiscale",
        CODICE_FISCALE_MESSAGE,
    ),
    "it-person-without-codice-fiscale": (
        "IT",
        {"codice_fiscale": ""},
        "codice_fiscale",
        CODICE_FISCALE_MESSAGE,
    ),
    "it-partita-iva": (
        "IT",
        {"partita_iva": BAD_PARTITA_IVA},
        "partita_iva",
        PARTITA_IVA_MESSAGE,
    ),
    "it-company-without-partita-iva": (
        "IT",
        {"kind": "company", "company_name": "Rossi S.r.l.", "codice_fiscale": ""},
        "partita_iva",
        PARTITA_IVA_MESSAGE,
    ),
    "it-province": (
        "IT",
        {"region": "XX"},
        "region",
        "Enter the province's two-letter code, e.g. RM or MI.",
    ),
    "it-cap": ("IT", {"postcode": "0018"}, "postcode", "Enter a CAP of five digits, e.g. 00184."),
    "au-postcode": (
        "AU",
        {"postcode": "200"},
        "postcode",
        "Enter an Australian postcode of four digits, e.g. 2000.",
    ),
    "au-state": (
        "AU",
        {"region": "XYZ"},
        "region",
        "Enter the state or territory, e.g. NSW, VIC or QLD.",
    ),
    "au-abn": (
        "AU",
        {"abn": BAD_ABN},
        "abn",
        "This is not a valid ABN (11 digits, with a correct checksum).",
    ),
}


@pytest.fixture
def dealer_in(uk_dealer, it_dealer, au_dealer):
    return {"UK": uk_dealer, "IT": it_dealer, "AU": au_dealer}


@pytest.mark.parametrize("case", REFUSED_CUSTOMERS)
def test_a_new_customer_with_a_bad_detail_is_refused_next_to_the_field_and_not_saved(
    client, staff_at, dealer_in, case
):
    market, typed, field, message = REFUSED_CUSTOMERS[case]
    dealer = dealer_in[market]
    user = staff_at(dealer)

    response = client.post(
        reverse("dealers:customer-create"),
        {**customer_post_data(market, **typed), **new_customer_key(user, user.dealer)},
    )

    assert response.status_code == 200
    FormPage(response).assert_refused(field, said(dealer.language, message))
    assert not Customer.objects.exists()


ACCEPTED_CUSTOMERS = {
    "uk": ("UK", {"postcode": "sw1a 1aa"}, {"postcode": "SW1A 1AA"}),
    "uk-no-space": ("UK", {"postcode": "EC1A1BB"}, {"postcode": "EC1A 1BB"}),
    "it-person": (
        "IT",
        {"codice_fiscale": CODICE_FISCALE.lower(), "region": "MI", "postcode": "20121"},
        {"codice_fiscale": CODICE_FISCALE, "region": "MI", "postcode": "20121"},
    ),
    "it-company": (
        "IT",
        {"kind": "company", "company_name": "Rossi S.r.l.", "partita_iva": PARTITA_IVA},
        {"company_name": "Rossi S.r.l.", "partita_iva": PARTITA_IVA},
    ),
    "au": (
        "AU",
        {"region": "VIC", "postcode": "3000", "abn": ABN},
        {"region": "VIC", "postcode": "3000", "abn": ABN.replace(" ", "")},
    ),
}


@pytest.mark.parametrize("case", ACCEPTED_CUSTOMERS)
def test_a_new_customer_with_valid_details_is_saved(client, staff_at, dealer_in, case):
    market, typed, saved = ACCEPTED_CUSTOMERS[case]
    user = staff_at(dealer_in[market])

    response = client.post(
        reverse("dealers:customer-create"),
        {**customer_post_data(market, **typed), **new_customer_key(user, user.dealer)},
    )

    customer = Customer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dealers:customer-detail", args=[customer.pk])
    assert {k: getattr(customer, k) for k in saved} == saved
    assert (customer.dealer, customer.created_by) == (dealer_in[market], user)


def test_nothing_typed_is_lost_when_a_new_customer_is_refused(client, staff_at, it_dealer):
    user = staff_at(it_dealer)
    typed = customer_post_data(
        "IT",
        first_name="Giulia",
        last_name="Bianchi",
        email="giulia@example.it",
        phone="+39 06 4991 1234",
        address_line1="Via Nazionale 12",
        city="Roma",
        region="RM",
        postcode="00184",
        date_of_birth="1985-12-10",
        codice_fiscale=BAD_CODICE_FISCALE,
    )

    response = client.post(
        reverse("dealers:customer-create"), {**typed, **new_customer_key(user, it_dealer)}
    )

    page = FormPage(response)
    assert page.errors["codice_fiscale"]
    assert {name: page.values.get(name) for name in typed} == typed


def test_an_edit_that_makes_a_customer_invalid_is_refused_and_the_saved_customer_unchanged(
    client, staff_at, it_dealer
):
    staff_at(it_dealer)
    customer = DealFactory(vehicle__customer__dealer=it_dealer).customer
    before = Customer.objects.values().get(pk=customer.pk)

    response = client.post(
        reverse("dealers:customer-update", args=[customer.pk]),
        at_version(
            customer,
            customer_post_data("IT", codice_fiscale=BAD_CODICE_FISCALE, first_name="Changed"),
        ),
    )

    FormPage(response).assert_refused("codice_fiscale", said("it", CODICE_FISCALE_MESSAGE))
    assert Customer.objects.values().get(pk=customer.pk) == before


# --- Vehicles -------------------------------------------------------------------------

REFUSED_VINS = {
    "too-short": (VIN[:-1], "A VIN has 17 characters; this one has %(count)d.", {"count": 16}),
    # The form's own length check speaks first (and the browser's maxlength before it).
    "too-long": (VIN + "1", "Ensure this value has at most 17 characters (it has 18).", {}),
    "with-I": (
        VIN[:10] + "I" + VIN[11:],
        "A VIN uses only letters and digits, never I, O or Q.",
        {},
    ),
    "with-O": (
        VIN[:10] + "O" + VIN[11:],
        "A VIN uses only letters and digits, never I, O or Q.",
        {},
    ),
    "with-Q": (
        VIN[:10] + "Q" + VIN[11:],
        "A VIN uses only letters and digits, never I, O or Q.",
        {},
    ),
    "north-american-bad-check-digit": (
        NA_VIN_BAD_CHECK_DIGIT,
        "This VIN's check digit is wrong: check for a typo.",
        {},
    ),
}


@pytest.fixture
def deal(uk_dealer):
    return DealFactory(vehicle__customer__dealer=uk_dealer)


@pytest.mark.parametrize("case", REFUSED_VINS)
def test_a_bad_vin_is_refused_next_to_the_field_and_the_vehicle_is_unchanged(
    client, staff_at, deal, case
):
    vin, message, params = REFUSED_VINS[case]
    staff_at(deal.dealer)
    before = Vehicle.objects.values().get(pk=deal.vehicle_id)

    response = client.post(
        reverse("dealers:vehicle-update", args=[deal.vehicle_id]),
        at_version(deal.vehicle, vehicle_post_data(vin=vin, model="LBX")),
    )

    assert response.status_code == 200
    FormPage(response).assert_refused("vin", said("en-gb", message, **params))
    assert Vehicle.objects.values().get(pk=deal.vehicle_id) == before


@pytest.mark.parametrize(
    "typed, saved",
    [
        (NA_VIN, NA_VIN),
        (NA_VIN.lower(), NA_VIN),
        (f"  {NA_VIN.lower()} ", NA_VIN),
        (VIN, VIN),  # not North American: its ninth character is not a check digit
    ],
)
def test_a_valid_vin_is_saved_in_capitals_without_surrounding_spaces(
    client, staff_at, deal, typed, saved
):
    staff_at(deal.dealer)

    response = client.post(
        reverse("dealers:vehicle-update", args=[deal.vehicle_id]),
        at_version(deal.vehicle, vehicle_post_data(vin=typed)),
    )

    assert response.status_code == 302
    deal.vehicle.refresh_from_db()
    assert deal.vehicle.vin == saved


@pytest.mark.parametrize("finance_type", ["finance", "pcp", "lease"])
def test_a_vehicle_on_finance_needs_a_provider_a_term_and_a_payment(
    client, staff_at, deal, finance_type
):
    staff_at(deal.dealer)

    response = client.post(
        reverse("dealers:vehicle-update", args=[deal.vehicle_id]),
        at_version(deal.vehicle, vehicle_post_data(finance_type=finance_type)),
    )

    page = FormPage(response)
    page.assert_refused("finance_provider", said("en-gb", "Enter who provides the finance."))
    page.assert_refused("finance_term_months", said("en-gb", "Enter the finance term in months."))
    page.assert_refused("finance_monthly_payment", said("en-gb", "Enter the monthly payment."))
    deal.vehicle.refresh_from_db()
    assert deal.vehicle.finance_type == "cash"


def test_a_vehicle_on_finance_with_its_terms_is_saved(client, staff_at, deal):
    staff_at(deal.dealer)

    response = client.post(
        reverse("dealers:vehicle-update", args=[deal.vehicle_id]),
        at_version(
            deal.vehicle,
            vehicle_post_data(
                finance_type="pcp",
                finance_provider="Lexus Financial Services",
                finance_term_months="48",
                finance_monthly_payment="499.00",
            ),
        ),
    )

    assert response.status_code == 302
    deal.vehicle.refresh_from_db()
    assert (deal.vehicle.finance_provider, deal.vehicle.finance_term_months) == (
        "Lexus Financial Services",
        48,
    )


def test_a_delivery_before_first_registration_is_refused(client, staff_at, deal):
    staff_at(deal.dealer)
    before = Vehicle.objects.values().get(pk=deal.vehicle_id)

    response = client.post(
        reverse("dealers:vehicle-update", args=[deal.vehicle_id]),
        at_version(
            deal.vehicle,
            vehicle_post_data(first_registration_date="2024-03-01", delivery_date="2024-02-29"),
        ),
    )

    FormPage(response).assert_refused(
        "delivery_date", said("en-gb", "Delivery cannot be before first registration.")
    )
    assert Vehicle.objects.values().get(pk=deal.vehicle_id) == before


# --- The new-deal page: customer, vehicle and deal in one POST ------------------------


@pytest.fixture
def seller(uk_dealer, client):
    user = UserFactory(dealer=uk_dealer)
    client.force_login(user)
    return user


def new_deal(seller, customer=None, vehicle=None, deal=None) -> dict:
    return {
        **new_deal_key(seller, seller.dealer),
        **customer_post_data("UK", "customer", **(customer or {})),
        **vehicle_post_data("vehicle", **(vehicle or {})),
        **deal_post_data(seller, "deal", **(deal or {})),
    }


def saved_counts() -> tuple[int, int, int]:
    return Customer.objects.count(), Vehicle.objects.count(), Deal.objects.count()


def test_the_new_deal_page_saves_the_customer_the_vehicle_and_the_deal_in_one_go(client, seller):
    response = client.post(reverse("dealers:deal-create"), new_deal(seller))

    deal = Deal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dealers:deal-detail", args=[deal.pk])
    assert saved_counts() == (1, 1, 1)
    assert (deal.customer.last_name, deal.vehicle.model, deal.reference) == (
        "Lovelace",
        "RX 450h+",
        "ORD-1001",
    )
    assert deal.vehicle.customer == deal.customer
    assert deal.dealer == deal.customer.dealer == deal.vehicle.dealer == seller.dealer
    assert (deal.salesperson, deal.created_by, deal.customer.created_by) == (seller,) * 3


def test_the_new_deal_page_saves_no_customer_when_the_vehicle_is_invalid(client, seller):
    response = client.post(
        reverse("dealers:deal-create"), new_deal(seller, vehicle={"vin": NA_VIN_BAD_CHECK_DIGIT})
    )

    assert response.status_code == 200
    FormPage(response).assert_refused(
        "vehicle-vin", said("en-gb", "This VIN's check digit is wrong: check for a typo.")
    )
    assert saved_counts() == (0, 0, 0)


def test_nothing_typed_on_the_new_deal_page_is_lost_when_it_is_refused(client, seller):
    typed = new_deal(
        seller,
        customer={"first_name": "Grace", "last_name": "Hopper", "email": "grace@example.com"},
        vehicle={"vin": "JTHBA3BL0A501234", "model": "UX 300e", "registration": "LX24 XYZ"},
        deal={"reference": "ORD-2002", "order_date": "2024-02-01"},
    )

    response = client.post(reverse("dealers:deal-create"), typed)

    page = FormPage(response)
    assert page.errors["vehicle-vin"]
    assert {name: page.values.get(name) for name in typed} == {
        name: str(value) for name, value in typed.items()
    }


def test_the_new_deal_page_refuses_an_order_dated_after_the_deal(client, seller):
    response = client.post(
        reverse("dealers:deal-create"),
        new_deal(seller, deal={"deal_date": "2024-03-01", "order_date": "2024-03-02"}),
    )

    FormPage(response).assert_refused(
        "deal-order_date", said("en-gb", "The order cannot be after the deal date.")
    )
    assert saved_counts() == (0, 0, 0)


def test_the_new_deal_page_refuses_a_customer_error_and_saves_nothing(client, seller):
    response = client.post(
        reverse("dealers:deal-create"), new_deal(seller, customer={"postcode": "NOT A CODE"})
    )

    FormPage(response).assert_refused(
        "customer-postcode", said("en-gb", "Enter a UK postcode, e.g. SW1A 1AA.")
    )
    assert saved_counts() == (0, 0, 0)


@pytest.mark.parametrize(("brand", "make"), [("lexus", "Lexus"), ("smart", "smart")])
def test_a_new_deal_starts_with_the_dealers_own_make(client, staff_at, brand, make):
    """Issue 19: a smart retailer's new deal said Make "Lexus"."""
    staff_at(DealerFactory(market="UK", brand=brand))
    page = client.get(reverse("dealers:deal-create")).content.decode()
    assert f'name="vehicle-make" value="{make}"' in page
