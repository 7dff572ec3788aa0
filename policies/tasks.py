from celery import shared_task


@shared_task(name="policies.tasks.renewals_daily_task")
def renewals_daily_task(on: str | None = None) -> int:
    """The daily renewal job (beat: every morning); `on` as YYYY-MM-DD, default today.
    Safe to run twice: each step is recorded, and a policy's row is locked while it moves."""
    from datetime import date

    from django.utils import timezone

    from .renewals import renewals_run

    return renewals_run(on=date.fromisoformat(on) if on else timezone.localdate()).pk
