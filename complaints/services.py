"""Writes to the complaints register: record a complaint, move it on (with its letter),
and the daily job's warnings and breaches. Every write is recorded in the audit trail
(django-simple-history) with who made it; the customer's own are by no member of staff."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.models import Claim
from dealers.models import ON_THEIR_PAGE, Customer, Deal, Dealer, User
from dealers.versioning import version_claim
from policies.models import Policy, Product

from . import deadlines as dl
from .letters import letter_make
from .models import (
    Category,
    Complaint,
    ComplaintChange,
    ComplaintRule,
    Outcome,
    PeriodUnit,
    RootCause,
)
from .rules import rule_of
from .transitions import Move, check_move

REDRESS_LIMIT = Decimal("1000000")


def terms_of(rule: ComplaintRule, dealer: Dealer) -> dl.RuleTerms:
    """The rule's periods, on the calendar of the dealer's region where the holidays
    library knows it as a subdivision (an Australian state), else the rule's own."""
    subdivision = rule.holiday_subdivision
    if dealer.region and dl.valid_subdivision(rule.holiday_country, dealer.region.upper()):
        subdivision = dealer.region.upper()
    business = dl.BUSINESS

    def period(days: int | None, unit: str = business) -> dl.Period | None:
        return None if days is None else dl.Period(days, unit)

    unit = business if rule.final_response_unit == PeriodUnit.BUSINESS else dl.CALENDAR
    final = dl.Period(rule.final_response_days, unit)
    return dl.RuleTerms(period(rule.acknowledge_days), period(rule.summary_resolution_days),
                        final, rule.holiday_country, subdivision)  # fmt: skip


def complaint_deadlines(dealer: Dealer, received_on: date) -> tuple[dl.Deadlines, ComplaintRule]:
    rule = rule_of(dealer.market)
    return dl.deadlines(terms_of(rule, dealer), received_on), rule


@dataclass
class About:
    """What the complaint is about: each of the customer's own, or none."""

    deal: Deal | None = None
    policy: Policy | None = None
    claim: Claim | None = None
    product: Product | None = None


def _checked_about(customer: Customer, about: About) -> About:
    """Refuse a sale, policy or claim that is not this customer's; fill in the policy and
    product the claim or policy names."""
    if about.claim is not None:
        about.policy = about.policy or about.claim.policy
        if about.claim.policy_id != about.policy.pk:
            raise ValidationError({"claim": _("That claim is not on that policy.")})
    if about.policy is not None:
        if about.policy.customer_id != customer.pk:
            raise ValidationError({"policy": _("That policy is not this customer's.")})
        about.deal = about.deal or about.policy.deal
        if about.policy.deal_id != about.deal.pk:
            raise ValidationError({"deal": _("That policy was not sold on that deal.")})
        about.product = about.policy.product
    if about.deal is not None and about.deal.customer_id != customer.pk:
        raise ValidationError({"deal": _("That sale is not this customer's.")})
    if about.product is not None and about.product.market != customer.dealer.market:
        raise ValidationError({"product": _("That product is not sold in this market.")})
    return about


def complaint_for_key(key: str | None) -> Complaint | None:
    return Complaint.objects.filter(submission_key=key).first() if key else None


@transaction.atomic
def complaint_record(
    *,
    customer: Customer,
    about: About,
    category: str,
    summary: str,
    received_on: date,
    channel: str,
    recorded_by: User | None,
    handler: User | None = None,
    submission_key: str | None = None,
) -> Complaint:
    """A complaint entered in the register with its deadlines. The same form posted twice
    (its key) records one complaint."""
    if (existing := complaint_for_key(submission_key)) is not None:
        return existing
    today = timezone.localdate()
    if received_on > today:
        raise ValidationError({"received_on": _("A complaint cannot be received in the future.")})
    if category not in Category.values:
        raise ValidationError({"category": _("Choose what the complaint is about.")})
    about = _checked_about(customer, about)
    if handler is not None and handler.dealer_id not in (None, customer.dealer_id):
        raise ValidationError({"handler": _("The handler must be at the customer's dealer "
                                            "or at head office.")})  # fmt: skip
    dealer = customer.dealer
    due, rule = complaint_deadlines(dealer, received_on)
    complaint = Complaint(
        number=f"pending-{timezone.now().timestamp()}-{customer.pk}", dealer=dealer,
        customer=customer, deal=about.deal, policy=about.policy, claim=about.claim,
        product=about.product, category=category, summary=summary.strip(),
        received_on=received_on, channel=channel, handler=handler or recorded_by,
        recorded_by=recorded_by, recorded_at=timezone.now(), acknowledge_by=due.acknowledge_by,
        resolve_by=due.resolve_by, respond_by=due.respond_by,
        rule_reference=f"{rule.regulator}: {rule.reference}", currency=dealer.currency,
        submission_key=submission_key,
    )  # fmt: skip
    complaint._history_user = recorded_by
    complaint._change_reason = "" if recorded_by else f"raised {ON_THEIR_PAGE}"
    try:
        with transaction.atomic():
            complaint.save()
    except IntegrityError:  # the same key, posted at the same moment by a second request
        if (existing := complaint_for_key(submission_key)) is not None:
            return existing
        raise
    complaint.number = f"CMP-{dealer.market}-{complaint.pk:06d}"
    complaint.save(update_fields=["number"])
    ComplaintChange.objects.create(complaint=complaint, to_status=complaint.status,
                                   action="record", changed_by=recorded_by,
                                   changed_at=complaint.recorded_at)  # fmt: skip
    return complaint


