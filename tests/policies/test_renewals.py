"""The renewal job over a policy's calendar: each step on its day, and a second run of the
same day changes nothing (issue 6, first part)."""

import time
from datetime import timedelta

import pytest

from documents.models import EmailSend
from policies.models import JobRun, Policy, PolicyStatus, RenewalPayment
from policies.renewals import renewals_run
from policies.selectors import step_totals
from tests.concurrency import side_by_side
from tests.dealers.factories import at_version

from .selling import MOTOR, SMART, TODAY, deal_for, disclosed, sell

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


def sold_long_ago(dealer, code, answers, days_left=30, **more):
    start = TODAY - timedelta(days=365 - days_left)
    deal = deal_for(dealer)
    disclosed(deal, code, given_on=start)
    policy = sell(deal, code, {**answers, **more}, on=start)
    return policy


def run(on):
    job = renewals_run(on=on)
    assert job.errors == [] and job.done == job.total and job.finished_at
    return step_totals(job.counts)


def test_a_motor_policy_that_renews_automatically_goes_through_every_step_once(uk_dealer):
    policy = sold_long_ago(uk_dealer, "motor-uk", MOTOR)
    policy.auto_renew = True
    policy.save()
    end = policy.end_date
    assert run(end - timedelta(days=22)) == {}
    assert run(end - timedelta(days=21)) == {"invite": 1}
    assert run(end - timedelta(days=21)) == {}  # the same day again: nothing more
    assert EmailSend.objects.filter(policy=policy, event="renewal_invitation").count() == 1
    assert run(end - timedelta(days=3)) == {"take_payment": 1}
    assert run(end - timedelta(days=2)) == {}
    assert RenewalPayment.objects.get(policy=policy).amount > 0
    assert run(end) == {"renew": 1}
    assert run(end) == {}
    policy.refresh_from_db()
    renewed = Policy.objects.get(renewed_from=policy)
    assert policy.status == PolicyStatus.RENEWED
    assert (renewed.start_date, renewed.status, renewed.number) == (end, "live", "LMI-000002")
    assert renewed.answers["ncd_years"] == MOTOR["ncd_years"] + 1  # a year without a claim
    assert renewed.instalments.count() == 1


def test_a_motor_policy_not_renewed_lapses_at_its_end(uk_dealer):
    policy = sold_long_ago(uk_dealer, "motor-uk", MOTOR)
    run(policy.end_date - timedelta(days=21))
    assert run(policy.end_date) == {"lapse": 1}
    policy.refresh_from_db()
    assert (policy.status, policy.ended_on) == (PolicyStatus.LAPSED, policy.end_date)


def test_smart_cover_expires_at_the_end_of_its_term_with_the_reason(uk_dealer):
    policy = sold_long_ago(uk_dealer, "smart-cover", SMART, sale_date=TODAY - timedelta(days=335),
                           delivery_date=TODAY - timedelta(days=330))  # fmt: skip
    assert run(policy.end_date - timedelta(days=21)) == {}  # not renewable: no invitation
    assert run(policy.end_date) == {"expire": 1}
    policy.refresh_from_db()
    assert policy.status == PolicyStatus.EXPIRED
    assert policy.end_reason == "The fixed term of 12 months ended."


def test_the_command_runs_the_day_and_says_what_it_did(uk_dealer):
    from io import StringIO

    from django.core.management import call_command

    policy = sold_long_ago(uk_dealer, "motor-uk", MOTOR)
    out = StringIO()
    on = policy.end_date - timedelta(days=21)
    call_command("run_renewals", "--date", on.isoformat(), stdout=out)
    assert out.getvalue() == f"Renewals for {on:%Y-%m-%d}: 1 policies looked at; invite 1.\n"


