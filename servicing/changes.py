"""Changing a policy mid-term: the premium for the answers after the change less the
premium for the answers as they stand, pro rata for the days left, recorded with the
answers stored again under their product's current schema."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from dealers.models import ON_THEIR_PAGE, User
from dealers.money import round_money
from dealers.versioning import version_claim
from policies.models import ChangeKind, Policy, PolicyChange, PolicyStatus
from policies.quotes import inputs_from_answers, quote_calculate
from policies.refusals import SaleRefused
from policies.rules.common import refusal
from policies.sales import answers_json
from policies.selectors import answers_as_first_sold, settings_of
from policies.stored_answers import answers_decoded, answers_encoded, stored_schema


def car_changes_this_period(policy: Policy) -> int:
    return policy.changes.filter(kind=ChangeKind.CAR).count()


def change_preview(
    *, policy: Policy, kind: str, answers: dict[str, Any], on: date, lang: str = "en"
) -> Decimal:
    """The premium difference for the rest of the period if the answers change to
    `answers` on `on`: the new annual premium less the old, pro rata for the days left."""
    if policy.status != PolicyStatus.LIVE:
        raise SaleRefused([refusal("policy_not_live", lang)])
    if not policy.start_date <= on <= policy.end_date or on < timezone.localdate():
        raise SaleRefused([refusal("change_date_outside_cover", lang)])
    limit = int(settings_of(policy.product).get("max_car_changes", 0))
    if kind == ChangeKind.CAR and limit and car_changes_this_period(policy) >= limit:
        raise SaleRefused([refusal("too_many_car_changes", lang, limit=limit)])
    # Against the premium for the answers as they stand (not the premium at sale), so that
    # an earlier change is not charged again by the next one.
    stored = answers_decoded(  # a renewal keeps its first sale's values
        policy.product.code, answers_as_first_sold(policy), policy.answers_version
    )
    before = _period_premium(policy, stored, lang)
    changed = answers_decoded(policy.product.code, answers)  # as posted: read by the schema
    after = _period_premium(policy, {**stored, **changed}, lang)
    days_left = (policy.end_date - on).days
    days = (policy.end_date - policy.start_date).days
    return (after - before) * days_left / days


def _period_premium(policy: Policy, answers: dict[str, Any], lang: str) -> Decimal:
    """The premium for the whole period for these (typed) answers, priced as at the
    start."""
    answers = {**answers, "product": policy.product.code}
    quote = quote_calculate(
        product_code=policy.product.code, inputs=inputs_from_answers(answers),
        on=policy.start_date, region=answers.get("state") or "", lang=lang,
    )  # fmt: skip
    if not quote.eligible:
        raise SaleRefused(list(quote.refusals))
    plan = next(p for p in quote.plans if p.option.plan == policy.payment_plan)
    return plan.breakdown.total


@transaction.atomic
def policy_change(
    *, policy: Policy, kind: str, answers: dict[str, Any], on: date, made_by: User | None,
    expected_version: int | None = None, by_customer: bool = False,
) -> PolicyChange:  # fmt: skip
    """Record a mid-term change; `expected_version` as for policy_cancel. `by_customer`:
    the customer made it on their own page (made_by None), which the change and the
    history say."""
    policy = Policy.objects.select_for_update().get(pk=policy.pk)
    version_claim(policy, expected_version)
    lang = made_by.language if made_by else policy.dealer.language
    difference = change_preview(policy=policy, kind=kind, answers=answers, on=on, lang=lang)
    change = PolicyChange.objects.create(
        policy=policy, kind=kind, effective_on=on, details=answers_json(answers),
        premium_difference=round_money(difference), made_by=made_by, by_customer=by_customer,
        made_at=timezone.now(),
    )  # fmt: skip
    code = policy.product.code
    now = {**answers_decoded(code, policy.answers, policy.answers_version), **answers}
    policy.answers = answers_encoded(code, now)  # stored again under the current version
    policy.answers_version = stored_schema(code).version
    policy._change_reason = f"{kind} change {ON_THEIR_PAGE}" if by_customer else f"{kind} change"
    policy._history_user = made_by
    policy.save(update_fields=["answers", "answers_version", "version"])
    return change
