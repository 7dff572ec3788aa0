"""What a claim does to its policy: no refund on cancellation after a claim in the
period (PRODUCTS.md §2, §3), the No Claim Discount at renewal (§3, section 12), and the
claim shown on the policy page."""

from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.urls import reverse

from claims.services import claim_move
from policies.models import Policy
from policies.renewal_offer import renewal_offer
from servicing.cancellation import cancellation_preview, policy_cancel
from tests.dealers.factories import UserFactory
from tests.policies.selling import TODAY

from .helpers import notify, sold

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


@pytest.fixture
def handler(db):
    return UserFactory(role="head_office", dealer=None)


# --- cancellation ------------------------------------------------------------------------


def smart_scratch(policy):
    return notify(policy, "scratch", diameter_mm="100", depth_mm="1",
                  aware_date=TODAY - timedelta(days=2))  # fmt: skip


def test_a_claim_in_the_period_blocks_the_smart_cover_refund(uk_dealer):
    policy = sold(uk_dealer, "smart-cover")
    assert cancellation_preview(policy=policy, on=TODAY).refund > 0
    smart_scratch(policy)
    result = cancellation_preview(policy=policy, on=TODAY)
    assert (result.refund, result.reason) == (D("0.00"), "A claim was made in the period, so "
                                                         "there is no refund.")  # fmt: skip


def test_a_declined_or_withdrawn_claim_does_not_block_the_refund(uk_dealer, handler):
    policy = sold(uk_dealer, "smart-cover")
    claim = claim_move(claim=smart_scratch(policy), action="assess", by=handler)
    claim_move(claim=claim, action="decline", by=handler, reason="Wear and tear")
    withdrawn = smart_scratch(policy)
    claim_move(claim=withdrawn, action="withdraw", by=withdrawn.notified_by, reason="Mistake")
    assert cancellation_preview(policy=policy, on=TODAY).refund > 0


def test_cancelling_a_motor_policy_after_a_claim_refunds_nothing_and_keeps_instalments(uk_dealer):
    policy = sold(uk_dealer, "motor-uk", plan="monthly")
    notify(policy, "accidental_damage", cost="800", at_fault="True")
    cancelled = policy_cancel(policy=policy, on=TODAY, reason="Sold the car",
                              cancelled_by=policy.sold_by)  # fmt: skip
    assert cancelled.refund == D("0.00")
    assert cancelled.instalments.filter(due_date__gt=TODAY).exists()  # the premium stays due


def test_the_cancel_page_lists_the_claims_and_asks_no_question(client, uk_dealer):
    policy = sold(uk_dealer, "smart-cover")
    claim = smart_scratch(policy)
    client.force_login(policy.sold_by)
    page = client.get(reverse("policies:policy-cancel", args=[policy.pk])).content.decode()
    assert claim.number in page and "Has the customer made a claim" not in page


# --- No Claim Discount at renewal --------------------------------------------------------


@pytest.fixture
def motor(uk_dealer):
    """NCD 5 years, unprotected; the period ends in 30 days."""
    return sold(uk_dealer, "motor-uk", start=TODAY - timedelta(days=335))


def ncd_at_renewal(policy):
    return renewal_offer(Policy.objects.get(pk=policy.pk)).answers["ncd_years"]


@pytest.mark.parametrize(
    ("claims", "years"),
    [
        ([], 6),  # no claim: + 1 year
        ([("accidental_damage", {"at_fault": "True", "cost": "900"})], 4),  # 5 held, 1 claim
        ([("accidental_damage", {"at_fault": "True"}), ("fire_theft", {})], 3),  # 2 claims
        ([("glass", {"cost": "300"})], 6),  # section 5 never reduces it
        ([("accidental_damage", {"outlay_recovered": "True"})], 6),
        ([("accidental_damage", {"uninsured_driver": "True"})], 6),
        ([("accidental_damage", {"vandalism_crime_reference": "CR123"})], 6),
        ([("liability", {"emergency_treatment_only": "True"})], 6),
    ],
)
def test_the_ncd_at_renewal_follows_the_periods_claims(motor, claims, years):
    for section, facts in claims:
        notify(motor, section, **facts)
    assert ncd_at_renewal(motor) == years


def test_a_declined_claim_does_not_reduce_the_ncd(motor, handler):
    claim = notify(motor, "accidental_damage", at_fault="True", cost="900")
    claim = claim_move(claim=claim, action="assess", by=handler)
    claim_move(claim=claim, action="decline", by=handler, reason="Not covered")
    assert ncd_at_renewal(motor) == 6


def test_a_claim_in_the_period_before_takes_table_b_for_protected_ncd(uk_dealer):
    """Protected NCD, 5 years, two claims now: table A leaves it unaffected (5); after a
    claim in the period before, table B takes it to 4 (section 12)."""
    answers = {"ncd_protected": True}
    previous = sold(uk_dealer, "motor-uk", answers, start=TODAY - timedelta(days=700))
    current = sold(uk_dealer, "motor-uk", answers, start=TODAY - timedelta(days=335))
    for section in ("accidental_damage", "fire_theft"):
        notify(current, section, at_fault="True")
    assert ncd_at_renewal(current) == 5  # table A
    Policy.objects.filter(pk=current.pk).update(renewed_from=previous)
    notify(previous, "accidental_damage", at_fault="True",
           loss_date=previous.start_date + timedelta(days=30))  # fmt: skip
    assert ncd_at_renewal(current) == 4  # table B


def test_fault_claims_are_counted_for_the_renewal_quote(motor):
    notify(motor, "accidental_damage", at_fault="True")
    assert renewal_offer(motor).answers["fault_claims_past_two_years"] == 1


def test_a_renewal_after_a_claim_is_priced_on_the_lower_ncd(motor):
    clean = renewal_offer(motor).breakdown["net_premium"]
    notify(motor, "accidental_damage", at_fault="True", cost="900")
    assert D(renewal_offer(motor).breakdown["net_premium"]) > D(clean)  # NCD 4, not 6


# --- the policy page ---------------------------------------------------------------------


def test_the_policy_page_shows_its_claims_and_offers_to_notify_one(client, uk_dealer):
    policy = sold(uk_dealer, "smart-cover")
    claim = smart_scratch(policy)
    client.force_login(policy.sold_by)
    page = client.get(reverse("policies:policy-detail", args=[policy.pk])).content.decode()
    assert claim.number in page and "Notify a claim" in page
    assert reverse("claims:claim-notify", args=[policy.pk]) in page


def test_the_daily_job_renews_a_motor_policy_with_the_ncd_of_its_claims(motor, uk_dealer):
    from policies.renewals import renewals_run

    clean = sold(uk_dealer, "motor-uk", start=motor.start_date)
    Policy.objects.filter(pk__in=[motor.pk, clean.pk]).update(auto_renew=True)
    notify(motor, "accidental_damage", at_fault="True", cost="900")
    for days in (21, 3, 0):
        assert renewals_run(on=motor.end_date - timedelta(days=days)).errors == []
    renewed = {p.renewed_from_id: p for p in Policy.objects.filter(renewed_from__isnull=False)}
    assert renewed[motor.pk].answers["ncd_years"] == 4  # 5 held, one fault claim
    assert renewed[clean.pk].answers["ncd_years"] == 6
    assert renewed[motor.pk].total_premium > renewed[clean.pk].total_premium
