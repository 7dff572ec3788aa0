"""`python manage.py load_demo`: demo dealers, staff, customers, vehicles and deals.

`make run` calls it every time, so it checks first (one query) whether the demo dealer
groups exist and skips if they do. Otherwise it creates, in one transaction:

- a dealer group per market plus a smart retailer group in the UK, 10 dealers in all;
- staff of every role at every dealer, a group manager per group and two head office
  users, all with the password DEMO_PASSWORD (see `demo_logins()` for the usernames);
- 40 to 80 deals per dealer over the last 18 months up to today, each with a customer
  and a vehicle that pass the market's validation rules.

Usernames are `<dealer>.<role>`: the dealer is `uk`, `uk2`, `uk3`, `smart`, `it`, `it2`,
`it3`, `au`, `au2`, `au3`; the role is `sales`, `sales2`, `business`, `manager`,
`principal` (Italian dealers: `vendite`, `vendite2`, `business`, `direttore`, `titolare`).
Group managers are `<group>.group` (`it.gruppo`); head office is `ho.admin` (superuser,
for /admin/) and `ho.analyst`.

The data is random but seeded, and dated relative to `timezone.localdate()`, so
dashboards always show recent months and two runs on the same day give the same data.
"""

import random
import re
import unicodedata
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError
from django.db import models, transaction
from simple_history.utils import bulk_create_with_history
from stdnum import luhn
from stdnum.au import abn
from stdnum.it import codicefiscale

from dealers.markets import MARKETS
from dealers.models import (
    Customer,
    CustomerKind,
    Deal,
    Dealer,
    DealerGroup,
    DealStatus,
    FinanceType,
    Role,
    User,
    Vehicle,
    VehicleCondition,
    VehicleType,
)
from dealers.money import round_money
from dealers.validators import vin_check_digit

from .data import (
    BALLOON,
    BIRTH_TOWNS,
    COMPANIES,
    DAYS_OF_DEALS,
    DEALER_STAFF,
    DEALERS,
    DEMO_PASSWORD,
    FINANCE_MIX,
    FINANCE_TERMS,
    FIRST_NAMES,
    GROUP_MANAGER_WORD,
    GROUPS,
    HEAD_OFFICE,
    HISTORY_REASON,
    IT_PROVINCE_OFFICE,
    LAST_NAMES,
    LUXURY_IN_ITALY,
    MODELS,
    OTHER_LENDER,
    PLATE_LETTERS,
    PRICE_FACTOR,
    REGULATORS,
    SEASON,
    SEED,
    STREETS,
    TITLES,
    TRIMS,
    VIN_CHARS,
    VIN_YEARS,
    WMI,
    DemoDealer,
    DemoLogin,
)


def demo_logins() -> list[DemoLogin]:
    """Every demo login, for the README, the tests and the table the command prints."""
    logins = [
        DemoLogin(username, Role.HEAD_OFFICE.value, "Head office", f"{first} {last}")
        for username, first, last, _ in HEAD_OFFICE
    ]
    names = {market: iter(_staff_names(market)) for market in MARKETS}
    for group in GROUPS:
        username = f"{group.prefix}.{GROUP_MANAGER_WORD[_lang(group.market)]}"
        name = next(names[group.market])
        logins.append(DemoLogin(username, Role.GROUP_MANAGER.value, group.name, name))
    for spec in DEALERS:
        for word, role in DEALER_STAFF[_lang(spec.market)]:
            name = next(names[spec.market])
            logins.append(DemoLogin(f"{spec.prefix}.{word}", role.value, spec.name, name))
    return logins


def _lang(market: str) -> str:
    return "it" if market == "IT" else "en"


def _staff_names(market: str) -> list[str]:
    """Distinct staff names for a market, the same on every run."""
    firsts = FIRST_NAMES["M"][market] + FIRST_NAMES["F"][market]
    pairs = [f"{first} {last}" for first in firsts for last in LAST_NAMES[market]]
    return random.Random(f"{SEED}:staff:{market}").sample(pairs, 30)  # nosec B311 # demo names


def demo_is_loaded() -> bool:
    """True when every demo group exists. Refuses a half-present demo (edited by hand)
    rather than guessing what to add."""
    found = DealerGroup.objects.filter(name__in=[g.name for g in GROUPS]).count()
    if 0 < found < len(GROUPS):
        raise CommandError(
            "Some demo dealer groups exist but not all; delete them or use a fresh database."
        )
    return found == len(GROUPS)


