"""A worker killed (SIGKILL) in the middle of a renewal chunk: the chunk's transaction is
lost whole, the broker hands the chunk to the next worker (acks late, and the visibility
timeout, made short here), and every policy due is done once."""

import os
import signal

import pytest
from django.utils import timezone

from documents.emails import quiet
from documents.models import EmailSend
from policies.models import Instalment, JobChunk, JobRun, Policy, PolicyStatus
from policies.renewals import renewals_start
from policies.selectors import step_totals
from tests.celery_worker import _workers
from tests.policies.selling import MOTOR
from tests.policies.test_renewals import due_to_renew, sold_long_ago

from .helpers import until

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("products"),
]


def history_reasons(policy) -> list[str]:
    return sorted(policy.history.values_list("history_change_reason", flat=True))


def test_a_chunk_of_a_killed_worker_is_done_once_by_the_next(
    redis_server, uk_dealer, settings, tmp_path
):
    settings.RENEWALS_CHUNK_SIZE = 2
    with quiet():  # the emails of the sales and steps before: not wanted here
        renewing, end = due_to_renew(uk_dealer, 2)  # the first chunk, killed
        inviting = [sold_long_ago(uk_dealer, "motor-uk", MOTOR, days_left=51) for _ in "ab"]
    before = {p.pk: history_reasons(p) for p in renewing + inviting}
    assert not EmailSend.objects.exists()
    marker = tmp_path / "in-the-chunk"
    env = {"CELERY_VISIBILITY_TIMEOUT": "2", "FAULTS_SLOW_MARKER": str(marker)}
    queue = f"faults-{os.getpid()}"
    with _workers(redis_server.url, 1, queue=queue, app="tests.faults.slow_worker", **env) as w:
        job = renewals_start(on=end, run_chunk=lambda chunk_id: w.send_task(
            "policies.tasks.renewals_chunk_task", args=[chunk_id]))  # fmt: skip
        assert [c.size for c in job.chunks.all()] == [2, 2]
        until(marker.exists, what="the worker inside the first chunk")
        worker = w.worker_procs[0]
        assert int(marker.read_text()) == worker.pid
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        killed_at = timezone.now()
        first = job.chunks.order_by("first_pk").first()
        assert JobChunk.objects.get(pk=first.pk).finished_at is None
        assert not Policy.objects.filter(renewed_from__in=renewing).exists()  # rolled back
        with _workers(redis_server.url, 1, queue=queue, app="tests.faults.slow_worker", **env):
            until(lambda: JobRun.objects.get(pk=job.pk).finished_at, what="the run finished")
            until(lambda: EmailSend.objects.filter(status="sent").count() == 4, what="emails")
    assert JobChunk.objects.get(pk=first.pk).finished_at > killed_at  # delivered again
    job.refresh_from_db()
    assert (job.total, job.done, job.error_count) == (4, 4, 0)
    assert step_totals(job.counts) == {"renew": 2, "invite": 2}
    assert all(c.finished_at for c in job.chunks.all())
    for policy in renewing:
        (renewal,) = Policy.objects.filter(renewed_from=policy)
        assert Policy.objects.get(pk=policy.pk).status == PolicyStatus.RENEWED
        assert Instalment.objects.filter(policy=renewal).count() == 1
        assert EmailSend.objects.filter(policy=renewal, event="sale").count() == 1
        assert history_reasons(policy) == sorted([*before[policy.pk], "renewed"])
        assert history_reasons(renewal) == [f"renewal of {policy.number}"]
    for policy in inviting:
        assert Policy.objects.get(pk=policy.pk).invited_on == end
        assert EmailSend.objects.filter(policy=policy, event="renewal_invitation").count() == 1
        assert history_reasons(policy) == sorted([*before[policy.pk], "renewal invited"])
    assert EmailSend.objects.count() == 4  # two invitations, two renewals' documents
