"""The point-of-sale services: the sale in one transaction, its numbering and timing,
cancellations and mid-term changes. Premiums from the reference data in catalog/
(illustrative rate cards); the refund rules from PRODUCTS.md (SMART Cover s.36, motor s.14.6)."""

from datetime import timedelta
from decimal import Decimal

import pytest

from policies.models import Decision, Instalment, Offer, Policy, PolicyStatus
from policies.refusals import SaleRefused
from servicing.cancellation import cancellation_preview, policy_cancel
from servicing.changes import change_preview, policy_change
from tests.dealers.factories import UserFactory

from .selling import GAP, MOTOR, SMART, TODAY, deal_for, disclosed, sell

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


@pytest.fixture
def uk_deal(uk_dealer):
    return deal_for(uk_dealer)


def test_a_smart_cover_sale_issues_a_numbered_policy_with_the_quoted_premium(uk_deal):
    disclosed(uk_deal, "smart-cover")
    policy = sell(uk_deal, "smart-cover", SMART)
    # demo rate card: 12 months £199.00, IPT at the higher rate 20% (sold by the dealer)
    assert policy.number == "LSC-000001"
    assert (policy.net_premium, policy.tax_total, policy.total_premium) == (
        Decimal("199.00"), Decimal("39.80"), Decimal("238.80"))  # fmt: skip
    assert policy.start_date == TODAY
    assert (policy.end_date - policy.start_date).days in (365, 366)  # a year of cover
    assert policy.rate_card.version and policy.sold_by == uk_deal.salesperson
    assert [i.amount for i in policy.instalments.all()] == [Decimal("238.80")]
    assert Offer.objects.get(deal=uk_deal).decision == Decision.ACCEPTED
    (sold,) = policy.history.all()  # the trail starts with the sale, and who made it
    assert sold.history_user == uk_deal.salesperson


def test_numbers_run_per_product(uk_dealer):
    numbers = []
    for _ in range(2):
        deal = deal_for(uk_dealer)
        disclosed(deal, "smart-cover")
        numbers.append(sell(deal, "smart-cover", SMART).number)
    deal = deal_for(uk_dealer)
    disclosed(deal, "motor-uk")
    numbers.append(sell(deal, "motor-uk", MOTOR).number)
    assert numbers == ["LSC-000001", "LSC-000002", "LMI-000001"]


def test_a_double_submit_creates_one_policy(uk_deal):
    disclosed(uk_deal, "smart-cover")
    first = sell(uk_deal, "smart-cover", SMART, key="form-123")
    second = sell(uk_deal, "smart-cover", SMART, key="form-123")
    assert first.pk == second.pk
    assert Policy.objects.count() == 1


def test_monthly_motor_instalments_add_back_to_the_total(uk_deal):
    disclosed(uk_deal, "motor-uk")
    policy = sell(uk_deal, "motor-uk", MOTOR, plan="monthly")
    instalments = list(policy.instalments.all())
    assert len(instalments) == 12
    assert sum(i.amount for i in instalments) == policy.total_premium
    assert instalments[1].due_date.month == (TODAY.month % 12) + 1


def test_no_sale_without_the_product_information_given(uk_deal):
    with pytest.raises(SaleRefused) as refused:
        sell(uk_deal, "smart-cover", SMART)
    assert [r.code for r in refused.value.refusals] == ["information_not_given"]
    assert not Policy.objects.exists()


def test_a_gap_sale_waits_two_clear_days_after_the_information(uk_deal):
    disclosed(uk_deal, "asset-protector", given_on=TODAY)
    with pytest.raises(SaleRefused) as refused:
        sell(uk_deal, "asset-protector", GAP)
    assert refused.value.refusals[0].code == "sale_deferred"
    later = TODAY + timedelta(days=3)
    assert sell(uk_deal, "asset-protector", GAP, on=later).start_date == later


def test_a_customer_who_starts_the_gap_sale_may_conclude_it_the_next_day(uk_deal):
    tomorrow = TODAY + timedelta(days=1)
    disclosed(uk_deal, "asset-protector", given_on=TODAY, customer_initiated_on=tomorrow,
              written_confirmation="I want the cover now. — signed")  # fmt: skip
    assert sell(uk_deal, "asset-protector", GAP, on=tomorrow).number == "LAP-000001"


