"""Helpers to sell policies in tests, through the real services."""

import re
from datetime import date, timedelta
from decimal import Decimal

from policies.disclosure import disclosure_acknowledge, disclosure_give
from policies.sales import SaleRequest, policy_sell
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


# The answers that a sale takes from the vehicle record, and the record's field for each.
VEHICLE_FACTS = {"delivery_date": "delivery_date", "first_registration": "first_registration_date",
                 "vehicle_type": "vehicle_type", "hire_and_reward": "hire_and_reward",
                 "finance_agreement": "finance_type",
                 "finance_term_months": "finance_term_months"}  # fmt: skip


def on_record(deal, answers):
    """Make the vehicle record say what `answers` say of it: a sale takes these facts
    from the record, never from the answers, so a test states them where the sale reads
    them."""
    vehicle = deal.vehicle
    changed = []
    for key, field in VEHICLE_FACTS.items():
        if key in answers and getattr(vehicle, field) != answers[key]:
            setattr(vehicle, field, answers[key])
            changed.append(field)
    registered, delivered = vehicle.first_registration_date, vehicle.delivery_date
    if registered and delivered and delivered < registered and "delivery_date" not in answers:
        vehicle.delivery_date = registered  # a car is delivered once it is registered
        changed.append("delivery_date")
    elif registered and delivered and delivered < registered:
        vehicle.first_registration_date = delivered  # registered by the day it was delivered
        changed.append("first_registration_date")
    if changed:
        vehicle.save(update_fields=changed)


def sell(deal, code, answers, plan="single", key=None, on=None, by=None):
    """Sell on `on` (the answers' sale date if they give one, else today), with the
    vehicle record saying what the answers say of it."""
    on = on or answers.get("sale_date") or TODAY
    on_record(deal, answers)
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


def drivers_posted(key: str = "motor-uk", youngest: int = 42, named: int = 1) -> dict:
    """The drivers' details a motor sale asks (catalog/motor_uk/proposal.py), as posted:
    the youngest `youngest` years old, as the menu priced it."""
    out = {}
    for i in range(1, named + 1):
        age = youngest + 10 * (i - 1)
        out |= {f"proposal-{key}-d{i}_name": f"Driver {i}",
                f"proposal-{key}-d{i}_born": date(TODAY.year - age, 1, 1).isoformat(),
                f"proposal-{key}-d{i}_licence": "full_uk",
                f"proposal-{key}-d{i}_licence_years": "20",
                f"proposal-{key}-d{i}_occupation": "Engineer",
                f"proposal-{key}-d{i}_convictions": "None"}  # fmt: skip
    return out
