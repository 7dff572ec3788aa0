"""How the demo book sells Polizza Furto e Danni (ILLUSTRATIVE)."""

from decimal import Decimal

from products.registry import DemoSales


def _answers(rng, deal, on):
    v = deal.vehicle
    first = v.first_registration_date or on
    used = (on - first).days > 365
    return {
        "package": rng.choice(["blu", "rosso", "giallo"]),
        "options": [],
        "duration_years": rng.choice([1, 1, 2, 3]),
        "province": deal.dealer.region or "RM",
        "vehicle_type": "autovettura",
        "first_registration": first,
        "sale_date": on,
        "invoice_price": v.invoice_price,
        "financed_by_lfs": False,
        **(
            {"market_value": (v.invoice_price * Decimal("0.9")).quantize(Decimal("1"))}
            if used
            else {}
        ),
    }


DEMO = DemoSales(take_up=0.45, answers=_answers, plans=("single", "monthly"),
                 claim=("furto", {"damage": "2600", "in_network": "True"}))  # fmt: skip
