"""How the demo book sells Lexus Comprehensive Motor (ILLUSTRATIVE)."""

from catalog.base import demo_age
from products.registry import DemoSales


def _answers(rng, deal, on):
    return {
        "state": deal.dealer.region or "NSW",
        "agreed_value": deal.vehicle.invoice_price,
        "youngest_driver_age": demo_age(deal, on),
        "business_use": False,
        "lifetime_rating_1": rng.random() < 0.2,
        "voluntary_excess": rng.choice([0, 500]),
        "excess_free_glass": rng.random() < 0.3,
        "licence_type": "full",
        "licence_years": rng.randint(3, 30),
    }


DEMO = DemoSales(
    take_up=0.5, answers=_answers, plans=("annual", "monthly"),
    claim=("accident", {"at_fault": "True", "driver_age": "40", "licence_type": "full",
                        "licence_years": "15", "driver_named": "True",
                        "repair_cost": "3800"}),
)  # fmt: skip
