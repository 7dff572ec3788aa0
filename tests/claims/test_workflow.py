"""The claim workflow: every legal and illegal move, who may make it, and what each move
records (issue 7: notified → under assessment → approved / declined → settled / closed;
reopen)."""

from datetime import timedelta
from decimal import Decimal as D
from itertools import product

import pytest

from claims.forms import form_for
from claims.models import ClaimStatus, ClaimStatusChange, Decision
from claims.services import ClaimLocked, claim_facts_update, claim_move
from claims.workflow import ACTIONS, IllegalMove, check_move
from tests.dealers.factories import UserFactory
from tests.policies.selling import TODAY

from .helpers import claim_data, notify, sold

S = ClaimStatus
# (from, action) -> to, as the issue describes the workflow; everything else is refused.
LEGAL = {
    (S.NOTIFIED, "assess"): S.UNDER_ASSESSMENT,
    (S.NOTIFIED, "withdraw"): S.CLOSED,
    (S.UNDER_ASSESSMENT, "withdraw"): S.CLOSED,
    (S.UNDER_ASSESSMENT, "approve"): S.APPROVED,
    (S.UNDER_ASSESSMENT, "decline"): S.DECLINED,
    (S.APPROVED, "settle"): S.SETTLED,
    (S.SETTLED, "close"): S.CLOSED,
    (S.DECLINED, "close"): S.CLOSED,
    (S.DECLINED, "reopen"): S.UNDER_ASSESSMENT,
    (S.CLOSED, "reopen"): S.UNDER_ASSESSMENT,
}
EVERY_MOVE = list(product(S.values, ACTIONS))


@pytest.mark.parametrize(("status", "action"), EVERY_MOVE)
def test_every_move_is_legal_exactly_as_the_workflow_says(status, action):
    if (status, action) in LEGAL:
        assert check_move(status, action, head_office=True).target == LEGAL[(status, action)]
    else:
        with pytest.raises(IllegalMove, match="You cannot"):
            check_move(status, action, head_office=True)


def test_an_illegal_move_says_what_can_be_done_instead():
    with pytest.raises(IllegalMove) as refused:
        check_move(S.NOTIFIED, "approve", head_office=True)
    assert str(refused.value) == ("You cannot approve a claim that is notified. From here: "
                                  "start the assessment, withdraw the claim.")  # fmt: skip


@pytest.mark.parametrize(("status", "action"), sorted(LEGAL))
def test_only_head_office_decides_dealer_staff_may_withdraw(status, action):
    if action == "withdraw":
        assert check_move(status, action, head_office=False)
    else:
        with pytest.raises(IllegalMove, match="Only head office"):
            check_move(status, action, head_office=False)


# --- through the service -----------------------------------------------------------------


@pytest.fixture
def handler(db):
    return UserFactory(role="head_office", dealer=None)


@pytest.fixture
def gap_claim(uk_dealer, products):
    policy = sold(uk_dealer, "asset-protector", {"invoice_price": D("22000")})
    return notify(policy, "written_off", delivery_date=TODAY - timedelta(days=300),
                  insurer_settlement="13000")  # fmt: skip


@pytest.mark.django_db
def test_a_claim_goes_from_notified_to_closed_with_each_move_recorded(gap_claim, handler):
    claim = claim_move(claim=gap_claim, action="assess", by=handler)
    claim = claim_move(claim=claim, action="approve", by=handler, amount=D("9000.00"))
    assert (claim.status, claim.approved_amount, claim.decision) == ("approved", D("9000.00"),
                                                                    "approved")  # fmt: skip
    assert claim.assessment["payable"] == "9000.00"  # the figures shown, kept
    claim = claim_move(claim=claim, action="settle", by=handler, amount=D("9000.00"),
                       payee="J. Smith")  # fmt: skip
    assert (claim.settled_amount, claim.payee, claim.settled_on) == (D("9000.00"), "J. Smith",
                                                                    TODAY)  # fmt: skip
    claim = claim_move(claim=claim, action="close", by=handler)
    moves = list(ClaimStatusChange.objects.filter(claim=claim)
                 .values_list("action", "from_status", "to_status", "changed_by"))  # fmt: skip
    assert moves == [
        ("notify", "", "notified", gap_claim.notified_by.pk),
        ("assess", "notified", "under_assessment", handler.pk),
        ("approve", "under_assessment", "approved", handler.pk),
        ("settle", "approved", "settled", handler.pk),
        ("close", "settled", "closed", handler.pk),
    ]


@pytest.mark.django_db
def test_declining_or_reopening_needs_a_reason(gap_claim, handler):
    claim = claim_move(claim=gap_claim, action="assess", by=handler)
    with pytest.raises(IllegalMove, match="a reason is needed"):
        claim_move(claim=claim, action="decline", by=handler, reason="  ")
    claim = claim_move(claim=claim, action="decline", by=handler, reason="Not a total loss")
    assert (claim.status, claim.decision) == ("declined", Decision.DECLINED)
    claim = claim_move(claim=claim, action="reopen", by=handler, reason="New valuation")
    assert (claim.status, claim.decision) == ("under_assessment", Decision.NONE)
    assert ClaimStatusChange.objects.get(claim=claim, action="decline").reason == "Not a total loss"


