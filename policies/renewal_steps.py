"""What each step of the daily renewal job writes, for many policies at once: the
invitation, the reminder, the payment taken, the renewal (the next period's policy, its
number and instalments), the lapse and the expiry (STEPS, in the order they run), each with
its history rows and its events; and `renewal_advance`, the step due for one policy.
The job that cuts the policies into chunks and runs these is policies.renewals."""

from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import CharField, F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from dealers.money import round_money
from products.registry import product_definition

from .events import PolicyEvent, policies_event_send
from .history import CREATED, history_record
from .models import CommissionRate, Instalment, Policy, PolicyStatus, RenewalPayment
from .renewal_offer import PaymentChoice, RenewalOffer, renewal_offer
from .rules.common import ZERO, add_months
from .rules.renewal import PolicyFacts, Step, renewal_step
from .sales import policy_numbers_take
from .selectors import commission_rate, policy_renews, rate_card_in_force, renewal_params
from .stored_answers import answers_encoded, stored_schema
from .transitions import new_status, policies_move


class RenewalFailed(Exception):
    """The step due for a policy could not be done (its offer could not be made)."""


Errors = list[dict]


def _facts(policy: Policy) -> PolicyFacts:
    return PolicyFacts(
        end_date=policy.end_date, live=policy.status == PolicyStatus.LIVE,
        renewable=policy_renews(policy), auto_renew=policy.auto_renew,
        invited_on=policy.invited_on, reminded=policy.reminded_on is not None,
        payment_taken=hasattr(policy, "renewal_payment"),  # read with the policy
        renewed=policy.status == PolicyStatus.RENEWED,  # set with the renewal, terminal
    )  # fmt: skip


def policies_locked(policies: QuerySet[Policy]) -> list[Policy]:
    """Lock the live policies of the query in id order, then read them (and what the rule
    looks at) afresh: read after the lock, a step another worker has just done is seen."""
    ids = list(
        policies.filter(status=PolicyStatus.LIVE)
        .order_by("pk")
        .select_for_update()
        .values_list("pk", flat=True)
    )
    return list(
        Policy.objects.filter(pk__in=ids)
        .select_related("product", "dealer", "customer", "renewal_payment", "renewed_from")
        .order_by("pk")
    )


def steps_do(policies: list[Policy], on: date) -> tuple[Counter, Errors]:
    """Do the step due on `on` for each policy (locked by the caller), in bulk per step.
    Returns what was done, per dealer and step, and the policies that failed."""
    plan: dict[Step, list[Policy]] = defaultdict(list)
    for policy in policies:
        plan[renewal_step(_facts(policy), on, renewal_params(policy.product))].append(policy)
    done: Counter = Counter()
    errors: Errors = []
    for step, write in STEPS.items():
        for policy in write(plan[step], on, errors) if plan[step] else ():
            done[(policy.dealer_id, step.value)] += 1
    return done, errors


def error_row(policy: Policy, e: Exception) -> dict:
    return {"dealer": policy.dealer_id, "policy": policy.number,
            "error": f"{type(e).__name__}: {e}"[:500]}  # fmt: skip


def _write(policies: list[Policy], reason: str, **values) -> None:
    """Set `values` (constants or expressions over each row) on the policies with one
    UPDATE, and a history row for each. Never the status: that is policies_move's."""
    mine = Policy.objects.filter(pk__in=[p.pk for p in policies])
    mine.update(**values, version=F("version") + 1)  # a page opened before sees the change
    history_record(mine, reason=reason)


def _invite(policies: list[Policy], on: date, errors: Errors) -> list[Policy]:
    _write(policies, "renewal invited", invited_on=on)
    policies_event_send(policies=policies, event=PolicyEvent.RENEWAL_INVITATION)
    return policies


def _remind(policies: list[Policy], on: date, errors: Errors) -> list[Policy]:
    _write(policies, "renewal reminder", reminded_on=on)
    policies_event_send(policies=policies, event=PolicyEvent.RENEWAL_REMINDER)
    return policies


def _offers(
    policies: list[Policy], errors: Errors
) -> list[tuple[Policy, RenewalOffer, PaymentChoice]]:
    """The next period's offer of each policy, with the way of paying it has now; a policy
    whose offer cannot be made is an error and is left for the next run. What a product
    reads for its renewals (motor: which policies have claims, for the NCD) is read once
    for all of its policies."""
    by_product: dict[str, list[Policy]] = defaultdict(list)
    for policy in policies:
        by_product[policy.product.code].append(policy)
    context = {code: product_definition(code).renewal_context(of_product)
               for code, of_product in by_product.items()}  # fmt: skip
    made = []
    for policy in policies:
        try:
            offer = renewal_offer(policy, context[policy.product.code])
        except Exception as e:  # noqa: BLE001 - one policy's failure must not stop the others
            errors.append(error_row(policy, e))
            continue
        made.append((policy, offer, offer.choice(policy.payment_plan)))
    return made


def _take_payment(policies: list[Policy], on: date, errors: Errors) -> list[Policy]:
    offers = _offers(policies, errors)
    now = timezone.now()
    RenewalPayment.objects.bulk_create(
        RenewalPayment(policy=policy, amount=choice.instalments[0],
                       due_on=min(on, policy.end_date), collected_at=now)
        for policy, _offer, choice in offers
    )  # fmt: skip
    return [policy for policy, _offer, _choice in offers]


