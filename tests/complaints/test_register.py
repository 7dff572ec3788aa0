"""The complaints register through its services and pages: recorded with the market's
deadlines, moved on with its letters (PDFs, stored and emailed), refused where the table
refuses, idempotent, scoped to the dealer, as CSV, and the daily check's warnings and
breaches (once each)."""

import subprocess  # nosec B404 - pdftotext reads the letter
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from complaints.models import Complaint, ComplaintLetter
from complaints.services import About, Decision, complaint_move, complaint_record
from complaints.tasks import complaints_daily_task
from complaints.transitions import IllegalMove
from dealers.form_keys import form_key_issue
from tests.claims.helpers import notify, sold
from tests.dealers.factories import CustomerFactory, DealerFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]

FRIDAY_BEFORE_BANK_HOLIDAY = date(2026, 8, 28)


@pytest.fixture
def manager(uk_dealer):
    return UserFactory(role="sales_manager", dealer=uk_dealer)


@pytest.fixture
def gap(uk_dealer):
    return sold(uk_dealer, "smart-cover")


def record(policy, by, received=FRIDAY_BEFORE_BANK_HOLIDAY, category="claim", **more):
    return complaint_record(
        customer=policy.customer,
        about=About(policy=policy),
        category=category,
        summary="The repair took six weeks.",
        received_on=received,
        channel="phone",
        recorded_by=by,
        **more,
    )


def upheld(redress="50.00"):
    return Decision(
        outcome="upheld",
        root_cause="claims_handling",
        response="We are sorry: the repairer was slow.",
        redress=Decimal(redress),
    )


@time_machine.travel("2026-09-01 10:00:00+00:00", tick=False)
def test_a_uk_complaint_is_given_its_deadlines_from_the_rule(gap, manager):
    complaint = record(gap, manager)
    assert complaint.number == f"CMP-UK-{complaint.pk:06d}"
    assert (complaint.acknowledge_by, complaint.resolve_by, complaint.respond_by) == (
        None, date(2026, 9, 3), date(2026, 10, 23))  # fmt: skip
    assert complaint.product == gap.product and complaint.deal == gap.deal
    assert complaint.handler == manager and complaint.currency == "GBP"
    assert "DISP 1.5.2R" in complaint.rule_reference


@time_machine.travel("2026-06-05 10:00:00+00:00", tick=False)
def test_an_australian_dealer_in_western_australia_keeps_its_own_holidays(db):
    wa = DealerFactory(market="AU", region="WA")
    customer = CustomerFactory(dealer=wa)
    complaint = complaint_record(customer=customer, about=About(), category="service",
                                 summary="No call back.", received_on=date(2026, 6, 5),
                                 channel="phone", recorded_by=UserFactory(dealer=wa))  # fmt: skip
    # NSW would keep Monday 8 June (the King's Birthday); WA does not
    assert complaint.acknowledge_by == date(2026, 6, 8)
    assert complaint.respond_by == date(2026, 7, 5)


@time_machine.travel("2026-09-02 10:00:00+00:00", tick=False)
def test_a_summary_resolution_sends_its_letter_with_the_ombudsman_rights(
    gap, manager, django_capture_on_commit_callbacks
):
    complaint = record(gap, manager)
    with django_capture_on_commit_callbacks(execute=True):
        complaint_move(complaint=complaint, action="summary_resolution", by=manager,
                       expected_version=complaint.version, decision=upheld())  # fmt: skip
    complaint.refresh_from_db()
    assert (complaint.status, complaint.outcome, complaint.redress) == (
        "resolved", "upheld", Decimal("50.00"))  # fmt: skip
    letter = ComplaintLetter.objects.get(complaint=complaint)
    assert letter.kind == "summary_resolution" and letter.sent_at is not None
    [message] = mail.outbox
    assert message.to == [gap.customer.email]
    name, pdf, kind = message.attachments[0]
    assert kind == "application/pdf" and pdf.startswith(b"%PDF") and len(pdf) == letter.size
    text = pdf_text(pdf)
    assert "Financial Ombudsman Service" in text and "£50.00" in text
    assert complaint.number in message.subject


def pdf_text(pdf: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True)  # fmt: skip
    return " ".join(done.stdout.decode().split())


@time_machine.travel("2026-09-04 10:00:00+00:00", tick=False)
def test_after_the_third_business_day_only_a_final_response_will_do(gap, manager):
    complaint = record(gap, manager)
    with pytest.raises(Exception, match="summary resolution had to be sent by"):
        complaint_move(complaint=complaint, action="summary_resolution", by=manager,
                       expected_version=None, decision=upheld())  # fmt: skip
    complaint_move(complaint=complaint, action="acknowledge", by=manager, expected_version=None)
    complaint_move(complaint=complaint, action="final_response", by=manager,
                   expected_version=None, decision=upheld("0"))  # fmt: skip
    complaint_move(complaint=complaint, action="close", by=manager, expected_version=None)
    complaint.refresh_from_db()
    assert complaint.status == "closed" and complaint.closed_on == date(2026, 9, 4)
    kinds = set(complaint.letters.values_list("kind", flat=True))
    assert kinds == {"acknowledgement", "final_response"}
    with pytest.raises(IllegalMove):
        complaint_move(complaint=complaint, action="acknowledge", by=manager,
                       expected_version=None)  # fmt: skip