@pytest.mark.django_db
def test_approving_another_amount_than_assessed_needs_a_reason(gap_claim, handler):
    claim = claim_move(claim=gap_claim, action="assess", by=handler)
    with pytest.raises(IllegalMove, match=r"differs from the assessment \(£9,000.00\)"):
        claim_move(claim=claim, action="approve", by=handler, amount=D("8000"))
    claim = claim_move(claim=claim, action="approve", by=handler, amount=D("8000"),
                       reason="Agreed with the customer")  # fmt: skip
    assert claim.approved_amount == D("8000")


@pytest.mark.django_db
def test_a_claim_missing_figures_cannot_be_approved(uk_dealer, products, handler):
    policy = sold(uk_dealer, "asset-protector")
    claim = notify(policy, "stolen", delivery_date=TODAY - timedelta(days=30))
    claim = claim_move(claim=claim, action="assess", by=handler)
    with pytest.raises(IllegalMove, match="still needs: Motor insurer's settlement"):
        claim_move(claim=claim, action="approve", by=handler, amount=D("0"))


@pytest.mark.django_db
def test_settlement_needs_an_amount_and_a_payee_and_a_second_one_adds_up(gap_claim, handler):
    claim = claim_move(claim=gap_claim, action="assess", by=handler)
    claim = claim_move(claim=claim, action="approve", by=handler, amount=D("9000.00"))
    with pytest.raises(IllegalMove, match="Say who is paid"):
        claim_move(claim=claim, action="settle", by=handler, amount=D("9000"))
    with pytest.raises(IllegalMove, match="Give the amount"):
        claim_move(claim=claim, action="settle", by=handler, payee="J. Smith")
    claim = claim_move(claim=claim, action="settle", by=handler, amount=D("9000"), payee="JS")
    claim = claim_move(claim=claim, action="close", by=handler)
    claim = claim_move(claim=claim, action="reopen", by=handler, reason="Missed the VAT")
    claim = claim_move(claim=claim, action="approve", by=handler, amount=D("9000.00"))
    claim = claim_move(claim=claim, action="settle", by=handler, amount=D("150"), payee="JS")
    assert claim.settled_amount == D("9150")  # what was paid in all


@pytest.mark.django_db
def test_dealer_staff_are_refused_a_decision_with_a_sentence(gap_claim):
    with pytest.raises(IllegalMove, match="Only head office can start the assessment of a claim"):
        claim_move(claim=gap_claim, action="assess", by=gap_claim.notified_by)
    claim = claim_move(claim=gap_claim, action="withdraw", by=gap_claim.notified_by,
                       reason="Customer found the car")  # fmt: skip
    assert (claim.status, claim.decision) == ("closed", "withdrawn")


@pytest.mark.django_db
def test_a_decided_claims_facts_cannot_change_until_it_is_reopened(gap_claim, handler):
    claim = claim_move(claim=gap_claim, action="assess", by=handler)
    claim = claim_move(claim=claim, action="decline", by=handler, reason="Repairable")
    form = form_for(claim.policy, claim_data(claim.policy, "written_off",
                                             insurer_settlement="12000"))  # fmt: skip
    assert form.is_valid(), form.errors
    with pytest.raises(ClaimLocked):
        claim_facts_update(claim=claim, form=form, changed_by=handler)
    claim = claim_move(claim=claim, action="reopen", by=handler, reason="Appeal")
    claim = claim_facts_update(claim=claim, form=form, changed_by=handler)
    assert claim.facts["insurer_settlement"] == "12000"


@pytest.mark.django_db(transaction=True)
def test_two_handlers_approving_at_once_make_one_move(uk_dealer, products):
    """Each in its own thread and connection: the claim's row lock makes the second wait,
    then find the claim approved and be told it cannot approve it again."""
    from tests.concurrency import side_by_side

    policy = sold(uk_dealer, "asset-protector", {"invoice_price": D("22000")})
    claim = notify(policy, "written_off", delivery_date=TODAY - timedelta(days=300),
                   insurer_settlement="13000")  # fmt: skip
    first, second = (UserFactory(role="head_office", dealer=None) for _ in range(2))
    claim = claim_move(claim=claim, action="assess", by=first)
    outcomes = side_by_side(lambda: claim_move(claim=claim, action="approve", by=first,
                                               amount=D("9000.00")).status)  # fmt: skip
    assert sorted(outcomes) == ["IllegalMove", "approved"]
    assert ClaimStatusChange.objects.filter(claim=claim, action="approve").count() == 1
