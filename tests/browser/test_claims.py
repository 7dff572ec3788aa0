"""Claims in the browser: dealer staff notify a GAP claim that head office assesses,
approves and settles; and a SMART claim for a 400 mm scratch, declined with the reason."""

from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from claims.models import Claim
from tests.browser.conftest import label
from tests.dealers.factories import UserFactory
from tests.policies.selling import GAP, SMART, TODAY, deal_for, disclosed, sell

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("products")]


def policy_of(dealer, code, answers, seller, days_ago=200):
    start = TODAY - timedelta(days=days_ago)
    deal = deal_for(dealer, delivery_date=start, first_registration_date=start)
    disclosed(deal, code, given_on=start - timedelta(days=3))
    return sell(deal, code, answers, on=start, by=seller)


@pytest.fixture
def people(uk_dealer, password):
    seller = UserFactory(dealer=uk_dealer, first_name="Sam", last_name="Seller")
    handler = UserFactory(role="head_office", dealer=None, first_name="Hana", last_name="Handler")
    return seller, handler


def notify_on_the_page(page, live_server, policy, event, fields):
    page.goto(f"{live_server.url}/policies/{policy.pk}/")
    page.get_by_role("link", name="Notify a claim").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notify a claim")
    page.get_by_label(label("What happened")).select_option(label=event)
    page.get_by_label(label("Date of loss")).fill((TODAY - timedelta(days=4)).isoformat())
    for name, value in fields.items():
        page.get_by_label(label(name)).fill(value)
    page.get_by_role("button", name="Notify the claim").click()
    expect(page.get_by_role("status").filter(has_text="is notified")).to_be_visible()


def move(page, what, **fields):
    """Open the move's form, fill it in and confirm."""
    page.get_by_text(what, exact=True).click()
    box = page.get_by_role("group").filter(has=page.get_by_text(what, exact=True))
    for name, value in fields.items():
        box.get_by_label(name).fill(value)
    box.get_by_role("button", name=f"Confirm: {what}").click()


def switch_user(page, log_in, user, password, claim):
    page.context.clear_cookies()
    log_in(user.username, password)
    page.goto(page.url.split("/claims/")[0] + f"/claims/{claim.pk}/")


def test_a_gap_claim_is_notified_by_the_dealer_and_settled_by_head_office(
    page, live_server, log_in, shoot, uk_dealer, people, password, serious_a11y_problems
):
    seller, handler = people
    policy = policy_of(uk_dealer, "asset-protector", {**GAP, "invoice_price": Decimal("22000")},
                       seller)  # fmt: skip
    log_in(seller.username, password)
    notify_on_the_page(page, live_server, policy, "Written off",
                       {"Motor insurer's settlement": "13000"})  # fmt: skip
    assessment = page.get_by_role("region", name="Assessment")
    expect(assessment).to_contain_text("Payable: £9,000.00 · The customer")  # §1 seed
    expect(assessment.get_by_role("row", name="Market value at the loss")).to_contain_text(
        "£13,000.00"
    )
    expect(page.get_by_text("Head office assesses and decides the claim.")).to_be_visible()
    claim = Claim.objects.get()

    switch_user(page, log_in, handler, password, claim)
    move(page, "Start the assessment")
    expect(page.get_by_role("status").filter(has_text="now under assessment")).to_be_visible()
    page.get_by_text("Approve", exact=True).click()
    expect(page.get_by_label("Amount approved (GBP)")).to_have_value("9000.00")
    page.get_by_role("button", name="Confirm: Approve").click()
    expect(page.get_by_role("status").filter(has_text="now approved")).to_be_visible()
    page.get_by_text("Record the settlement", exact=True).click()
    expect(page.get_by_label("Paid to")).to_have_value(str(policy.customer))
    page.get_by_role("button", name="Confirm: Record the settlement").click()
    decision = page.get_by_role("region", name="Decision")
    expect(decision).to_contain_text(f"Paid: £9,000.00 to {policy.customer}")
    expect(page.get_by_role("region", name="History")).to_contain_text("Approved → Settled")
    shoot("claim-gap-settled")
    assert serious_a11y_problems() == []
    claim.refresh_from_db()
    assert (claim.status, claim.settled_amount, claim.payee) == ("settled", Decimal("9000.00"),
                                                                 str(policy.customer))  # fmt: skip


