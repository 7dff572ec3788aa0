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

What each step writes is in policies/renewal_steps.py.
"""

import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from itertools import islice

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from .models import JobChunk, JobRun, Policy, PolicyStatus
from .renewal_steps import Errors, error_row, policies_locked, renewal_advance, steps_do
from .rules.renewal import Step
from .selectors import chunk_totals, renewal_horizon

logger = logging.getLogger(__name__)

ERRORS_KEPT = 1000  # on the run; every chunk keeps its own
STALE_AFTER = timedelta(hours=1)


def renewals_start(*, on: date, run_chunk: Callable, job: str = "renewals", started_by: str = ""):
    """Record a run for `on`, cut its policies into chunks and hand each to `run_chunk`
    (the daily task: a Celery task each, policies/tasks.py; renewals_run: here). Returns
    the run, finished if the chunks ran here.

    The run and its chunks are written in one transaction from one ordered read of the
    policies due, so a renewal this run makes (a higher id) is in no chunk: it starts a
    calendar of its own. Chunks of an earlier run left undone an hour after it started
    (its dispatcher died while sending them) are sent again first; a chunk is done once
    however often it is sent."""
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
                done, errors = steps_do(policies_locked(_policies_of(chunk)), chunk.run.run_date)
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
            errors.append(error_row(policy, e))
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