def test_an_ineligible_sale_is_refused_with_the_reason_and_nothing_is_written(it_dealer):
    deal = deal_for(it_dealer)
    disclosed(deal, "furto-danni")
    six_years_old = TODAY.replace(year=TODAY.year - 6) - timedelta(days=30)
    answers = {"package": "blu", "duration_years": 1, "options": ["kasko_premium"],
               "vehicle_type": "autovettura", "first_registration": six_years_old,
               "sale_date": TODAY, "invoice_price": Decimal("40000"),
               "market_value": Decimal("20000"), "financed_by_lfs": False}  # fmt: skip
    with pytest.raises(SaleRefused) as refused:
        sell(deal, "furto-danni", answers, by=deal.salesperson)
    assert refused.value.refusals  # in Italian: the seller is at an Italian dealer
    assert "Kasko" in str(refused.value)
    assert not Policy.objects.exists()


def test_staff_of_another_dealer_cannot_sell_on_the_deal(uk_deal, uk_dealer):
    from tests.dealers.factories import DealerFactory

    stranger = UserFactory(dealer=DealerFactory(market="UK"))
    disclosed(uk_deal, "smart-cover")
    with pytest.raises(uk_deal.DoesNotExist):
        sell(uk_deal, "smart-cover", SMART, by=stranger)


def test_a_product_of_another_market_is_refused(uk_deal):
    disclosed(uk_deal, "au-comprehensive")
    with pytest.raises(SaleRefused) as refused:
        sell(uk_deal, "au-comprehensive", {"state": "NSW", "agreed_value": Decimal("60000"),
                                           "youngest_driver_age": 40})  # fmt: skip
    assert refused.value.refusals[0].code == "product_not_sold_here"


# --- cancellation (PRODUCTS.md) ------------------------------------------------------


def smart_policy(deal, start):
    disclosed(deal, "smart-cover", given_on=start)
    answers = {**SMART, "sale_date": start, "delivery_date": start + timedelta(days=7)}
    return sell(deal, "smart-cover", answers, on=start)


def test_smart_cover_cancelled_within_14_days_is_refunded_in_full(uk_deal):
    policy = smart_policy(uk_deal, TODAY - timedelta(days=10))
    result = cancellation_preview(policy=policy, on=TODAY, claim_made=False)
    assert (result.refund, result.admin_fee) == (Decimal("238.80"), Decimal("0.00"))


def test_smart_cover_cancelled_later_is_refunded_pro_rata_less_the_fee(uk_deal):
    start = TODAY - timedelta(days=100)
    policy = smart_policy(uk_deal, start)
    days = (policy.end_date - policy.start_date).days
    expected = (Decimal("238.80") * (days - 100) / days - Decimal("29.99")).quantize(
        Decimal("0.01"))  # fmt: skip
    cancelled = policy_cancel(policy=policy, on=TODAY, reason="Sold the car",
                              cancelled_by=uk_deal.salesperson)  # fmt: skip
    assert cancelled.status == PolicyStatus.CANCELLED
    assert (cancelled.refund, cancelled.cancellation_fee) == (expected, Decimal("29.99"))
    latest = cancelled.history.first()
    assert (latest.history_change_reason, latest.history_user) == (
        "Sold the car", uk_deal.salesperson)  # fmt: skip


def test_no_refund_after_a_claim(uk_deal):
    policy = smart_policy(uk_deal, TODAY - timedelta(days=100))
    assert cancellation_preview(policy=policy, on=TODAY, claim_made=True).refund == 0


def test_a_motor_policy_cancelled_takes_its_extras_with_it(uk_deal):
    disclosed(uk_deal, "motor-uk")
    policy = sell(uk_deal, "motor-uk", MOTOR, plan="monthly")
    cancelled = policy_cancel(policy=policy, on=TODAY, reason="Moving abroad",
                              cancelled_by=uk_deal.salesperson)  # fmt: skip
    # the extras end with it, kept as data beside the reason as given (issue 18)
    assert (cancelled.cancellation_reason, cancelled.cancelled_extras) == (
        "Moving abroad", ["legal_expenses"])  # fmt: skip
    # Cancelled on its first day: £474.84 a year paid monthly, so one instalment of £39.57
    # paid; the premium paid less the charge for no days on cover less the £35.00 fee.
    assert cancelled.total_premium == Decimal("474.84")
    assert cancelled.refund == Decimal("39.57") - Decimal("35.00")
    assert Instalment.objects.filter(policy=policy).count() == 1  # later ones not due


