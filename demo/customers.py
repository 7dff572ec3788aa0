"""The demo's customers: people with names, dates of birth and (in Italy) a codice
fiscale worked out from them, and companies with a partita IVA or an ABN, each with an
address and a phone number that pass their market's validation rules."""

import random
import re
import unicodedata
from datetime import date, timedelta

from stdnum import luhn
from stdnum.au import abn
from stdnum.it import codicefiscale

from dealers.models import Customer, CustomerKind, Dealer

from .data import (
    BIRTH_TOWNS,
    COMPANIES,
    FIRST_NAMES,
    IT_PROVINCE_OFFICE,
    LAST_NAMES,
    STREETS,
    TITLES,
    DemoDealer,
)


def demo_customer(
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


def company_names(rng: random.Random, market: str) -> list[str]:
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
