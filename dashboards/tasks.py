"""The dashboards' Celery task: their summaries brought up to date."""

from celery import shared_task

from .refresh import dashboards_refresh


@shared_task(name="dashboards.tasks.dashboards_refresh_task", ignore_result=True)
def dashboards_refresh_task() -> None:
    """Bring the dashboards' summaries up to date (beat: every ten minutes); safe to run
    twice or at once (a rebuild waits for another)."""
    dashboards_refresh()
