"""How the demo book sells Lexus SMART Cover (ILLUSTRATIVE): bought when the car is
ordered, before delivery."""

from datetime import timedelta

from products.registry import DemoSales


def _answers(rng, deal, on):
    return {
        "term_months": rng.choice([12, 24, 36]),
        "sale_date": on,
        "delivery_date": deal.vehicle.delivery_date or deal.deal_date,
    }


def _ordered(deal):
    return deal.order_date or deal.deal_date - timedelta(days=10)


DEMO = DemoSales(take_up=0.3, answers=_answers, sold_on=_ordered,
                 claim=("scratch", {"diameter_mm": "120", "depth_mm": "1"}))  # fmt: skip
