from celery import shared_task

from . import services


@shared_task(name="dealers.tasks.worker_heartbeat_task")
def worker_heartbeat_task(hostname: str | None = None) -> int:
    """Record that a worker is alive; /health/ shows the last heartbeat."""
    from celery import current_task

    worker = hostname or getattr(current_task.request, "hostname", None)
    return services.worker_heartbeat_record(hostname=worker).pk
