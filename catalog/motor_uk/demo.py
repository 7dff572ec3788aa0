"""How the demo book sells Lexus Motor Insurance (ILLUSTRATIVE)."""

from datetime import date

from catalog.base import demo_age
from products.registry import DemoSales


def _answers(rng, deal, on):
    return {
        "vehicle_value": deal.vehicle.invoice_price,
        "area": rng.choice("ABCDEF"),
        "driver_age": demo_age(deal, on),
        "ncd_years": rng.randint(0, 9),
        "ncd_protected": False,
        "fault_claims_past_two_years": 0,
        "voluntary_excess": rng.choice([0, 100, 250, 500]),
        "options": rng.sample(
            ["legal_expenses", "road_rescue", "enhanced_courtesy_car"], rng.randint(0, 2)
        ),
    }


OCCUPATIONS = ("Accountant", "Architect", "Engineer", "Nurse", "Teacher", "Solicitor")


def _proposal(rng, deal, on):
    """The policyholder as the only named driver, of the age the answers priced."""
    age, customer = demo_age(deal, on), deal.customer
    born = customer.date_of_birth or date(on.year - age, 1, 1)
    return {"drivers": [{
        "name": customer.display_name, "born": born.isoformat(), "licence": "full_uk",
        "licence_years": max(0, age - 17 - rng.randint(0, 5)),
        "occupation": rng.choice(OCCUPATIONS), "convictions": "None",
    }]}  # fmt: skip


DEMO = DemoSales(
    take_up=0.25, answers=_answers, plans=("single", "monthly"), proposal=_proposal,
    claim=("glass", {"cost": "420", "glass_replaced": "True", "approved_repairer": "True"}),
)  # fmt: skip