@transaction.atomic
def load_demo(*, today: date) -> dict[str, int]:
    """Create the demo data in one transaction (nothing is left half-loaded) and return
    how many rows of each kind were created."""
    groups = {g.name: DealerGroup(name=g.name, market=g.market) for g in GROUPS}
    DealerGroup.objects.bulk_create(groups.values())
    dealers = _create_dealers(groups)
    users = _create_users(groups, dealers)
    rows: list[tuple[Customer | None, Vehicle, Deal]] = []
    for spec in DEALERS:
        rng = random.Random(f"{SEED}:{spec.code}")  # nosec B311 # per dealer: dealers don't shift
        rows += _dealer_deals(rng, today, spec, dealers[spec.code], users)
    customers = [c for c, _, _ in rows if c is not None]
    _bulk_create(Customer, customers)
    _bulk_create(Vehicle, [v for _, v, _ in rows])
    _bulk_create(Deal, [d for _, _, d in rows])
    return {
        "dealer groups": len(groups),
        "dealers": len(dealers),
        "users": len(users),
        "customers": len(customers),
        "vehicles": len(rows),
        "deals": len(rows),
    }


def _bulk_create(model: type[models.Model], objs: list) -> None:
    # Every row passes the model's own rules; foreign keys, uniqueness and check
    # constraints are left to the database, which enforces them on insert anyway.
    fks = [f.name for f in model._meta.fields if f.is_relation]
    for obj in objs:
        obj.full_clean(exclude=fks, validate_unique=False, validate_constraints=False)
    bulk_create_with_history(objs, model, batch_size=500, default_change_reason=HISTORY_REASON)


def _create_dealers(groups: dict[str, DealerGroup]) -> dict[str, Dealer]:
    dealers = {
        spec.code: Dealer(
            group=groups[spec.group],
            code=spec.code,
            name=spec.name,
            market=spec.market,
            brand=spec.make.lower(),
            currency=MARKETS[spec.market].currency,
            language=MARKETS[spec.market].language,
            address_line1=spec.address,
            city=spec.city,
            region=spec.region,
            postcode=spec.postcode,
            phone=spec.phone,
            email=f"{spec.code}@demo.example.com",
            regulator_name=REGULATORS[spec.market],
            regulator_number=spec.regulator_number,
            company_number=spec.company_number,
        )
        for spec in DEALERS
    }
    _bulk_create(Dealer, list(dealers.values()))
    return dealers


def _create_users(groups: dict[str, DealerGroup], dealers: dict[str, Dealer]) -> dict[str, User]:
    # One hash for everyone: the password is shared anyway, and hashing it 56 times
    # would make the first run take about 20 seconds.
    password = make_password(DEMO_PASSWORD)
    where = {spec.name: ("dealer", dealers[spec.code]) for spec in DEALERS}
    where |= {name: ("dealer_group", group) for name, group in groups.items()}
    superusers = {username for username, *_, is_superuser in HEAD_OFFICE if is_superuser}
    users = {}
    for login in demo_logins():
        first, last = login.name.split(" ", 1)
        user = User(
            username=login.username,
            first_name=first,
            last_name=last,
            role=login.role,
            email=f"{login.username}@demo.example.com",
            password=password,
        )
        if login.where in where:
            field, scope = where[login.where]
            setattr(user, field, scope)
        user.is_staff = user.is_superuser = login.username in superusers
        users[login.username] = user
    User.objects.bulk_create(users.values())
    return users


