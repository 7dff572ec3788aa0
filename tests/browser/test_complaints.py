"""A complaint's life in the browser (issue 21): a sales manager records a complaint about
a policy, received by phone two weeks ago (past the three-business-day point of DISP 1.5),
acknowledges it, sends the final response with its outcome and redress (both letters read
from the mail server), and closes it; head office finds it in the register."""

import subprocess  # nosec B404 - pdftotext reads the letter
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from complaints.models import Complaint
from tests.browser.conftest import label
from tests.dealers.factories import UserFactory
from tests.policies.selling import TODAY, deal_for, disclosed, sell
from tests.smtp import Inbox

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("products")]


def confirm(page, what, **fields):
    page.get_by_text(what, exact=True).click()
    box = page.get_by_role("group").filter(has=page.get_by_text(what, exact=True))
    for name, value in fields.items():
        field = box.get_by_label(label(name))
        if name in ("Outcome", "Root cause"):
            field.select_option(label=value)
        else:
            field.fill(value)
    box.get_by_role("button", name=f"Confirm: {what}").click()


def pdf_text(message) -> str:
    [pdf] = message.iter_attachments()
    done = subprocess.run(["pdftotext", "-", "-"], input=pdf.get_content(), capture_output=True,
                          check=True)  # fmt: skip
    return " ".join(done.stdout.decode().split())


def test_a_complaint_is_recorded_acknowledged_answered_and_closed(
    page, live_server, log_in, shoot, serious_a11y_problems, uk_dealer, password, start_server
):
    inbox = start_server(Inbox())
    manager = UserFactory(dealer=uk_dealer, role="sales_manager", first_name="Mia",
                          last_name="Manager")  # fmt: skip
    start = TODAY - timedelta(days=60)
    deal = deal_for(uk_dealer, delivery_date=start + timedelta(days=7),
                    first_registration_date=start)  # fmt: skip
    disclosed(deal, "smart-cover", given_on=start - timedelta(days=3))
    answers = {"term_months": 12, "sale_date": start, "delivery_date": start + timedelta(days=7)}
    policy = sell(deal, "smart-cover", answers, on=start, by=manager)
    received = TODAY - timedelta(days=14)
    log_in(manager.username, password)
    page.goto(f"{live_server.url}/policies/{policy.pk}/")
    page.get_by_role("link", name="Record a complaint").click()
    page.get_by_label(label("About")).select_option(label="Claim handling")
    page.get_by_label(label("What the customer says")).fill("The repair of my wheel was refused.")
    page.get_by_label(label("Received on")).fill(received.isoformat())
    page.get_by_label(label("Received by")).select_option(label="Phone")
    page.get_by_role("button", name="Record the complaint").click()
    complaint = Complaint.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Complaint {complaint.number}")
    assert complaint.policy == policy and complaint.received_on == received
    # two weeks on, the three business days are long past: a final response is due
    expect(page.get_by_role("status").filter(has_text="summary resolution point")).to_be_visible()
    expect(page.get_by_text("Resolve with a summary resolution", exact=True)).to_have_count(0)
    confirm(page, "Acknowledge")
    expect(page.get_by_role("status").filter(has_text="Done: Acknowledge")).to_be_visible()
    letters = page.get_by_role("region", name="Letters")
    expect(letters).to_contain_text(f"emailed to {policy.customer.email}")
    shoot("complaint-acknowledged")
    assert serious_a11y_problems() == []
    confirm(page, "Send the final response", **{
        "Outcome": "Partly upheld", "Root cause": "Communication",
        "What we tell the customer": "The wheel was outside the cover, but we did not say so.",
        "Redress paid": "75.00",
    })  # fmt: skip
    expect(
        page.get_by_role("status").filter(has_text="Done: Send the final response")
    ).to_be_visible()
    expect(page.get_by_role("region", name="Outcome")).to_contain_text("£75.00")
    confirm(page, "Close")
    expect(page.get_by_text("Closed", exact=True).first).to_be_visible()
    complaint.refresh_from_db()
    assert (complaint.status, complaint.outcome, str(complaint.redress)) == (
        "closed", "partly_upheld", "75.00")  # fmt: skip
    about = [(to, m) for to, m in inbox.received if complaint.number in m["Subject"]]
    [(to1, acknowledgement), (to2, final)] = about  # the policy's own emails aside
    assert to1 == to2 == [policy.customer.email]
    assert acknowledgement["Subject"] == f"Acknowledgement: your complaint {complaint.number}"
    assert "We will send you our final response by" in pdf_text(acknowledgement)
    text = pdf_text(final)
    assert "partly upheld" in text and "£75.00" in text
    assert "Financial Ombudsman Service" in text and "within 6 months" in text
    shoot("complaint-closed")
    head_office = UserFactory(role="head_office", dealer=None)
    page.context.clear_cookies()
    log_in(head_office.username, password)
    page.goto(f"{live_server.url}/complaints/")
    expect(page.get_by_role("table")).to_contain_text(complaint.number)
    shoot("complaints-register")
    assert serious_a11y_problems() == []
