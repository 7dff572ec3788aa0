"""Helpers to sell policies in tests, through the real services."""

import re
from datetime import date, timedelta
from decimal import Decimal

from policies.sales import SaleRequest, disclosure_acknowledge, disclosure_give, policy_sell
from policies.selectors import product_get
from tests.dealers.factories import DealFactory

TODAY = date.today()
SMART = {"term_months": 12, "sale_date": TODAY, "delivery_date": TODAY + timedelta(days=7)}
MOTOR = {"vehicle_value": Decimal("45000"), "area": "C", "driver_age": 42, "ncd_years": 5,
         "ncd_protected": False, "fault_claims_past_two_years": 0, "voluntary_excess": 250,
         "options": ["legal_expenses"]}  # fmt: skip
GAP = {"term_months": 36, "invoice_price": Decimal("32000"), "hire_and_reward": False}


def deal_for(dealer, **vehicle):
    return DealFactory(dealer=dealer, vehicle__dealer=dealer, vehicle__customer__dealer=dealer,
                       **{f"vehicle__{k}": v for k, v in vehicle.items()})  # fmt: skip


def disclosed(deal, code, given_on=TODAY, **waiver):
    """The information given on `given_on` (as the system records it on that day) and
    acknowledged at the sale."""
    product = product_get(code)
    disclosure_give(deal=deal, product=product, document="IPID 2026", how="in_person",
                    given_by=deal.salesperson, on=given_on)  # fmt: skip
    return disclosure_acknowledge(deal=deal, product=product, acknowledged_by=deal.salesperson,
                                  **waiver)  # fmt: skip


def sell(deal, code, answers, plan="single", key=None, on=TODAY, by=None):
    sale = SaleRequest(deal, code, answers, plan, key or f"{deal.pk}-{code}-{plan}")
    return policy_sell(sale=sale, sold_by=by or deal.salesperson, on=on)


HIDDEN = re.compile(r'<input type="hidden" name="(submission_key|shown-\w+)" value="([^"]*)"')


def page_values(html: str) -> dict[str, str]:
    """What a sale page carries hidden: the key the server issued it, the prices shown."""
    return dict(HIDDEN.findall(html))


def sell_on_page(client, url, form):
    """Sell as staff do: the page shown with these answers (its key and the prices on
    the screen), then Sell the policy."""
    shown = client.post(url, {**form, "update": ""})
    return client.post(url, {**form, **page_values(shown.content.decode()), "sell": ""})