def _renewal(
    policy: Policy, offer: RenewalOffer, choice: PaymentChoice, rates: list[CommissionRate]
) -> Policy:
    """The next period's policy, still without its number (_numbers_give), with the
    dealer's commission at the rate in force when it starts."""
    b = offer.breakdown
    net = Decimal(b["net_premium"])
    commission = round_money(
        commission_rate(policy.product_id, policy.dealer_id, offer.starts, rates) * net
    )
    return Policy(
        product=policy.product, dealer=policy.dealer, deal_id=policy.deal_id,
        customer=policy.customer, vehicle_id=policy.vehicle_id, sold_by_id=policy.sold_by_id,
        sold_at=timezone.now(), start_date=offer.starts, end_date=offer.ends,
        term_months=policy.term_months, payment_plan=policy.payment_plan,
        currency=policy.currency, net_premium=net, commission=commission,
        tax_total=sum((Decimal(t["amount"]) for t in b.get("taxes", [])), ZERO),
        fee_total=sum((Decimal(f["amount"]) for f in b.get("fees", [])), ZERO),
        total_premium=choice.total, breakdown=b,
        answers=answers_encoded(policy.product.code, offer.answers),
        answers_version=stored_schema(policy.product.code).version,
        proposal=policy.proposal,  # the same drivers, until the customer tells otherwise
        rate_card=rate_card_in_force(policy.product, offer.starts),
        submission_key=f"renewal:{policy.pk}", auto_renew=True, renewed_from=policy,
        status=new_status("issue_renewal"),
    )  # fmt: skip


def _renew(policies: list[Policy], on: date, errors: Errors) -> list[Policy]:
    made = []
    rates = list(CommissionRate.objects.all())  # a few rows: read once for the chunk
    for policy, offer, choice in _offers(policies, errors):
        try:
            made.append((policy, _renewal(policy, offer, choice, rates), choice))
        except Exception as e:  # noqa: BLE001 - as in _offers
            errors.append(error_row(policy, e))
    if not made:
        return []
    # First, as one policy of a deal and product is live at a time; its history row once
    # its end_reason can name the next period's number.
    ended = policies_move(
        Policy.objects.filter(pk__in=[p.pk for p, _renewed, _choice in made]), "renew",
        reason=None, ended_on=F("end_date"),
    )  # fmt: skip
    made = [(p, renewed, choice) for p, renewed, choice in made if p.pk in ended]
    _numbers_give([renewed for _policy, renewed, _choice in made])
    olds = [policy for policy, _renewed, _choice in made]
    news = Policy.objects.bulk_create([renewed for _policy, renewed, _choice in made])
    number = Policy.objects.filter(renewed_from=OuterRef("pk")).values("number")[:1]
    mine = Policy.objects.filter(pk__in=ended)
    mine.update(end_reason=Concat(Value("Renewed as "), Subquery(number), Value(".")))
    history_record(mine, reason="renewed")
    history_record(
        Policy.objects.filter(pk__in=[p.pk for p in news]),
        reason=Concat(Value("renewal of "), F("renewed_from__number")), history_type=CREATED,
    )  # fmt: skip
    Instalment.objects.bulk_create(
        Instalment(policy=renewed, sequence=i, due_date=add_months(renewed.start_date, i - 1),
                   amount=amount)
        for _policy, renewed, choice in made
        for i, amount in enumerate(choice.instalments, start=1)
    )  # fmt: skip
    policies_event_send(policies=news, event=PolicyEvent.SALE)  # its documents
    return olds


def _numbers_give(renewals: list[Policy]) -> None:
    """Number the renewals, per product. Taken as late in the transaction as may be: the
    product's number sequence stays locked until it ends."""
    by_product: dict[int, list[Policy]] = defaultdict(list)
    for renewed in renewals:
        by_product[renewed.product_id].append(renewed)
    for group in by_product.values():
        numbers = policy_numbers_take(group[0].product, len(group))
        for renewed, number in zip(group, numbers, strict=True):
            renewed.number = number


def _end(policies: list[Policy], action: str, reason: str, **values) -> list[Policy]:
    """Move the policies by `action` in bulk (those the table lets it move)."""
    moved = policies_move(Policy.objects.filter(pk__in=[p.pk for p in policies]), action,
                          reason=reason, ended_on=F("end_date"), **values)  # fmt: skip
    return [p for p in policies if p.pk in moved]


def _lapse(policies: list[Policy], on: date, errors: Errors) -> list[Policy]:
    return _end(policies, "lapse", "lapsed",
                end_reason=Value("Not renewed by the end of the period."))  # fmt: skip


def _expire(policies: list[Policy], on: date, errors: Errors) -> list[Policy]:
    reason = Concat(Value("The fixed term of "), Cast("term_months", CharField()),
                    Value(" months ended."))  # fmt: skip
    return _end(policies, "expire", "expired", end_reason=reason)


STEPS = {  # in this order: the renewal last, as it takes the number sequence's lock
    Step.INVITE: _invite,
    Step.REMIND: _remind,
    Step.TAKE_PAYMENT: _take_payment,
    Step.LAPSE: _lapse,
    Step.EXPIRE: _expire,
    Step.RENEW: _renew,
}


def renewal_advance(*, policy_id: int, on: date) -> Step:
    """Do the step due for one policy on `on` (at most one), in its own transaction."""
    with transaction.atomic():
        done, errors = steps_do(policies_locked(Policy.objects.filter(pk=policy_id)), on)
        if errors:
            raise RenewalFailed(errors[0]["error"])
    return Step(next(iter(done))[1]) if done else Step.NOTHING