def test_a_smart_claim_for_a_400_mm_scratch_is_declined_with_the_reason(
    page, live_server, log_in, shoot, uk_dealer, people, password
):
    seller, handler = people
    start = TODAY - timedelta(days=60)
    answers = {**SMART, "sale_date": start, "delivery_date": start + timedelta(days=7)}
    policy = policy_of(uk_dealer, "smart-cover", answers, seller, days_ago=60)
    log_in(seller.username, password)
    notify_on_the_page(page, live_server, policy, "Scratch", {
        "Size across (mm)": "400", "Depth (mm)": "1",
        "The customer became aware of it on": (TODAY - timedelta(days=3)).isoformat()})  # fmt: skip
    reason = ("The scratch is 400 mm across; SMART Cover repairs scratches, scuffs and dents "
              "up to 300 mm in diameter.")  # fmt: skip
    assessment = page.get_by_role("region", name="Assessment")
    expect(assessment.get_by_role("status")).to_contain_text("Not covered:")
    expect(assessment.get_by_role("status")).to_contain_text(reason)
    shoot("claim-smart-not-covered")
    claim = Claim.objects.get()

    switch_user(page, log_in, handler, password, claim)
    move(page, "Start the assessment")
    move(page, "Decline", **{"Reason (required)": "Larger than SMART Cover repairs (300 mm)."})
    expect(page.get_by_role("status").filter(has_text="now declined")).to_be_visible()
    history = page.get_by_role("region", name="History")
    expect(history).to_contain_text("Under assessment → Declined")
    expect(history).to_contain_text("Larger than SMART Cover repairs (300 mm).")
    expect(page.get_by_role("region", name="Assessment")).to_contain_text(reason)
    shoot("claim-smart-declined")
    claim.refresh_from_db()
    assert (claim.status, claim.decision) == ("declined", "declined")


def test_a_motor_claim_asks_only_the_questions_of_the_section_chosen(
    page, live_server, log_in, uk_dealer, people, password, serious_a11y_problems
):
    from tests.policies.selling import MOTOR

    seller, _handler = people
    policy = policy_of(uk_dealer, "motor-uk", MOTOR, seller)
    log_in(seller.username, password)
    page.goto(f"{live_server.url}/claims/new/{policy.pk}/")
    glass = page.get_by_role("group", name="Section 5: glass")
    keys = page.get_by_role("group", name="Key Protect", exact=True)
    expect(glass).to_be_visible()  # nothing chosen yet: every question shows
    page.get_by_label(label("What happened")).select_option(
        label="Windscreen or windows (section 5)"
    )
    expect(glass).to_be_visible()
    expect(keys).to_be_hidden()
    page.get_by_label(label("What happened")).select_option(
        label="Key Protect: keys lost, stolen, damaged or locked in"
    )
    expect(keys).to_be_visible()
    expect(glass).to_be_hidden()
    assert serious_a11y_problems() == []


def test_a_claim_notified_then_notified_again_after_the_back_button_is_one_claim(
    page, live_server, log_in, shoot, uk_dealer, people, password
):
    seller, _handler = people
    start = TODAY - timedelta(days=60)
    answers = {**SMART, "sale_date": start, "delivery_date": start + timedelta(days=7)}
    policy = policy_of(uk_dealer, "smart-cover", answers, seller, days_ago=60)
    log_in(seller.username, password)
    notify_on_the_page(page, live_server, policy, "Scratch", {
        "Size across (mm)": "40", "Depth (mm)": "1",
        "The customer became aware of it on": (TODAY - timedelta(days=3)).isoformat()})  # fmt: skip
    first = Claim.objects.get()

    page.go_back()
    expect(page.get_by_label(label("Size across (mm)"))).to_have_value("40")
    page.get_by_role("button", name="Notify the claim").click()

    expect(page.get_by_text(f"This claim was already notified: {first.number}.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(first.number)
    shoot("claim-notified-twice")
    assert Claim.objects.count() == 1
