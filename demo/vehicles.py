"""The demo's vehicles: a model and trim of the dealer's make, new or used, its dates,
price, VIN (with its check digit), registration, use and finance."""

import random
from datetime import date, timedelta
from decimal import Decimal

from dealers.models import (
    Customer,
    CustomerKind,
    DealStatus,
    FinanceType,
    Vehicle,
    VehicleCondition,
    VehicleType,
)
from dealers.money import round_money
from dealers.validators import vin_check_digit

from .data import (
    BALLOON,
    FINANCE_MIX,
    FINANCE_TERMS,
    LUXURY_IN_ITALY,
    MODELS,
    OTHER_LENDER,
    PLATE_LETTERS,
    PRICE_FACTOR,
    TRIMS,
    VIN_CHARS,
    VIN_YEARS,
    WMI,
    DemoDealer,
)


def demo_vehicle(
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
    vehicle.finance_apr = Decimal("6.9")
    vehicle.finance_monthly_payment = round_money((repaid + interest) / term)