@time_machine.travel("2026-09-04 10:00:00+00:00", tick=False)
def test_a_final_response_needs_its_outcome_and_root_cause(gap, manager):
    complaint = record(gap, manager)
    with pytest.raises(Exception, match="outcome"):
        complaint_move(complaint=complaint, action="final_response", by=manager,
                       expected_version=None, decision=Decision(response="x"))  # fmt: skip
    assert Complaint.objects.get().status == "received"
    assert not ComplaintLetter.objects.exists()


@time_machine.travel("2026-09-04 10:00:00+00:00", tick=False)
def test_a_policy_of_another_customer_is_refused(gap, manager, uk_dealer):
    other = CustomerFactory(dealer=uk_dealer)
    with pytest.raises(Exception, match="not this customer"):
        complaint_record(customer=other, about=About(policy=gap), category="sale",
                         summary="x", received_on=date(2026, 9, 1), channel="phone",
                         recorded_by=manager)  # fmt: skip


@time_machine.travel("2026-09-04 10:00:00+00:00", tick=False)
def test_staff_record_a_complaint_on_the_page_once_even_posted_twice(client, gap, manager):
    client.force_login(manager)
    url = reverse("complaints:complaint-record", args=[gap.customer_id])
    assert "final response by" in client.get(url + f"?policy={gap.pk}").content.decode()
    key = form_key_issue(
        user_id=manager.pk, purpose="complaint", subject=f"customer:{gap.customer_id}"
    )
    data = {"category": "sale", "policy": gap.pk, "summary": "Not told of the excess.",
            "received_on": "2026-09-03", "channel": "email", "submission_key": key}  # fmt: skip
    first = client.post(url, data)
    second = client.post(url, data)
    complaint = Complaint.objects.get()
    assert first.url == second.url == reverse("complaints:complaint-detail", args=[complaint.pk])
    assert complaint.received_on == date(2026, 9, 3) and complaint.recorded_by == manager
    page = client.get(first.url).content.decode()
    assert "8 Sep 2026" in page  # Thu 3: Fri 4 (1), Mon 7 (2), Tue 8 (3)
    future = client.post(
        url,
        {
            **data,
            "received_on": "2026-09-05",
            "submission_key": form_key_issue(
                user_id=manager.pk, purpose="complaint", subject=f"customer:{gap.customer_id}"
            ),
        },
    )
    assert (
        future.status_code == 200 and "cannot be received in the future" in future.content.decode()
    )


@time_machine.travel("2026-09-04 10:00:00+00:00", tick=False)
def test_another_dealers_staff_see_nothing_of_the_complaint(client, gap, manager):
    complaint = record(gap, manager)
    stranger = UserFactory(role="sales_manager", dealer=DealerFactory(market="UK"))
    client.force_login(stranger)
    assert (
        client.get(reverse("complaints:complaint-detail", args=[complaint.pk])).status_code == 404
    )
    assert complaint.number not in client.get(reverse("complaints:complaint-list")).content.decode()
    move = reverse("complaints:complaint-move", args=[complaint.pk, "acknowledge"])
    assert client.post(move).status_code == 404
    record_page = reverse("complaints:complaint-record", args=[gap.customer_id])
    assert client.get(record_page).status_code == 404


@time_machine.travel("2026-09-04 10:00:00+00:00", tick=False)
def test_a_sales_executive_may_record_but_not_move_a_complaint(client, gap, manager, uk_dealer):
    complaint = record(gap, manager)
    seller = UserFactory(dealer=uk_dealer)
    client.force_login(seller)
    move = reverse("complaints:complaint-move", args=[complaint.pk, "acknowledge"])
    assert client.post(move, {"version": complaint.version}).status_code == 403


@time_machine.travel("2026-09-04 10:00:00+00:00", tick=False)
def test_a_move_from_a_page_shown_before_another_one_is_refused(client, gap, manager):
    complaint = record(gap, manager)
    shown = complaint.version
    complaint_move(complaint=complaint, action="acknowledge", by=manager, expected_version=shown)
    client.force_login(manager)
    move = reverse("complaints:complaint-move", args=[complaint.pk, "holding"])
    page = client.post(move, {"version": shown, "note": "waiting"}, follow=True)
    assert "Someone else moved this complaint" in page.content.decode()
    assert not ComplaintLetter.objects.filter(kind="holding").exists()


