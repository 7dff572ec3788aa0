"""A task goes through Redis to a real worker process, which writes to the database."""

import pytest

from dealers.models import WorkerHeartbeat

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_on_redis_runs_the_heartbeat_task_and_writes_the_row(
    celery_worker_process,
):
    result = celery_worker_process.send_task(
        "dealers.tasks.worker_heartbeat_task", args=["worker-under-test"]
    )
    heartbeat_id = result.get(timeout=60)
    heartbeat = WorkerHeartbeat.objects.get(pk=heartbeat_id)
    assert heartbeat.hostname == "worker-under-test"
