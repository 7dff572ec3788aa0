"""The renewal job's Celery tasks: the daily run (beat), and one chunk of it."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from .renewals import renewals_chunk, renewals_start


@shared_task(bind=True, name="policies.tasks.renewals_daily_task")
def renewals_daily_task(self, on: str | None = None) -> int:
    """The daily renewal job (beat: every morning); `on` as YYYY-MM-DD, default today.
    Records the run and hands its chunks to the workers; returns the run's id."""
    on_date = date.fromisoformat(on) if on else timezone.localdate()
    run = renewals_start(on=on_date, run_chunk=renewals_chunk_task.delay,
                         started_by=self.request.hostname or "")  # fmt: skip
    return run.pk


@shared_task(bind=True, name="policies.tasks.renewals_chunk_task", acks_late=True,
             ignore_result=True)  # fmt: skip
def renewals_chunk_task(self, chunk_id: int) -> None:
    """One chunk of a renewal run, in one transaction; delivered again, it does nothing."""
    renewals_chunk(chunk_id=chunk_id, done_by=self.request.hostname or "")
