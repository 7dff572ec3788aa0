"""The renewal job over a policy's calendar: each step on its day, and a second run of the
same day changes nothing (issue 6, first part)."""

from datetime import timedelta

import pytest

from documents.models import EmailSend
from policies.models import JobRun, Policy, PolicyStatus, RenewalPayment
from policies.renewals import renewals_run

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
    assert job.errors == [] and job.done == job.total
    return job.counts


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
    client.post(reverse("policies:policy-renewal", args=[early.pk]), {"auto_renew": "on"})
    early.refresh_from_db()
    assert early.auto_renew
    response = client.post(reverse("policies:policy-renewal", args=[late.pk]),
                           {"auto_renew": "on"}, follow=True)  # fmt: skip
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
    assert "4 / 10" in page and 'hx-trigger="every 2s"' in page
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
    policy.refresh_from_db()
    assert (run.counts, policy.status) == ({"expire": 1}, PolicyStatus.EXPIRED)


@pytest.mark.django_db(transaction=True)
def test_two_workers_renewing_the_same_policy_at_once_make_one_renewal(uk_dealer):
    """Two threads, each with its own database connection, advance the same policy on its
    renewal day at the same moment. On PostgreSQL the row lock makes the second wait and
    find it renewed; the unique renewed_from is the backstop wherever a lock is not held."""
    import threading

    from django.db import connection

    from policies.renewals import renewal_advance

    policy = sold_long_ago(uk_dealer, "motor-uk", MOTOR)
    Policy.objects.filter(pk=policy.pk).update(auto_renew=True)
    for days in (21, 3):
        renewal_advance(policy_id=policy.pk, on=policy.end_date - timedelta(days=days))
    start, outcomes = threading.Barrier(2), []

    def worker():
        try:
            start.wait()
            outcomes.append(renewal_advance(policy_id=policy.pk, on=policy.end_date))
        except Exception as e:  # the loser may also be refused by the database
            outcomes.append(type(e).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert Policy.objects.filter(renewed_from=policy).count() == 1
    assert "renew" in outcomes and len(outcomes) == 2
