"""financed_payment, worked by hand."""

from decimal import Decimal

import pytest

from policies.rules.finance import financed_payment


def test_at_no_interest_the_amount_is_split_evenly():
    assert financed_payment(Decimal("1000"), Decimal("0"), 48) == Decimal("20.83")


def test_a_year_at_the_apr_repays_the_amount_and_interest_near_the_apr():
    # 12.68% APR is 1% a month exactly (1.01^12 = 1.126825): 1,200 over 12 months pays
    # 1200 x 0.01 / (1 - 1.01^-12) = 12 / 0.112549 = 106.62 (a loan table's figure).
    assert financed_payment(Decimal("1200"), Decimal("12.682503013197"), 12) == Decimal("106.62")


def test_the_demos_rate_over_four_years():
    # 6.9% APR: monthly e^(ln 1.069 / 12) - 1 = e^0.0055603 - 1 = 0.0055758;
    # 1.069^2 = 1.142761, 1.069^4 = 1.305903, so 1 - 1.069^-4 = 0.234246;
    # 2,000 x 0.0055758 / 0.234246 = 47.61.
    assert financed_payment(Decimal("2000"), Decimal("6.9"), 48) == Decimal("47.61")


@pytest.mark.parametrize("amount, apr, months", [(Decimal("1"), Decimal("5"), 0),
                                                 (Decimal("-1"), Decimal("5"), 12),
                                                 (Decimal("1"), Decimal("-5"), 12)])  # fmt: skip
def test_nonsense_is_refused(amount, apr, months):
    with pytest.raises(ValueError):
        financed_payment(amount, apr, months)
