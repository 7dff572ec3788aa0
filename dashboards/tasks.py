"""The dashboards' Celery tasks: their summaries brought up to date, and the daily report
of the value measures beyond head office's thresholds."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from .refresh import dashboards_refresh
from .value.daily import value_breaches_report


@shared_task(name="dashboards.tasks.dashboards_refresh_task", ignore_result=True)
def dashboards_refresh_task() -> None:
    """Bring the dashboards' summaries up to date (beat: every ten minutes); safe to run
    twice or at once (a rebuild waits for another)."""
    dashboards_refresh()


@shared_task(name="dashboards.tasks.value_thresholds_daily_task", ignore_result=True)
def value_thresholds_daily_task(today: str | None = None) -> int:
    """Email head office the value measures of the last twelve months beyond their
    thresholds; safe to run twice the same day (the day's report is recorded once)."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    report = value_breaches_report(today=day)
    return report.breaches if report else 0