def test_the_daily_task_is_scheduled_and_runs_the_job(uk_dealer, settings):
    from policies.tasks import renewals_daily_task

    assert settings.CELERY_BEAT_SCHEDULE["renewals-daily"]["task"] == renewals_daily_task.name
    policy = sold_long_ago(uk_dealer, "smart-cover", SMART, sale_date=TODAY - timedelta(days=335),
                           delivery_date=TODAY - timedelta(days=330))  # fmt: skip
    renewals_daily_task.delay(policy.end_date.isoformat())
    policy.refresh_from_db()
    assert policy.status == PolicyStatus.EXPIRED


def test_staff_switch_automatic_renewal_until_30_days_before_the_end(client, uk_dealer):
    from django.urls import reverse

    early = sold_long_ago(uk_dealer, "motor-uk", MOTOR, days_left=31)
    late = sold_long_ago(uk_dealer, "motor-uk", MOTOR, days_left=29)
    client.force_login(early.sold_by)
    page = client.get(reverse("policies:policy-detail", args=[early.pk])).content.decode()
    assert "Automatic renewal" in page and "Switch on" in page
    client.post(reverse("policies:policy-renewal", args=[early.pk]),
                at_version(early, {"auto_renew": "on"}))  # fmt: skip
    early.refresh_from_db()
    assert early.auto_renew
    response = client.post(reverse("policies:policy-renewal", args=[late.pk]),
                           at_version(late, {"auto_renew": "on"}), follow=True)  # fmt: skip
    late.refresh_from_db()
    assert not late.auto_renew
    assert "closed 30 days before the end of cover" in response.content.decode()
    smart = sold_long_ago(uk_dealer, "smart-cover", SMART, sale_date=TODAY - timedelta(days=300),
                          delivery_date=TODAY - timedelta(days=290), days_left=65)  # fmt: skip
    page = client.get(reverse("policies:policy-detail", args=[smart.pk])).content.decode()
    assert "Automatic renewal" not in page  # a fixed-term product does not renew


def test_managers_see_the_job_runs_and_a_running_one_refreshes_itself(client, uk_dealer):
    from django.urls import reverse
    from django.utils import timezone

    from policies.models import JobRun
    from tests.dealers.factories import UserFactory

    JobRun.objects.create(job="renewals", run_date=TODAY, started_at=timezone.now(), total=10,
                          done=4)  # fmt: skip
    client.force_login(UserFactory(dealer=uk_dealer, role="sales_manager"))
    page = client.get(reverse("policies:job-runs")).content.decode()
    assert "40%" in page and 'hx-trigger="every 2s"' in page
    assert "4 of 10 policies" not in page  # every dealer's count: head office's
    client.force_login(UserFactory(dealer=uk_dealer, role="sales_executive"))
    assert client.get(reverse("policies:job-runs")).status_code == 403


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_on_redis_runs_the_daily_job(celery_worker_process, uk_dealer):
    policy = sold_long_ago(uk_dealer, "smart-cover", SMART, sale_date=TODAY - timedelta(days=335),
                           delivery_date=TODAY - timedelta(days=330))  # fmt: skip
    result = celery_worker_process.send_task(
        "policies.tasks.renewals_daily_task", args=[policy.end_date.isoformat()]
    )
    run = JobRun.objects.get(pk=result.get(timeout=60))
    deadline = time.monotonic() + 60  # the task hands the chunks to the worker: wait
    while run.finished_at is None and time.monotonic() < deadline:
        time.sleep(0.1)
        run.refresh_from_db()
    policy.refresh_from_db()
    assert (step_totals(run.counts), policy.status) == ({"expire": 1}, PolicyStatus.EXPIRED)


