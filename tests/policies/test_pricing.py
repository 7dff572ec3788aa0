"""Taxes, fees and instalments: figures worked by hand from the published tax rates."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from policies.rules.pricing import Component, FeeSpec, TaxSpec, itemise, split_total


def test_uk_ipt_at_the_standard_rate_is_twelve_percent_of_the_net_premium():
    b = itemise([Component("cover", "GAP", D("349.00"))], [TaxSpec("ipt", "IPT", D("0.12"))])
    assert (b.net, b.taxes[0].amount, b.total) == (D("349.00"), D("41.88"), D("390.88"))


def test_italy_taxes_cvt_covers_at_13_5_and_roadside_assistance_at_10_percent():
    b = itemise(
        [Component("blu", "Blu", D("840.00")), Component("ass", "Soccorso", D("40"), "assistance")],
        [
            TaxSpec("imposta", "Imposte", D("0.135"), "standard"),
            TaxSpec("imposta_assistenza", "Imposte assistenza", D("0.10"), "assistance"),
        ],
    )
    assert [t.amount for t in b.taxes] == [D("113.40"), D("4.00")]
    assert [t.base for t in b.taxes] == [D("840.00"), D("40.00")]
    assert b.total == D("997.40")


def test_australian_stamp_duty_is_charged_on_the_premium_including_gst():
    b = itemise(
        [Component("comp", "Comprehensive", D("999.00"))],
        [
            TaxSpec("gst", "GST", D("0.10")),
            TaxSpec("stamp_duty", "Stamp duty NSW", D("0.05"), on_taxes=True),
        ],
    )
    # GST 99.90; stamp duty 5% of 1,098.90 = 54.945 -> 54.95 half-up.
    assert [t.amount for t in b.taxes] == [D("99.90"), D("54.95")]
    assert b.total == D("1153.85")


def test_fees_are_added_after_tax_and_not_taxed():
    b = itemise(
        [Component("c", "c", D("100"))],
        [TaxSpec("ipt", "IPT", D("0.20"))],
        [FeeSpec("admin", "Admin", D("29.99"))],
    )
    assert b.total == D("149.99")


def test_each_component_is_rounded_half_up_before_tax():
    b = itemise([Component("c", "c", D("10.005"))], [TaxSpec("ipt", "IPT", D("0.12"))])
    assert b.net == D("10.01") and b.taxes[0].amount == D("1.20")


def test_twelve_instalments_of_997_40_put_the_spare_cents_first():
    parts = split_total(D("997.40"), 12)
    assert parts == (D("83.12"),) * 8 + (D("83.11"),) * 4


@given(
    st.decimals(min_value=0, max_value=1_000_000, places=2, allow_nan=False),
    st.integers(min_value=1, max_value=120),
)
def test_instalments_always_add_back_to_the_total(total, parts):
    split = split_total(total, parts)
    assert sum(split) == total
    assert max(split) - min(split) <= D("0.01")


@given(
    st.lists(st.decimals(min_value=0, max_value=100_000, places=4, allow_nan=False), min_size=1),
    st.decimals(min_value=0, max_value=D("0.3"), places=3, allow_nan=False),
)
def test_net_plus_taxes_plus_fees_is_the_total(amounts, rate):
    b = itemise(
        [Component(str(i), "x", a) for i, a in enumerate(amounts)], [TaxSpec("t", "t", rate)]
    )
    assert b.net + b.tax_total == b.total
    assert b.total >= 0
