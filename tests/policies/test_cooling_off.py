"""Each product's cooling-off period is head office's data (`cooling_off_days`), and a
cancellation within it refunds what the product's seed says: SMART Cover (seed 000) the
whole premium unless a claim; motor (seed 002 s.14.6) as any cancellation, pro rata less
the fee; the readings for the seeds that say nothing (GAP, Australia: the whole premium;
Italy: the days left). Figures worked by hand from PRODUCTS.md and the rate cards."""

import importlib
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest

from catalog.motor_uk.address import AREA_OF, POSTCODE_RATING_AREAS, rating_area
from policies.models import ProductSetting
from policies.selectors import config_cache_clear
from products.registry import product_definition
from servicing.cancellation import cancellation_preview, cooling_off_ends
from tests.claims.helpers import sold
from tests.dealers.factories import DealerFactory
from tests.policies.selling import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]

CENT = Decimal("0.01")


def smart_dealer():
    return DealerFactory(market="UK", brand="smart")


def pro_rata(premium: Decimal, policy, fee: Decimal = Decimal("0")) -> Decimal:
    left, days = (policy.end_date - TODAY).days, (policy.end_date - policy.start_date).days
    return (premium * left / days - fee).quantize(CENT, ROUND_HALF_UP)


def test_motor_in_its_14_days_refunds_pro_rata_less_the_fee(uk_dealer):
    policy = sold(uk_dealer, "motor-uk", start=TODAY - timedelta(days=5))
    # £780 (value up to £50,000) x 1.00 (area C) x 1.00 (age 42) x 0.55 (NCD 5) x 0.93
    # (excess £250) = £398.97, + legal expenses £24.99 = £423.96, + IPT 12% £50.88.
    assert policy.total_premium == Decimal("474.84")
    assert cooling_off_ends(policy) == policy.start_date + timedelta(days=14)
    preview = cancellation_preview(policy=policy, on=TODAY)
    assert preview.refund == pro_rata(Decimal("474.84"), policy, Decimal("35.00"))
    assert preview.admin_fee == Decimal("35.00")


@pytest.mark.parametrize(
    ("code", "plan", "days"),
    [("smart-cover", "single", 14), ("smart-combined-gap", "single", 14),
     ("smart-lease-gap", "single", 14), ("asset-protector", "single", 14),
     ("au-comprehensive", "annual", 21)],
)  # fmt: skip
def test_in_the_cooling_off_period_the_whole_premium_comes_back_unless_a_claim(
    uk_dealer, au_dealer, code, plan, days
):
    dealer = {"au-comprehensive": au_dealer, "smart-combined-gap": smart_dealer(),
              "smart-lease-gap": smart_dealer()}.get(code, uk_dealer)  # fmt: skip
    policy = sold(dealer, code, start=TODAY - timedelta(days=days), plan=plan)
    # Counted from the start of cover (Asset Protector's: the delivery, after the sale).
    assert cooling_off_ends(policy) == policy.start_date + timedelta(days=days) >= TODAY
    preview = cancellation_preview(policy=policy, on=TODAY)
    assert (preview.refund, preview.admin_fee) == (policy.total_premium, Decimal("0.00"))
    claimed = cancellation_preview(policy=policy, on=TODAY, claim_made=True)
    assert claimed.refund == Decimal("0.00")


def test_the_day_after_the_period_the_usual_rule_applies(au_dealer):
    policy = sold(au_dealer, "au-comprehensive", start=TODAY - timedelta(days=22), plan="annual")
    preview = cancellation_preview(policy=policy, on=TODAY)
    assert preview.refund == pro_rata(policy.total_premium, policy)  # no fee in Australia


def test_italy_refunds_the_days_left_in_its_cooling_off_period(it_dealer):
    policy = sold(it_dealer, "furto-danni", start=TODAY - timedelta(days=3))
    preview = cancellation_preview(policy=policy, on=TODAY, lang="it")
    assert preview.refund == pro_rata(policy.total_premium, policy)
    assert "giorni rimanenti" in preview.reason


def test_head_office_changes_the_period():
    policy = sold(smart_dealer(), "smart-combined-gap", start=TODAY - timedelta(days=20))
    assert cancellation_preview(policy=policy, on=TODAY).refund < policy.total_premium
    ProductSetting.objects.filter(product=policy.product, key="cooling_off_days").update(value=30)
    config_cache_clear()
    assert cooling_off_ends(policy) == policy.start_date + timedelta(days=30)
    assert cancellation_preview(policy=policy, on=TODAY).refund == policy.total_premium


def test_every_product_has_its_period_as_a_described_setting():
    settings = ProductSetting.objects.filter(key="cooling_off_days")
    assert {s.product.code: s.value for s in settings} == {
        "smart-cover": 14, "motor-uk": 14, "asset-protector": 14, "smart-combined-gap": 14,
        "smart-lease-gap": 14, "furto-danni": 14, "au-comprehensive": 21,
    }  # fmt: skip
    readings = [s for s in settings if s.product.code not in ("smart-cover", "motor-uk")]
    assert all(s.description.count("Reading:") == 1 for s in readings)


migration = importlib.import_module(
    "policies.migrations.0024_cooling_off_and_postcode_rating_areas"
)


def test_the_migration_gives_a_database_loaded_before_what_the_catalog_gives():
    for code, (days, why) in migration.COOLING_OFF.items():
        given = product_definition(code).reference.readings["cooling_off_days"]
        assert given == (days, migration.WHY + why)
    assert migration.AREA_OF == AREA_OF


@pytest.mark.parametrize(
    ("postcode", "area"),
    [("M1 1AE", "E"), ("M14 5AA", "E"), ("ME1 1AA", "C"), ("SW1A 1AA", "F"), ("sw1a1aa", "F"),
     ("EC1A 1BB", "F"), ("B1 1AA", "E"), ("BA1 1AA", "C"), ("S1 2HE", "D"), ("IV1 1AA", "A"),
     ("BT1 1AA", "C"), ("JE2 3AB", None), ("GY1 1AA", None), ("IM1 1AA", None)],
)  # fmt: skip
def test_a_postcode_falls_in_its_areas_rating_area(postcode, area):
    assert rating_area(postcode, POSTCODE_RATING_AREAS) == area


def test_head_office_may_rate_a_district_or_a_sub_district_apart():
    areas = {"M": "E", "M14": "C", "SW": "F", "SW1": "E", "SW1A": "D"}
    assert [rating_area(p, areas) for p in ("M14 5AA", "M1 1AE", "SW1A 1AA", "SW1P 3BU",
                                             "SW19 1AA")] == ["C", "E", "D", "E", "F"]  # fmt: skip
    assert rating_area("not a postcode", areas) is None