@pytest.mark.django_db(transaction=True)
def test_two_workers_renewing_the_same_policy_at_once_make_one_renewal(uk_dealer):
    """Two threads, each with its own database connection, advance the same policy on its
    renewal day at the same moment. On PostgreSQL the row lock makes the second wait and
    find it renewed; the unique renewed_from is the backstop wherever a lock is not held."""
    from policies.renewal_steps import renewal_advance

    policy = sold_long_ago(uk_dealer, "motor-uk", MOTOR)
    Policy.objects.filter(pk=policy.pk).update(auto_renew=True)
    for days in (21, 3):
        renewal_advance(policy_id=policy.pk, on=policy.end_date - timedelta(days=days))
    outcomes = side_by_side(lambda: renewal_advance(policy_id=policy.pk, on=policy.end_date))
    assert Policy.objects.filter(renewed_from=policy).count() == 1
    assert "renew" in outcomes and len(outcomes) == 2  # the other: nothing, or refused


# --- the run in chunks: each done once, errors kept to their policy ----------------------


def due_to_renew(dealer, n):
    """`n` motor policies renewing automatically, their payment taken: due to renew on
    their end date."""
    policies = []
    for _ in range(n):
        policy = sold_long_ago(dealer, "motor-uk", MOTOR)
        Policy.objects.filter(pk=policy.pk).update(auto_renew=True)
        policies.append(policy)
    end = policies[0].end_date
    run(end - timedelta(days=21))
    run(end - timedelta(days=3))
    return policies, end


def test_a_run_is_cut_into_chunks_and_a_chunk_delivered_twice_is_done_once(uk_dealer, settings):
    from policies.renewals import renewals_chunk, renewals_start

    settings.RENEWALS_CHUNK_SIZE = 2
    policies = [sold_long_ago(uk_dealer, "motor-uk", MOTOR) for _ in range(5)]
    on = policies[0].end_date - timedelta(days=21)

    def twice(chunk_id):  # as a broker may, after a worker dies before acknowledging
        renewals_chunk(chunk_id=chunk_id)
        renewals_chunk(chunk_id=chunk_id)

    job = renewals_start(on=on, run_chunk=twice)
    assert [c.size for c in job.chunks.all()] == [2, 2, 1]
    assert (job.total, job.done, step_totals(job.counts)) == (5, 5, {"invite": 5})
    assert EmailSend.objects.filter(event="renewal_invitation").count() == 5


def test_a_policy_whose_renewal_cannot_be_priced_is_an_error_of_its_own(uk_dealer, monkeypatch):
    import policies.renewal_steps as renewal_steps

    (bad, *good), end = due_to_renew(uk_dealer, 3)
    real = renewal_steps.renewal_offer

    def offer(policy, *args):
        if policy.pk == bad.pk:
            raise ValueError("no rate for this vehicle")
        return real(policy, *args)

    monkeypatch.setattr(renewal_steps, "renewal_offer", offer)
    job = renewals_run(on=end)
    assert step_totals(job.counts) == {"renew": 2}
    assert job.errors == [{"dealer": uk_dealer.pk, "policy": bad.number,
                           "error": "ValueError: no rate for this vehicle"}]  # fmt: skip
    assert Policy.objects.get(pk=bad.pk).status == PolicyStatus.LIVE  # left as it was
    monkeypatch.setattr(renewal_steps, "renewal_offer", real)
    assert run(end) == {"renew": 1}  # the next run (a catch-up) renews it


def test_a_chunk_whose_bulk_write_fails_is_done_again_one_policy_at_a_time(uk_dealer):
    """A policy already holding the renewal's key makes the chunk's insert fail: the chunk
    rolls back, then each policy is done in its own transaction and only that one fails."""
    policies, end = due_to_renew(uk_dealer, 3)
    deal = deal_for(uk_dealer)
    disclosed(deal, "motor-uk")
    squatter = sell(deal, "motor-uk", MOTOR)
    Policy.objects.filter(pk=squatter.pk).update(submission_key=f"renewal:{policies[1].pk}")
    job = renewals_run(on=end)
    assert step_totals(job.counts) == {"renew": 2}
    assert [e["policy"] for e in job.errors] == [policies[1].number]
    assert "IntegrityError" in job.errors[0]["error"]
    assert Policy.objects.filter(renewed_from__in=policies).count() == 2
    assert job.done == job.total == 3


