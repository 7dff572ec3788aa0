"""factory_boy factories with valid data for each market."""

from datetime import date, timedelta
from decimal import Decimal

import factory

from dealers.models import Customer, Deal, Dealer, DealerGroup, Role, User, Vehicle

MARKET_DEFAULTS = {
    "UK": {"currency": "GBP", "language": "en-gb", "postcode": "SW1A 1AA", "region": ""},
    "IT": {"currency": "EUR", "language": "it", "postcode": "00184", "region": "RM"},
    "AU": {"currency": "AUD", "language": "en-gb", "postcode": "2000", "region": "NSW"},
}
# Valid identifiers (checked with python-stdnum in the tests that use them).
CODICE_FISCALE = "RSSMRA85T10A562S"
PARTITA_IVA = "00743110157"
VIN = "JTHBA3BL0A5012345"


class DealerGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DealerGroup

    name = factory.Sequence(lambda n: f"Group {n}")
    market = "UK"


class DealerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dealer

    group = factory.SubFactory(DealerGroupFactory, market=factory.SelfAttribute("..market"))
    code = factory.Sequence(lambda n: f"dealer-{n}")
    name = factory.Sequence(lambda n: f"Lexus Centre {n}")
    market = "UK"
    currency = factory.LazyAttribute(lambda o: MARKET_DEFAULTS[o.market]["currency"])
    language = factory.LazyAttribute(lambda o: MARKET_DEFAULTS[o.market]["language"])
    address_line1 = "1 High Street"
    city = "Town"
    region = factory.LazyAttribute(lambda o: MARKET_DEFAULTS[o.market]["region"])
    postcode = factory.LazyAttribute(lambda o: MARKET_DEFAULTS[o.market]["postcode"])


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    role = Role.SALES_EXECUTIVE
    dealer = factory.Maybe(
        factory.LazyAttribute(lambda o: o.role not in (Role.HEAD_OFFICE, Role.GROUP_MANAGER)),
        yes_declaration=factory.SubFactory(DealerFactory),
        no_declaration=None,
    )
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    dealer = factory.SubFactory(DealerFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Faker("email")
    phone = "+44 20 7946 0958"
    address_line1 = "2 Station Road"
    city = "Town"
    region = factory.LazyAttribute(lambda o: MARKET_DEFAULTS[o.dealer.market]["region"])
    postcode = factory.LazyAttribute(lambda o: MARKET_DEFAULTS[o.dealer.market]["postcode"])
    codice_fiscale = factory.LazyAttribute(
        lambda o: CODICE_FISCALE if o.dealer.market == "IT" else ""
    )


class VehicleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vehicle

    customer = factory.SubFactory(CustomerFactory)
    dealer = factory.SelfAttribute("customer.dealer")
    vin = VIN
    registration = factory.Sequence(lambda n: f"AB{n % 100:02d} CDE")
    model = "NX 350h"
    first_registration_date = factory.LazyFunction(lambda: date.today() - timedelta(days=10))
    delivery_date = factory.LazyFunction(lambda: date.today() - timedelta(days=10))
    invoice_price = Decimal("45000.00")


class DealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deal

    vehicle = factory.SubFactory(VehicleFactory)
    customer = factory.SelfAttribute("vehicle.customer")
    dealer = factory.SelfAttribute("vehicle.dealer")
    salesperson = factory.SubFactory(UserFactory, dealer=factory.SelfAttribute("..dealer"))
    deal_date = factory.LazyFunction(date.today)


# What a member of staff types into the pages, as POST data (the forms' field names).
# `prefix` is the form prefix used on the new-deal page ("customer", "vehicle", "deal").
CUSTOMER_POST = {
    "UK": {"postcode": "SW1A 1AA", "region": "Greater London"},
    "IT": {"postcode": "00184", "region": "RM", "codice_fiscale": CODICE_FISCALE},
    "AU": {"postcode": "2000", "region": "NSW"},
}


def _prefixed(data: dict, prefix: str) -> dict:
    return {f"{prefix}-{k}" if prefix else k: v for k, v in data.items()}


def customer_post_data(market: str = "UK", prefix: str = "", **overrides) -> dict:
    data = {
        "kind": "person",
        "title": "Mrs",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": "ada@example.com",
        "phone": "+44 20 7946 0958",
        "address_line1": "12 St James's Square",
        "city": "London",
        **CUSTOMER_POST[market],
        **overrides,
    }
    return _prefixed(data, prefix)


def vehicle_post_data(prefix: str = "", **overrides) -> dict:
    data = {
        "vin": VIN,
        "registration": "LX24 ABC",
        "make": "Lexus",
        "model": "RX 450h+",
        "condition": "new",
        "vehicle_type": "autovettura",
        "first_registration_date": "2024-03-01",
        "delivery_date": "2024-03-02",
        "invoice_price": "68500.00",
        "finance_type": "cash",
        **overrides,
    }
    return _prefixed(data, prefix)


def deal_post_data(salesperson: User, prefix: str = "", **overrides) -> dict:
    data = {
        "salesperson": salesperson.pk,
        "deal_date": "2024-03-01",
        "order_date": "2024-02-20",
        "reference": "ORD-1001",
        **overrides,
    }
    return _prefixed(data, prefix)


# What an edit or create page carries besides what is typed: the record's version
# (dealers.versioning) and the server's key of a create form (dealers.form_keys).


def at_version(record, data: dict | None = None) -> dict:
    """`data` posted from an edit page opened now: with the record's version as it is in
    the database (not as the object in memory has it)."""
    version = type(record).objects.values_list("version", flat=True).get(pk=record.pk)
    return {**(data or {}), "version": version}


def new_customer_key(user: User, dealer: Dealer) -> dict:
    """The hidden field of a new-customer page shown to `user` for `dealer`."""
    from dealers.form_keys import form_key_issue

    key = form_key_issue(user_id=user.pk, purpose="customer", subject=f"dealer:{dealer.pk}")
    return {"form_key": key}


def new_deal_key(
    user: User, dealer: Dealer | None = None, customer: Customer | None = None
) -> dict:
    """The hidden field of a new-deal page shown to `user`: for an existing `customer`
    (the customer's page) or a new customer at `dealer`."""
    from dealers.form_keys import form_key_issue

    subject = f"customer:{customer.pk}" if customer else f"dealer:{dealer.pk}"  # type: ignore[union-attr]
    return {"form_key": form_key_issue(user_id=user.pk, purpose="deal", subject=subject)}
