"""The Celery app of the two-workers renewal test (`celery -A tests.paced_worker`): each
renewal chunk takes at least TEST_CHUNK_PACE seconds, so that one run's chunks cannot all
be done before the other worker has taken up its own run, however the machine is loaded
or whichever of its queues a worker reads first."""

import os
import time

from celery.signals import task_prerun

from config.celery import app

__all__ = ["app"]


@task_prerun.connect
def _paced_chunk(task=None, **kwargs):
    if task is not None and task.name == "policies.tasks.renewals_chunk_task":
        time.sleep(float(os.environ.get("TEST_CHUNK_PACE", "0.2")))
