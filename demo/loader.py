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
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError
from django.db import models, transaction
from simple_history.utils import bulk_create_with_history

from dealers.markets import MARKETS
from dealers.models import (
    Customer,
    Deal,
    Dealer,
    DealerGroup,
    DealStatus,
    Role,
    User,
    Vehicle,
    VehicleCondition,
)

from .customers import company_names, demo_customer
from .data import (
    DAYS_OF_DEALS,
    DEALER_STAFF,
    DEALERS,
    DEMO_PASSWORD,
    FIRST_NAMES,
    GROUP_MANAGER_WORD,
    GROUPS,
    HEAD_OFFICE,
    HISTORY_REASON,
    LAST_NAMES,
    REGULATORS,
    SEASON,
    SEED,
    DemoDealer,
    DemoLogin,
)
from .vehicles import demo_vehicle


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
    companies = company_names(rng, spec.market)
    rows: list[tuple[Customer | None, Vehicle, Deal]] = []
    for n, deal_date in enumerate(_deal_dates(rng, today, spec.market)):
        seller = manager if rng.random() < 0.1 else rng.choice(sellers)  # managers sell a few
        new_customer = None
        if customers and rng.random() < 0.12:  # a returning customer buys again
            customer = rng.choice(customers)
        else:
            customer = new_customer = demo_customer(rng, today, spec, dealer, companies)
            customer.created_by = seller
            customers.append(customer)
        status = _status(rng, today, deal_date)
        vehicle = demo_vehicle(rng, today, spec, customer, deal_date, status)
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
