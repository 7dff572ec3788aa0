"""The daily renewal job: invite, remind, take the payment, renew, lapse or expire, as
policies.rules.renewal decides for the date.

How it runs:
- `renewals_start` records a JobRun and cuts the policies that may have a step due (live,
  ending by the run's horizon) into chunks of RENEWALS_CHUNK_SIZE ids, one JobChunk row
  each, in one transaction; then it hands each chunk to a task: on the Celery workers, or
  in this process (`renewals_run`, the command; or Celery running eagerly).
- A chunk is done in one transaction. Its live policies are locked in id order
  (SELECT ... FOR UPDATE), read again, each one's step decided in Python, and each step's
  rows written in bulk, with their history rows copied inside the database
  (policies.history). Its emails go to the workers as one message after it commits. A
  killed worker leaves the chunk as it was (the task is delivered again: acks late). The
  chunk's row is locked first and marked done in the same transaction, so a second
  delivery does nothing.
- Two runs at once (the beat and a catch-up command) lock the same policies in the same
  order: the second waits, then finds each step done. The rule sees `invited_on`,
  `reminded_on`, the RenewalPayment (one per policy) and the status; unique constraints
  (renewed_from, the payment's policy, the email's event key) are the backstop.
- When a chunk's bulk write fails, its policies are done again one at a time, each in its
  own transaction (`renewal_advance`), so a bad policy is an error for itself alone.
"""

import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from itertools import islice

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from products.registry import product_definition

from .events import PolicyEvent, policies_event_send
from .history import CREATED, history_record
from .models import (
    CommissionRate,
    Instalment,
    JobChunk,
    JobRun,
    Policy,
    PolicyStatus,
    RenewalPayment,
)
from .renewal_offer import PaymentChoice, RenewalOffer, renewal_offer
from .rules.common import ZERO, add_months, money
from .rules.renewal import PolicyFacts, Step, renewal_step
from .sales import policy_numbers_take
from .selectors import (
    chunk_totals,
    commission_rate,
    policy_renews,
    rate_card_in_force,
    renewal_horizon,
    renewal_params,
)
from .stored_answers import answers_encoded, stored_schema
from .transitions import new_status, policies_move

logger = logging.getLogger(__name__)

ERRORS_KEPT = 1000  # on the run; every chunk keeps its own
STALE_AFTER = timedelta(hours=1)


class RenewalFailed(Exception):
    """The step due for a policy could not be done (its offer could not be made)."""


# --- one step for many policies --------------------------------------------------------

Errors = list[dict]


def _facts(policy: Policy) -> PolicyFacts:
    return PolicyFacts(
        end_date=policy.end_date, live=policy.status == PolicyStatus.LIVE,
        renewable=policy_renews(policy), auto_renew=policy.auto_renew,
        invited_on=policy.invited_on, reminded=policy.reminded_on is not None,
        payment_taken=hasattr(policy, "renewal_payment"),  # read with the policy
        renewed=policy.status == PolicyStatus.RENEWED,  # set with the renewal, terminal
    )  # fmt: skip


def _locked(policies: QuerySet[Policy]) -> list[Policy]:
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


def _advance(policies: list[Policy], on: date) -> tuple[Counter, Errors]:
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


def _error(policy: Policy, e: Exception) -> dict:
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
            errors.append(_error(policy, e))
            continue
        plans = offer.choices
        made.append((policy, offer, next((c for c in plans if c.plan == policy.payment_plan),
                                         plans[0])))  # fmt: skip
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
    commission = money(
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
            errors.append(_error(policy, e))
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
        done, errors = _advance(_locked(Policy.objects.filter(pk=policy_id)), on)
        if errors:
            raise RenewalFailed(errors[0]["error"])
    return Step(next(iter(done))[1]) if done else Step.NOTHING


# --- the run, in chunks ------------------------------------------------------------------


def renewals_start(
    *, on: date, job: str = "renewals", run_chunk: Callable | None = None, started_by: str = ""
):
    """Record a run for `on`, cut its policies into chunks and hand each to `run_chunk`
    (default: a Celery task each). Returns the run, finished if the chunks ran here.

    The run and its chunks are written in one transaction from one ordered read of the
    policies due, so a renewal this run makes (a higher id) is in no chunk: it starts a
    calendar of its own. Chunks of an earlier run left undone an hour after it started
    (its dispatcher died while sending them) are sent again first; a chunk is done once
    however often it is sent."""
    if run_chunk is None:
        from .tasks import renewals_chunk_task

        run_chunk = renewals_chunk_task.delay
    horizon = renewal_horizon(on)
    due = Policy.objects.filter(status=PolicyStatus.LIVE, end_date__lte=horizon)
    stale = JobChunk.objects.filter(run__job=job, run__finished_at__isnull=True,
                                    run__started_at__lt=timezone.now() - STALE_AFTER,
                                    finished_at__isnull=True)  # fmt: skip
    for chunk_id in stale.values_list("pk", flat=True):
        run_chunk(chunk_id)
    with transaction.atomic():
        run = JobRun.objects.create(job=job, run_date=on, horizon=horizon,
                                    started_at=timezone.now(), started_by=started_by)  # fmt: skip
        ids = due.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=5000)
        chunks = JobChunk.objects.bulk_create(
            JobChunk(run=run, first_pk=part[0], last_pk=part[-1], size=len(part))
            for part in batched(ids, settings.RENEWALS_CHUNK_SIZE)
        )
        run.total = sum(chunk.size for chunk in chunks)
        run.save(update_fields=["total"])
    for chunk_id in run.chunks.values_list("pk", flat=True):
        run_chunk(chunk_id)
    _run_finish(run.pk)
    run.refresh_from_db()
    return run