@time_machine.travel("2026-09-04 10:00:00+00:00", tick=False)
def test_head_office_filters_the_register_and_downloads_it(client, gap, manager, head_office):
    late = record(gap, manager, received=date(2026, 7, 1))  # final response by 26 August
    on_time = record(gap, manager, category="sale")
    client.force_login(head_office)
    url = reverse("complaints:complaint-list")
    page = client.get(url, {"late": "on"}).content.decode()
    assert late.number in page and on_time.number not in page
    rows = client.get(url, {"category": "sale", "csv": "1"}).content.decode().splitlines()
    assert len(rows) == 2 and rows[1].startswith(on_time.number + ",")
    assert "2026-10-23" in rows[1]


def test_the_daily_check_warns_once_and_flags_a_breach_once(gap, manager, head_office):
    with time_machine.travel("2026-09-01 10:00:00+00:00", tick=False):
        complaint = record(gap, manager)  # final response by Friday 23 October
    # five days' warning (the UK rule's reading): from Sunday 18 October
    assert complaints_daily_task("2026-10-17") == {"warned": 0, "breached": 0}
    assert complaints_daily_task("2026-10-18") == {"warned": 1, "breached": 0}
    assert complaints_daily_task("2026-10-19") == {"warned": 0, "breached": 0}
    assert [m.to for m in mail.outbox] == [[manager.email]]
    assert "23/10/2026" in mail.outbox[0].subject or "23 Oct" in mail.outbox[0].subject
    mail.outbox.clear()
    assert complaints_daily_task("2026-10-24") == {"warned": 0, "breached": 1}
    assert complaints_daily_task("2026-10-25") == {"warned": 0, "breached": 0}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([manager.email, head_office.email])
    complaint.refresh_from_db()
    assert (complaint.breached_on, complaint.breach) == (date(2026, 10, 24), "final response")


def test_a_claim_complaint_names_the_claims_policy_and_product(gap, manager):
    claim = notify(gap, "scratch", diameter_mm="400", depth_mm="1",
                   aware_date=date.today() - timedelta(days=2))  # fmt: skip
    complaint = complaint_record(customer=gap.customer, about=About(claim=claim),
                                 category="claim", summary="Declined unfairly.",
                                 received_on=date.today(), channel="letter",
                                 recorded_by=manager)  # fmt: skip
    assert (complaint.claim, complaint.policy, complaint.product) == (claim, gap, gap.product)


@time_machine.travel("2026-12-04 10:00:00+01:00", tick=False)
def test_an_italian_complaint_is_answered_in_italian_with_the_ivass_rights(
    it_dealer, django_capture_on_commit_callbacks
):
    policy = sold(it_dealer, "furto-danni", start=date(2026, 6, 1))
    manager = UserFactory(role="dealer_principal", dealer=it_dealer)
    complaint = record(policy, manager, received=date(2026, 12, 4), category="value")
    assert (complaint.resolve_by, complaint.respond_by) == (None, date(2027, 1, 18))
    with django_capture_on_commit_callbacks(execute=True):
        complaint_move(complaint=complaint, action="final_response", by=manager,
                       expected_version=None, decision=upheld("120.00"))  # fmt: skip
    [message] = mail.outbox
    assert message.subject == f"Risposta definitiva: il suo reclamo {complaint.number}"
    text = pdf_text(message.attachments[0][1])
    assert "Questa è la nostra risposta definitiva." in text and "120,00 €" in text
    assert "IVASS" in text and "Arbitro Assicurativo" in text


def test_without_beat_the_first_look_at_the_register_each_day_runs_the_check(
    client, gap, manager, settings
):
    settings.COMPLAINTS_CHECK_ON_READ = True
    with time_machine.travel("2026-09-01 10:00:00+00:00", tick=False):
        complaint = record(gap, manager)  # final response by Friday 23 October
    client.force_login(manager)
    with time_machine.travel("2026-10-24 09:00:00+00:00", tick=False):
        page = client.get(reverse("complaints:complaint-list")).content.decode()
        client.get(reverse("complaints:complaint-list"))  # the same day: not again
    complaint.refresh_from_db()
    assert complaint.breached_on == date(2026, 10, 24) and "Deadline missed" in page
    assert len(mail.outbox) == 1  # the manager handles it; no head office in this book


def test_head_office_cannot_give_a_rule_a_calendar_the_library_lacks(client, head_office):
    from complaints.rules import rule_of

    rule = rule_of("UK")
    client.force_login(head_office)
    url = reverse("admin:complaints_complaintrule_change", args=[rule.pk])
    form = client.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    for country, subdivision, error in (("XX", "", "no calendar for this country"),
                                        ("GB", "NSW", "no such subdivision")):  # fmt: skip
        page = client.post(url, {**data, "holiday_country": country,
                                 "holiday_subdivision": subdivision})  # fmt: skip
        assert page.status_code == 200 and error in page.content.decode()
    rule.refresh_from_db()
    assert (rule.holiday_country, rule.holiday_subdivision) == ("GB", "ENG")
    saved = client.post(url, {**data, "holiday_subdivision": "WLS"})
    assert saved.status_code == 302, saved.context["errors"]
    assert rule_of("UK").holiday_subdivision == "WLS"
