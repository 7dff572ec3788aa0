"""Policies of every product, sold through the real services, for the document tests."""

from datetime import timedelta
from decimal import Decimal

import pytest

from servicing.cancellation import policy_cancel
from tests.dealers.factories import DealerFactory
from tests.policies.selling import GAP, MOTOR, SMART, TODAY, deal_for, disclosed, sell

EARLIER = TODAY - timedelta(days=10)
GAP_INFORMATION = TODAY - timedelta(days=5)  # two clear days before a GAP sale
ANSWERS = {
    "asset-protector": {**GAP, "finance_agreement": "pcp", "finance_term_months": 48},
    "smart-cover": SMART,
    "motor-uk": {**MOTOR, "named_drivers": 2, "options": ["legal_expenses", "road_rescue"]},
    "furto-danni": {"package": "blu", "duration_years": 2, "vehicle_type": "autovettura",
                    "options": ["kasko_premium", "protezione_franchigia"],
                    "first_registration": EARLIER, "sale_date": TODAY,
                    "invoice_price": Decimal("42000"), "market_value": None,
                    "financed_by_lfs": False, "province": "RM"},
    "au-comprehensive": {"state": "NSW", "agreed_value": Decimal("60000"),
                         "youngest_driver_age": 23, "licence_type": "full", "licence_years": 5,
                         "business_use": False, "lifetime_rating_1": False,
                         "voluntary_excess": 500, "excess_free_glass": True},
    "smart-combined-gap": {**GAP, "first_registration": EARLIER, "finance_agreement": "finance",
                           "finance_term_months": 48},
    "smart-lease-gap": {**GAP, "first_registration": EARLIER, "finance_agreement": "lease",
                        "finance_term_months": 36},
}  # fmt: skip
PLANS = {"motor-uk": "monthly", "furto-danni": "monthly", "au-comprehensive": "annual"}
DEALERS = {  # as the demo has them (demo/data.py)
    "UK": {"market": "UK", "name": "Lexus Manchester", "regulator_name": "FCA",
           "regulator_number": "612345", "company_number": "04512873",
           "address_line1": "Trafford Way, Trafford Park", "city": "Manchester",
           "postcode": "M17 8AS", "phone": "+44 161 496 0102"},
    "smart": {"market": "UK", "brand": "smart", "name": "smart Centre London West",
              "regulator_name": "FCA", "regulator_number": "945118",
              "company_number": "13877260", "address_line1": "Great West Road",
              "city": "Brentford", "postcode": "TW8 9DW", "phone": "+44 20 7946 0577"},
    "IT": {"market": "IT", "name": "Lexus Roma", "regulator_name": "IVASS",
           "regulator_number": "E000412385", "company_number": "08123450580",
           "address_line1": "Via Cristoforo Colombo 950", "city": "Roma", "region": "RM",
           "postcode": "00144", "phone": "+39 06 5195 1200"},
    "AU": {"market": "AU", "name": "Lexus of Sydney", "regulator_name": "ASIC",
           "regulator_number": "1278654", "company_number": "51 824 753 556",
           "address_line1": "20 O'Riordan Street", "city": "Alexandria", "region": "NSW",
           "postcode": "2015", "phone": "+61 2 5550 1234"},
}  # fmt: skip
CUSTOMERS = {
    "UK": {"address_line1": "14 Palatine Road", "city": "Manchester", "postcode": "M20 3LJ"},
    "smart": {"address_line1": "7 Chiswick High Road", "city": "London", "postcode": "W4 2ND"},
    "IT": {"address_line1": "Via Appia Nuova 120", "city": "Roma", "postcode": "00183"},
    "AU": {"address_line1": "8 Bourke Road", "city": "Alexandria", "postcode": "2015"},
}
SMART_CAR = {"make": "smart", "model": "#1", "derivative": "Pulse"}
MARKETS = {"furto-danni": "IT", "au-comprehensive": "AU"}


@pytest.fixture
def products(db):
    from policies.demo import load_policy_demo

    load_policy_demo()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """A media folder per test: policy numbers start again in every test, and stored file
    names with them (the session-wide folder of tests/conftest.py would hold the last
    test's files under the same names)."""
    settings.MEDIA_ROOT = tmp_path / "media"


def sold(code: str, **vehicle):
    """A policy of `code` sold today at a dealer of its market and brand."""
    where = MARKETS.get(code, "UK")
    if code in ("smart-combined-gap", "smart-lease-gap"):
        where, vehicle = "smart", {**SMART_CAR, **vehicle}
    dealer = DealerFactory(**DEALERS[where])
    customer = {f"customer__{k}": v for k, v in CUSTOMERS[where].items()}
    deal = deal_for(dealer, **customer, **vehicle)
    gap = code in ("asset-protector", "smart-combined-gap", "smart-lease-gap")
    disclosed(deal, code, given_on=GAP_INFORMATION if gap else TODAY)
    return sell(deal, code, ANSWERS[code], plan=PLANS.get(code, "single"))


def cancelled(policy, reason="Sold the car"):
    return policy_cancel(policy=policy, on=TODAY, reason=reason,
                         cancelled_by=policy.sold_by)  # fmt: skip