def batched(items: Iterable[int], size: int) -> Iterator[list[int]]:
    """Lists of `size` items, the last shorter (itertools.batched arrives in Python 3.12)."""
    it = iter(items)
    while part := list(islice(it, size)):
        yield part


def renewals_run(*, on: date, job: str = "renewals", started_by: str = "") -> JobRun:
    """The run for `on`, every chunk done in this process (the command, the tests)."""

    def here(chunk_id: int) -> None:
        renewals_chunk(chunk_id=chunk_id, done_by=started_by)

    return renewals_start(on=on, job=job, started_by=started_by, run_chunk=here)


def renewals_chunk(*, chunk_id: int, done_by: str = "") -> None:
    """Do one chunk, once: in bulk in one transaction, or, if that fails, one policy at a
    time. Then end the run if this was its last chunk. `done_by`: the worker, for the
    record."""
    try:
        with transaction.atomic():
            chunk = (
                JobChunk.objects.select_for_update().select_related("run").filter(pk=chunk_id)
            ).first()
            if chunk is None:  # its run was deleted
                return
            if chunk.finished_at is None:
                done, errors = _advance(_locked(_policies_of(chunk)), chunk.run.run_date)
                _chunk_done(chunk, done, errors, done_by)
    except Exception:  # noqa: BLE001 - the chunk was rolled back: each policy on its own
        logger.exception("Renewal chunk %s failed in bulk; one policy at a time", chunk_id)
        _chunk_one_by_one(chunk_id, done_by)
    _run_finish(JobChunk.objects.values_list("run_id", flat=True).get(pk=chunk_id))


def _policies_of(chunk: JobChunk) -> QuerySet[Policy]:
    return Policy.objects.filter(pk__gte=chunk.first_pk, pk__lte=chunk.last_pk,
                                 end_date__lte=chunk.run.horizon)  # fmt: skip


def _chunk_one_by_one(chunk_id: int, done_by: str) -> None:
    chunk = JobChunk.objects.select_related("run").get(pk=chunk_id)
    done: Counter = Counter()
    errors: Errors = []
    for policy in _policies_of(chunk).filter(status=PolicyStatus.LIVE).order_by("pk"):
        try:
            step = renewal_advance(policy_id=policy.pk, on=chunk.run.run_date)
        except Exception as e:  # noqa: BLE001 - recorded on the run
            errors.append(_error(policy, e))
        else:
            if step != Step.NOTHING:
                done[(policy.dealer_id, step.value)] += 1
    with transaction.atomic():
        chunk = JobChunk.objects.select_for_update().get(pk=chunk_id)
        if chunk.finished_at is None:
            _chunk_done(chunk, done, errors, done_by)


def _chunk_done(chunk: JobChunk, done: Counter, errors: Errors, done_by: str) -> None:
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for (dealer_id, step), n in done.items():
        counts[str(dealer_id)][step] = n
    chunk.finished_at, chunk.counts, chunk.errors = timezone.now(), counts, errors
    chunk.done_by = done_by
    chunk.save(update_fields=["finished_at", "counts", "errors", "done_by"])
    JobRun.objects.filter(pk=chunk.run_id).update(done=F("done") + chunk.size)


def _run_finish(run_id: int) -> None:
    """Sum the chunks into the run once none is left to do (whichever chunk ends last)."""
    chunks = JobChunk.objects.filter(run_id=run_id)
    if chunks.filter(finished_at__isnull=True).exists():
        return
    counts, errors = chunk_totals(chunks.values_list("counts", "errors").iterator())
    JobRun.objects.filter(pk=run_id, finished_at__isnull=True).update(
        counts=counts, errors=errors[:ERRORS_KEPT], error_count=len(errors),
        finished_at=timezone.now(),
    )  # fmt: skip