def test_every_step_leaves_a_history_row_with_its_reason(uk_dealer):
    (policy,), end = due_to_renew(uk_dealer, 1)
    run(end)
    reasons = list(policy.history.order_by("history_date", "history_id")
                   .values_list("history_change_reason", "status", "invited_on"))  # fmt: skip
    assert [r[0] for r in reasons][-2:] == ["renewal invited", "renewed"]
    assert reasons[-1][1] == PolicyStatus.RENEWED and reasons[-2][2] == end - timedelta(days=21)
    renewed = Policy.objects.get(renewed_from=policy)
    created = renewed.history.get()
    assert (created.history_type, created.history_change_reason, created.number) == (
        "+", f"renewal of {policy.number}", renewed.number,
    )  # fmt: skip


def test_a_run_cut_off_before_it_sent_its_chunks_is_resumed_by_the_next(uk_dealer):
    from django.utils import timezone

    from policies.renewals import renewals_start

    policy = sold_long_ago(uk_dealer, "motor-uk", MOTOR)
    on = policy.end_date - timedelta(days=21)
    lost = renewals_start(on=on, run_chunk=lambda chunk_id: None)  # the chunks never went
    assert lost.finished_at is None
    JobRun.objects.filter(pk=lost.pk).update(started_at=timezone.now() - timedelta(hours=2))
    renewals_run(on=on)
    lost.refresh_from_db()
    assert lost.finished_at and step_totals(lost.counts) == {"invite": 1}
    assert EmailSend.objects.filter(event="renewal_invitation").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_runs_of_the_same_day_at_once_make_one_renewal_each(uk_dealer):
    """The beat's run and a catch-up command at the same moment, each in its own thread
    and database connection: the chunks lock the same policies in the same order, so each
    policy is renewed by one of them and the other finds it done."""
    policies, end = due_to_renew(uk_dealer, 6)
    runs = side_by_side(lambda: renewals_run(on=end))
    assert len(runs) == 2 and all(r.errors == [] for r in runs)
    assert sum(step_totals(r.counts).get("renew", 0) for r in runs) == 6
    for policy in policies:
        assert Policy.objects.filter(renewed_from=policy).count() == 1
    assert EmailSend.objects.filter(event="sale", policy__renewed_from__in=policies).count() == 6


# --- what managers see --------------------------------------------------------------------


def test_a_manager_sees_the_runs_with_their_own_dealers_figures_only(client, uk_dealer):
    from django.urls import reverse

    from tests.dealers.factories import DealerFactory, UserFactory

    other = DealerFactory(market="UK", name="Lexus Leeds")
    mine = [sold_long_ago(uk_dealer, "motor-uk", MOTOR) for _ in range(2)]
    sold_long_ago(other, "motor-uk", MOTOR)
    renewals_run(on=mine[0].end_date - timedelta(days=21))
    client.force_login(UserFactory(dealer=uk_dealer, role="sales_manager"))
    page = client.get(reverse("policies:job-runs")).content.decode()
    assert "invited: 2" in page
    client.force_login(UserFactory(role="head_office", dealer=None))
    assert "invited: 3" in client.get(reverse("policies:job-runs")).content.decode()


def test_a_run_still_going_shows_what_its_finished_chunks_did(client, uk_dealer):
    from django.urls import reverse
    from django.utils import timezone

    from policies.models import JobChunk
    from tests.dealers.factories import UserFactory

    job = JobRun.objects.create(job="renewals", run_date=TODAY, started_at=timezone.now(),
                                total=1000, done=500)  # fmt: skip
    JobChunk.objects.create(run=job, first_pk=1, last_pk=600, size=500,
                            finished_at=timezone.now(),
                            counts={str(uk_dealer.pk): {"invite": 120, "lapse": 7}},
                            errors=[{"dealer": uk_dealer.pk, "policy": "LMI-000009",
                                     "error": "ValueError: no rate"}])  # fmt: skip
    JobChunk.objects.create(run=job, first_pk=601, last_pk=1200, size=500)
    client.force_login(UserFactory(dealer=uk_dealer, role="sales_manager"))
    page = client.get(reverse("policies:job-runs"), headers={"HX-Request": "true"})
    html = page.content.decode()
    assert "50%" in html and "invited: 120, lapsed: 7" in html
    assert "LMI-000009: ValueError: no rate" in html
    client.force_login(UserFactory(role="head_office", dealer=None))
    assert "500 of 1000 policies" in client.get(reverse("policies:job-runs")).content.decode()