def _dealer_deals(
    rng: random.Random, today: date, spec: DemoDealer, dealer: Dealer, users: dict[str, User]
) -> list[tuple[Customer | None, Vehicle, Deal]]:
    """The dealer's deals, oldest first, each with its vehicle and (unless a returning
    customer buys again) a new customer."""
    words = DEALER_STAFF[_lang(spec.market)]
    sellers = [users[f"{spec.prefix}.{w}"] for w, role in words if role == Role.SALES_EXECUTIVE]
    manager = users[f"{spec.prefix}.{words[3][0]}"]
    customers: list[Customer] = []
    companies = _company_names(rng, spec.market)
    rows: list[tuple[Customer | None, Vehicle, Deal]] = []
    for n, deal_date in enumerate(_deal_dates(rng, today, spec.market)):
        seller = manager if rng.random() < 0.1 else rng.choice(sellers)  # managers sell a few
        new_customer = None
        if customers and rng.random() < 0.12:  # a returning customer buys again
            customer = rng.choice(customers)
        else:
            customer = new_customer = _customer(rng, today, spec, dealer, companies)
            customer.created_by = seller
            customers.append(customer)
        status = _status(rng, today, deal_date)
        vehicle = _vehicle(rng, today, spec, customer, deal_date, status)
        deal = _deal(
            rng,
            vehicle,
            seller,
            deal_date,
            status,
            reference=f"{spec.city[:3].upper()}-{n + 1:05d}",
        )
        rows.append((new_customer, vehicle, deal))
    return rows


def _deal(
    rng: random.Random, vehicle: Vehicle, seller: User, deal_date: date, status: str, reference: str
) -> Deal:
    # A new car is ordered weeks ahead; a used one off the forecourt within days.
    new = vehicle.condition == VehicleCondition.NEW
    waited = rng.randint(3, 45) if new else rng.randint(1, 10)
    return Deal(
        dealer=vehicle.dealer,
        customer=vehicle.customer,
        vehicle=vehicle,
        salesperson=seller,
        created_by=seller,
        deal_date=deal_date,
        order_date=deal_date - timedelta(days=waited),
        status=status,
        reference=reference,
    )