@dataclass
class Decision:
    """What a resolving move decides: the outcome, its root cause, what we say, the
    redress paid (in the complaint's currency)."""

    outcome: str = Outcome.NONE
    root_cause: str = RootCause.NONE
    response: str = ""
    redress: Decimal = Decimal("0")


def _check_decision(complaint: Complaint, move: Move, decision: Decision, today: date) -> None:
    if move.action == "summary_resolution":
        if complaint.resolve_by is None:
            raise ValidationError(_("This market has no summary resolution: send a final "
                                    "response."))  # fmt: skip
        if today > complaint.resolve_by:
            raise ValidationError(
                _("The summary resolution had to be sent by %(day)s: send a final response, "
                  "with the referral rights.") % {"day": complaint.resolve_by}
            )  # fmt: skip
    if not move.decides:
        return
    errors = {}
    if decision.outcome not in Outcome.values or not decision.outcome:
        errors["outcome"] = _("Give the outcome.")
    if decision.root_cause not in RootCause.values or not decision.root_cause:
        errors["root_cause"] = _("Give the root cause.")
    if not decision.response.strip():
        errors["response"] = _("Say what the response tells the customer.")
    if not Decimal("0") <= decision.redress < REDRESS_LIMIT:
        errors["redress"] = _("Give the redress paid, 0 or more.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def complaint_move(
    *,
    complaint: Complaint,
    action: str,
    by: User | None,
    expected_version: int | None,
    decision: Decision | None = None,
    note: str = "",
) -> Complaint:
    """Move the complaint (IllegalMove, ValidationError or VersionConflict if it cannot)
    and make and email the move's letter once the move commits."""
    version_claim(complaint, expected_version)  # locks the row until the move commits
    complaint.refresh_from_db()
    move = check_move(complaint.status, action)
    today = timezone.localdate()
    decision = decision or Decision()
    _check_decision(complaint, move, decision, today)
    before = complaint.status
    if move.decides:
        complaint.outcome, complaint.root_cause = decision.outcome, decision.root_cause
        complaint.response, complaint.redress = decision.response.strip(), decision.redress
        complaint.resolved_on = today
    if action == "acknowledge":
        complaint.acknowledged_on = today
    if action == "close":
        complaint.closed_on = today
    complaint.status = move.target or complaint.status
    complaint._history_user = by
    complaint.save()
    ComplaintChange.objects.create(complaint=complaint, from_status=before,
                                   to_status=complaint.status, action=action, note=note,
                                   changed_by=by, changed_at=timezone.now())  # fmt: skip
    if move.letter:
        letter_make(complaint=complaint, kind=move.letter, by=by, body=note)
    return complaint


@transaction.atomic
def complaint_breach_record(*, complaint: Complaint, which: str, today: date) -> bool:
    """The daily job's flag of a missed deadline, once (False: flagged already)."""
    flagged = Complaint.objects.filter(pk=complaint.pk, breached_on__isnull=True).update(
        breached_on=today, breach=which
    )
    if flagged:
        ComplaintChange.objects.create(complaint=complaint, from_status=complaint.status,
                                       to_status=complaint.status, action="breach",
                                       note=which, changed_at=timezone.now())  # fmt: skip
    return bool(flagged)