def finished(job, seconds=90):
    deadline = time.monotonic() + seconds
    while job.finished_at is None and time.monotonic() < deadline:
        time.sleep(0.1)
        job.refresh_from_db()
    return job


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_day_twice_at_once_renew_each_policy_once(
    celery_two_workers, uk_dealer
):
    """Two `celery worker` processes on Redis; the daily task sent at once to each (the
    beat and a catch-up), each run cut into chunks of two policies that either worker
    takes: both runs have chunks of the same policies to do side by side. Forty policies,
    and each chunk paced to 0.2 s by the workers' app: unpaced, a loaded machine let one
    worker finish the first run's chunks before the other took up its own run (a worker
    may read the shared queue before its own), which then found nothing left to cut."""
    policies, end = due_to_renew(uk_dealer, 40)
    sent = [celery_two_workers.send_task("policies.tasks.renewals_daily_task",
                                         args=[end.isoformat()], queue=own)
            for own in celery_two_workers.worker_queues]  # fmt: skip
    runs = [finished(JobRun.objects.get(pk=result.get(timeout=60))) for result in sent]
    assert all(r.finished_at and r.error_count == 0 for r in runs)
    trail = [
        (
            r.started_by,
            r.started_at.time(),
            r.finished_at.time(),
            [(c.done_by, c.finished_at.time()) for c in r.chunks.all()],
        )
        for r in runs
    ]
    assert len({r.started_by for r in runs}) == 2, trail
    assert all(r.chunks.exists() for r in runs), trail
    assert sum(step_totals(r.counts).get("renew", 0) for r in runs) == 40
    for policy in policies:
        assert Policy.objects.filter(renewed_from=policy).count() == 1
        assert Policy.objects.get(pk=policy.pk).status == PolicyStatus.RENEWED


def test_a_worker_killed_in_the_middle_of_a_chunk_leaves_it_as_it_was(uk_dealer, monkeypatch):
    """The chunk's invitations are written, then the worker dies (SystemExit is not an
    error the job catches) before the renewals: the transaction takes the invitations back,
    the chunk stays to do, and its next delivery does the whole of it."""
    import policies.renewal_steps as renewal_steps
    import policies.renewals as renewals
    from policies.models import JobChunk
    from policies.rules.renewal import Step

    renewing, end = due_to_renew(uk_dealer, 2)
    inviting = sold_long_ago(uk_dealer, "motor-uk", MOTOR, days_left=30 + 21)  # ends 21 days on

    def killed(*args):
        raise SystemExit("worker killed")

    monkeypatch.setitem(renewal_steps.STEPS, Step.RENEW, killed)
    job = renewals.renewals_start(on=end, run_chunk=lambda chunk_id: None)
    (chunk,) = job.chunks.all()
    with pytest.raises(SystemExit):
        renewals.renewals_chunk(chunk_id=chunk.pk)
    assert Policy.objects.get(pk=inviting.pk).invited_on is None  # taken back
    assert JobChunk.objects.get(pk=chunk.pk).finished_at is None
    assert not EmailSend.objects.filter(policy=inviting, event="renewal_invitation").exists()
    monkeypatch.undo()
    renewals.renewals_chunk(chunk_id=chunk.pk)  # delivered again (acks late)
    job.refresh_from_db()
    assert step_totals(job.counts) == {"invite": 1, "renew": 2} and job.finished_at