def _deal_dates(rng: random.Random, today: date, market: str) -> list[date]:
    """40-80 dates over the last 18 months: one in every 30-day window so no month is
    empty, the rest weighted by the market's seasons."""
    count = rng.randint(40, 80)
    days = [window * 30 + rng.randint(0, 29) for window in range(DAYS_OF_DEALS // 30)]
    offsets = range(DAYS_OF_DEALS + 1)
    weights = [SEASON[market].get((today - timedelta(days=d)).month, 1.0) for d in offsets]
    days += rng.choices(offsets, weights=weights, k=count - len(days))
    return sorted(today - timedelta(days=d) for d in days)


def _status(rng: random.Random, today: date, deal_date: date) -> str:
    age = (today - deal_date).days
    if rng.random() < 0.05:
        return DealStatus.CANCELLED
    if age <= 10 or (age <= 45 and rng.random() < 0.5):
        return DealStatus.OPEN
    return DealStatus.DELIVERED


def _customer(
    rng: random.Random, today: date, spec: DemoDealer, dealer: Dealer, companies: list[str]
) -> Customer:
    town, region, postcode = rng.choice(spec.areas)
    if spec.market == "UK":
        postcode = (
            f"{postcode} {rng.randint(1, 9)}{''.join(rng.choices('ABDEFGHJLNPRSTUWXYZ', k=2))}"
        )
    number, street = rng.randint(1, 180), rng.choice(STREETS[spec.market])
    customer = Customer(
        dealer=dealer,
        address_line1=f"{street} {number}" if spec.market == "IT" else f"{number} {street}",
        city=town,
        region=region,
        postcode=postcode,
        phone=_mobile(rng, spec.market),
    )
    if rng.random() < (0.2 if spec.market == "UK" else 0.25):
        _make_company(rng, customer, spec.market, companies.pop())
    else:
        _make_person(rng, today, customer, spec.market)
    return customer


def _mobile(rng: random.Random, market: str) -> str:
    # UK numbers come from Ofcom's range reserved for drama, so none of them is real.
    if market == "UK":
        return f"+44 7700 900{rng.randint(0, 999):03d}"
    if market == "IT":
        return f"+39 3{rng.randint(20, 49)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    return f"+61 4{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"


def _make_person(rng: random.Random, today: date, customer: Customer, market: str) -> None:
    sex = rng.choice("MF")
    first, last = rng.choice(FIRST_NAMES[sex][market]), rng.choice(LAST_NAMES[market])
    born = today - timedelta(days=rng.randint(22 * 365, 78 * 365))
    customer.kind = CustomerKind.PERSON
    customer.title = rng.choice(TITLES[market][sex])
    customer.first_name, customer.last_name, customer.date_of_birth = first, last, born
    customer.email = f"{_slug(first)}.{_slug(last)}{rng.randint(1, 999)}@example.com"
    if market == "IT":
        customer.codice_fiscale = codice_fiscale(first, last, born, sex, rng.choice(BIRTH_TOWNS))


def _company_names(rng: random.Random, market: str) -> list[str]:
    """Every company name of the market, shuffled: a dealer pops them so no two of its
    customers share a name."""
    words, trades, suffix = COMPANIES[market]
    names = [
        f"{trade} {word} {suffix}" if market == "IT" else f"{word} {trade} {suffix}"
        for word in words
        for trade in trades
    ]
    rng.shuffle(names)
    return names


def _make_company(rng: random.Random, customer: Customer, market: str, name: str) -> None:
    customer.kind = CustomerKind.COMPANY
    customer.company_name = name
    customer.email = f"accounts@{_slug(name)}.example.com"
    if market == "IT":
        office = IT_PROVINCE_OFFICE.get(customer.region, f"{rng.randint(1, 100):03d}")
        base = f"{rng.randint(1, 9999999):07d}{office}"
        customer.partita_iva = customer.codice_fiscale = base + luhn.calc_check_digit(base)
    if market == "AU":
        digits = f"{rng.randint(10**8, 10**9 - 1)}"
        customer.abn = abn.calc_check_digits(digits) + digits


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", ascii_text.lower())


def codice_fiscale(first: str, last: str, born: date, sex: str, town: str) -> str:
    """The codice fiscale of a person: surname and name letters, date and sex of birth,
    town of birth (Belfiore code) and the check letter."""
    day = born.day + (40 if sex == "F" else 0)
    code = (
        f"{_cf_letters(last, surname=True)}{_cf_letters(first, surname=False)}"
        f"{born.year % 100:02d}{'ABCDEHLMPRST'[born.month - 1]}{day:02d}{town}"
    )
    return code + codicefiscale.calc_check_digit(code)


def _cf_letters(name: str, *, surname: bool) -> str:
    letters = re.sub(r"[^A-Z]", "", _slug(name).upper())
    consonants = [c for c in letters if c not in "AEIOU"]
    vowels = [c for c in letters if c in "AEIOU"]
    if not surname and len(consonants) >= 4:  # first names skip their second consonant
        consonants = [consonants[0], consonants[2], consonants[3]]
    return "".join(consonants + vowels + ["X"] * 3)[:3]


def _vehicle(
    rng: random.Random,
    today: date,
    spec: DemoDealer,
    customer: Customer,
    deal_date: date,
    status: str,
) -> Vehicle:
    models_ = MODELS[spec.make]
    model, list_price, _ = rng.choices(models_, weights=[m[2] for m in models_])[0]
    trims = TRIMS[spec.make][spec.market]
    trim = rng.randrange(len(trims))
    used = rng.random() < (0.15 if spec.make == "smart" else 0.25)
    first_reg, delivery = _vehicle_dates(rng, today, spec.make, deal_date, status, used)
    new_price = PRICE_FACTOR[spec.market] * list_price * (1 + Decimal("0.08") * trim)
    price = _used_price(new_price, deal_date, first_reg) if used else _new_price(rng, new_price)
    vehicle = Vehicle(
        dealer=customer.dealer,
        customer=customer,
        make=spec.make,
        model=model,
        derivative=trims[trim],
        condition=VehicleCondition.USED if used else VehicleCondition.NEW,
        first_registration_date=first_reg,
        delivery_date=delivery,
        invoice_price=round_money(price),
        vin=_vin(rng, spec.make, (first_reg or deal_date).year),
        registration=_registration(rng, spec, first_reg) if first_reg else "",
        luxury_brand=spec.market == "IT" and model.startswith(LUXURY_IN_ITALY),
        commercial_use=customer.kind == CustomerKind.COMPANY,
    )
    _set_use(rng, vehicle, spec.market)
    _set_finance(rng, vehicle, spec)
    return vehicle


def _vehicle_dates(
    rng: random.Random, today: date, make: str, deal_date: date, status: str, used: bool
) -> tuple[date | None, date | None]:
    """(first registration, delivery). A new car is registered a few days before it is
    handed over; one not yet delivered has no registration and a planned delivery date."""
    if used:
        oldest = 700 if make == "smart" else 9 * 365  # the smart #1 came out in 2023
        first_reg = deal_date - timedelta(days=rng.randint(400, oldest))
    else:
        first_reg = deal_date - timedelta(days=rng.randint(0, 5))
    if status == DealStatus.DELIVERED:
        return first_reg, deal_date
    if status == DealStatus.OPEN:
        return (first_reg if used else None), today + timedelta(days=rng.randint(3, 21))
    return (first_reg if used else None), None


def _new_price(rng: random.Random, list_price: Decimal) -> Decimal:
    return _round_to(list_price * Decimal(str(rng.uniform(0.92, 1.0))), 10)  # up to 8% off


def _used_price(new_price: Decimal, deal_date: date, first_reg: date | None) -> Decimal:
    years = Decimal((deal_date - first_reg).days) / 365 if first_reg else Decimal(0)
    # Roughly 20% off in the first year, then 12% a year; dealers price to ...95.
    value = new_price * Decimal("0.80") * Decimal("0.88") ** max(years - 1, Decimal(0))
    return _round_to(value, 100) - 5


def _round_to(value: Decimal, step: int) -> Decimal:
    return (value / step).quantize(Decimal(1)) * step


def _vin(rng: random.Random, make: str, year: int) -> str:
    # WMI, five descriptor characters, check digit, model year, plant, serial number.
    vds = "".join(rng.choices(VIN_CHARS, k=5))
    rest = VIN_YEARS[(year - 2010) % 30] + rng.choice("0125ABJ") + f"{rng.randint(0, 999999):06d}"
    partial = rng.choice(WMI[make]) + vds + "0" + rest
    return partial[:8] + vin_check_digit(partial) + partial[9:]


def _registration(rng: random.Random, spec: DemoDealer, first_reg: date) -> str:
    letters = "".join(rng.choices(PLATE_LETTERS, k=3))
    if spec.market == "UK":  # age identifier: "24" from March 2024, "74" from September
        year = first_reg.year - (1 if first_reg.month < 3 else 0)
        age = year % 100 + (50 if first_reg.month >= 9 or first_reg.month < 3 else 0)
        return f"{spec.plate[0]}{rng.choice(PLATE_LETTERS)}{age:02d} {letters}"
    if spec.market == "IT":  # national series, roughly "F?" in 2017 to "H?" in 2026
        series = "FGH"[min(2, max(0, (first_reg.year - 2017) // 4))]
        return f"{series}{letters[0]} {rng.randint(100, 999)} {letters[1:]}"
    if spec.plate == "NSW":  # AB12CD
        return f"{letters[:2]}{rng.randint(10, 99)}{letters[1:]}"
    if spec.plate == "VIC":  # 1AB2CD
        return f"{rng.randint(1, 9)}{letters[:2]}{rng.randint(1, 9)}{letters[1:]}"
    return f"{rng.randint(100, 999)}{letters}"  # QLD: 123ABC


def _set_use(rng: random.Random, vehicle: Vehicle, market: str) -> None:
    # A few taxis in Italy (autotassametro) and private-hire cars in the UK, so the
    # products' target-market and hire-and-reward rules have something to act on.
    if vehicle.model.startswith(("ES", "LM")) and rng.random() < 0.3:
        if market == "IT":
            vehicle.vehicle_type = VehicleType.TAXI
            vehicle.commercial_use = True
        elif market == "UK":
            vehicle.hire_and_reward = vehicle.commercial_use = True


def _set_finance(rng: random.Random, vehicle: Vehicle, spec: DemoDealer) -> None:
    mix = FINANCE_MIX[spec.market]
    kind = rng.choices(list(mix), weights=list(mix.values()))[0]
    vehicle.finance_type = kind
    if kind == FinanceType.CASH:
        return
    if spec.make == "smart":
        vehicle.finance_provider = "smart Finance"
    elif rng.random() < 0.15:
        vehicle.finance_provider = OTHER_LENDER[spec.market]
    else:
        vehicle.finance_provider = "Lexus Financial Services"
    term = rng.choice(FINANCE_TERMS[kind])
    # 10% deposit, a balloon for PCP and lease, simple interest at 6.9% APR.
    borrowed = vehicle.invoice_price * Decimal("0.9")
    repaid = borrowed - vehicle.invoice_price * BALLOON[kind]
    interest = borrowed * Decimal("0.069") * term / 12
    vehicle.finance_term_months = term
    vehicle.finance_monthly_payment = round_money((repaid + interest) / term)
