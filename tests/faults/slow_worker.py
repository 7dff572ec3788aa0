"""The Celery app of the worker-killed test (`celery -A tests.faults.slow_worker`): the
first renewal chunk of the test that renews stops in the middle of its transaction, its
renewals written and not committed, writes FAULTS_SLOW_MARKER and waits to be killed.
Once the marker is there (a worker started after the kill), chunks run as they are."""

import os
import time
from pathlib import Path

from celery.signals import task_prerun

from config.celery import app

__all__ = ["app"]


@task_prerun.connect
def _slow_first_renewal(task=None, **kwargs):
    if task is None or task.name != "policies.tasks.renewals_chunk_task":
        return
    import policies.renewal_steps as renewal_steps
    from policies.rules.renewal import Step

    write = renewal_steps.STEPS[Step.RENEW]
    if getattr(write, "slowed", False):
        return
    marker = Path(os.environ["FAULTS_SLOW_MARKER"])

    def renew_then_hang(policies, on, errors):
        done = write(policies, on, errors)
        if not marker.exists():
            marker.write_text(str(os.getpid()))
            time.sleep(300)  # killed here
        return done

    renew_then_hang.slowed = True
    renewal_steps.STEPS[Step.RENEW] = renew_then_hang