@pytest.mark.parametrize(("days_on_cover", "paid_instalments"), [(1, 1), (70, 3)])
def test_a_monthly_policy_refunds_only_what_was_paid_and_never_below_zero(
    uk_deal, days_on_cover, paid_instalments
):
    start = TODAY - timedelta(days=days_on_cover)
    disclosed(uk_deal, "motor-uk", given_on=start)
    policy = sell(uk_deal, "motor-uk", MOTOR, plan="monthly", on=start)
    # £474.84 a year in instalments of £39.57; the charge is for the days on cover
    paid = Decimal("39.57") * paid_instalments
    days = (policy.end_date - policy.start_date).days
    charge = Decimal("474.84") * days_on_cover / days
    expected = max(paid - charge - Decimal("35.00"), Decimal("0")).quantize(Decimal("0.01"))
    result = cancellation_preview(policy=policy, on=TODAY, claim_made=False)
    assert result.refund == expected
    assert (expected > 0) is (days_on_cover == 1)  # one case of each
    assert "not yet paid" in result.reason


def test_after_a_claim_the_instalments_stay_due(uk_deal):
    disclosed(uk_deal, "motor-uk")
    policy = sell(uk_deal, "motor-uk", MOTOR, plan="monthly")
    from tests.claims.helpers import notify

    notify(policy, "fire_theft", loss_date=TODAY, cost="30000")
    cancelled = policy_cancel(policy=policy, on=TODAY, reason="Written off",
                              cancelled_by=uk_deal.salesperson)  # fmt: skip
    assert cancelled.refund == 0
    assert Instalment.objects.filter(policy=policy).count() == 12


def test_a_cancelled_policy_cannot_be_cancelled_again(uk_deal):
    policy = smart_policy(uk_deal, TODAY)
    policy_cancel(policy=policy, on=TODAY, reason="x",
                  cancelled_by=uk_deal.salesperson)  # fmt: skip
    policy.refresh_from_db()
    with pytest.raises(SaleRefused):
        cancellation_preview(policy=policy, on=TODAY, claim_made=False)


# --- mid-term changes ----------------------------------------------------------------


def test_a_dearer_car_shows_a_positive_difference_for_the_days_left(uk_deal):
    disclosed(uk_deal, "motor-uk")
    policy = sell(uk_deal, "motor-uk", MOTOR)
    difference = change_preview(policy=policy, kind="car", answers={"vehicle_value": "80000"},
                                on=TODAY)  # fmt: skip
    assert difference > 0


def test_motor_allows_three_car_changes_a_period(uk_deal):
    disclosed(uk_deal, "motor-uk")
    policy = sell(uk_deal, "motor-uk", MOTOR)
    for value in ("46000", "47000", "48000"):
        policy_change(policy=policy, kind="car", answers={"vehicle_value": value}, on=TODAY,
                      made_by=uk_deal.salesperson)  # fmt: skip
    with pytest.raises(SaleRefused) as refused:
        change_preview(policy=policy, kind="car", answers={"vehicle_value": "49000"}, on=TODAY)
    assert refused.value.refusals[0].code == "too_many_car_changes"
    change_preview(policy=policy, kind="address", answers={}, on=TODAY)  # still allowed


def test_an_italian_cancellation_reads_in_italian_with_euros(it_dealer):
    deal = deal_for(it_dealer)
    disclosed(deal, "furto-danni")
    answers = {"package": "rosso", "duration_years": 1, "options": [],
               "vehicle_type": "autovettura", "first_registration": TODAY, "sale_date": TODAY,
               "invoice_price": Decimal("40000"), "financed_by_lfs": False}  # fmt: skip
    policy = sell(deal, "furto-danni", answers)
    result = cancellation_preview(policy=policy, on=TODAY, claim_made=False, lang="it")
    days = (policy.end_date - policy.start_date).days
    assert result.refund == policy.total_premium  # no fee configured, no day on cover
    assert (
        result.reason
        == f"Il premio per i {days} giorni rimanenti su {days}, meno il costo di 0,00\xa0€."
    )


def test_a_lexus_centre_cannot_sell_a_smart_product(uk_deal):
    disclosed(uk_deal, "smart-combined-gap", given_on=TODAY - timedelta(days=5))
    with pytest.raises(SaleRefused) as refused:
        sell(uk_deal, "smart-combined-gap", {**GAP, "first_registration": TODAY})
    assert refused.value.refusals[0].code == "product_not_sold_here"
