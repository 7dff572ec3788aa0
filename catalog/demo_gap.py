"""How the demo book sells the GAP products, Asset Protector and the smart GAPs
(ILLUSTRATIVE)."""

from products.registry import DemoSales


def gap_answers(rng, deal, on):
    v = deal.vehicle
    # 48 months only where months 37-48 are covered: finance longer than 36 months.
    long_finance = v.finance_type != "cash" and (v.finance_term_months or 0) > 36
    return {
        "term_months": rng.choice([36, 48]) if long_finance else 36,
        "invoice_price": v.invoice_price,
        "hire_and_reward": v.hire_and_reward,
        "first_registration": v.first_registration_date or on,
    }


def gap_demo(take_up: float):
    """The demo sales of a GAP product with its take-up (no demo claim)."""
    return DemoSales(take_up=take_up, answers=gap_answers)
