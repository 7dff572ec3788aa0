"""Tyre and Alloy Cover, a product no code outside this package knows, offered on the menu,
priced, sold on the sale page, documented and emailed, quoted by the API, claimed,
cancelled and renewed by the application's own flows (issue 18).

Figures by hand from the package's reference data: 36 months £240.00, 4 alloy wheels at
£15.00 = £60.00, run-flat tyres £30.00: net £330.00, IPT 12% £39.60, total £369.60. Twelve
months: £120.00 + £60.00 + £30.00 = £210.00, IPT £25.20, total £235.20."""

import subprocess
from datetime import timedelta
from decimal import ROUND_HALF_UP
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from claims.assessment import assess
from claims.models import Claim
from dealers.services import api_token_issue
from documents.models import EmailSend
from policies.models import Policy, PolicyStatus
from policies.renewal_offer import renewal_offer
from policies.renewals import renewals_run
from policies.selectors import step_totals
from products.registry import product_codes, product_definition
from tests.claims.helpers import claim_data, keyed, notify
from tests.dealers.factories import at_version
from tests.policies.selling import TODAY, deal_for, disclosed, sell, sell_on_page
from tests.smtp import Inbox

from . import CODE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tyre_alloy")]

ANSWERS = {"term_months": 36, "wheels": 4, "run_flat": True, "invoice_price": D("32000")}


def page_form(term="36", wheels="4", run_flat="True", **more):
    p = CODE
    return {f"{p}-term_months": term, f"{p}-wheels": wheels, f"{p}-run_flat": run_flat,
            f"{p}-invoice_price": "32000", f"{p}-fitter": "Kwik Fit Bolton",
            f"{p}-payment_plan": "single", "disclosure-acknowledged": "on", **more}  # fmt: skip


def sold(dealer, start, **answers):
    deal = deal_for(dealer)
    disclosed(deal, CODE, given_on=start)
    return sell(deal, CODE, {**ANSWERS, **answers}, on=start)


def pdf_text(document) -> str:
    data = document.file.open("rb").read()
    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode()  # fmt: skip


def test_it_is_registered_complete_and_loaded_with_its_reference_data(tyre_alloy):
    assert CODE in product_codes() and product_definition(CODE).missing() == []
    assert (tyre_alloy.name, tyre_alloy.market, tyre_alloy.currency) == (
        "Tyre and Alloy Cover", "UK", "GBP")  # fmt: skip
    assert tyre_alloy.rate_cards.get().entries.get(key="term:36").value == D("240.00")


def test_the_menu_offers_it_and_the_sale_page_sells_and_emails_it_at_the_price_shown(
    client, uk_dealer, start_server, django_capture_on_commit_callbacks
):
    inbox = start_server(Inbox())
    deal = deal_for(uk_dealer)
    disclosed(deal, CODE)
    client.force_login(deal.salesperson)
    menu = client.get(reverse("policies:deal-menu", args=[deal.pk])).content.decode()
    assert "Tyre and Alloy Cover" in menu and "Alloy wheels covered" in menu
    url = reverse("policies:deal-sell", args=[deal.pk, CODE])
    assert "£369.60" in client.post(url, {**page_form(), "update": ""}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = sell_on_page(client, url, page_form())
    policy = Policy.objects.get()
    assert response["Location"] == f"/policies/menu/{policy.deal_id}/"  # back to the menu
    assert (policy.number, policy.total_premium, policy.net_premium, policy.tax_total) == (
        "TAC-000001", D("369.60"), D("330.00"), D("39.60"))  # fmt: skip
    assert [c["amount"] for c in policy.breakdown["components"]] == ["240.00", "60.00", "30.00"]
    # Stored by its schema, under its version: the fitter too, though it is not priced.
    assert policy.answers_version == 2
    assert {k: policy.answers[k] for k in ("wheels", "run_flat", "fitter")} == {
        "wheels": 4, "run_flat": True, "fitter": "Kwik Fit Bolton"}  # fmt: skip
    send = EmailSend.objects.get(policy=policy)
    assert (send.event, send.status) == ("sale", "sent")
    [(recipients, message)] = inbox.received
    assert recipients == [policy.customer.email]
    assert message["Subject"] == f"Your Tyre and Alloy Cover policy {policy.number}"
    schedule = pdf_text(send.documents.get(kind="schedule"))
    for words in ("Tyre and Alloy Cover", "TAC-000001", "Cosmetic repair of 4 wheels",
                  "£369.60", "Sample Insurance Services Ltd"):  # fmt: skip
        assert words in schedule


def test_the_form_and_the_api_take_and_refuse_the_same_answers(client, uk_dealer):
    deal = deal_for(uk_dealer)
    client.force_login(deal.salesperson)
    price = reverse("policies:deal-price", args=[deal.pk, CODE])
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token_issue(user=deal.salesperson)[1]}")

    def quote(**change):
        body = {"product": CODE, "term_months": 36, "wheels": 4, "run_flat": True,
                "invoice_price": "32000.00", **change}  # fmt: skip
        return api.post("/api/v1/quotes", body, format="json")

    answer = quote().json()
    assert [(o["plan"], o["total"]) for o in answer["payment_options"]] == [
        ("single", "369.60"), ("monthly", "369.60")]  # fmt: skip
    assert answer["payment_options"][1]["instalments"] == ["30.80"] * 12
    assert "£369.60" in client.post(price, page_form()).content.decode()
    # Five wheels is the most; six is refused by both, on the same field.
    assert quote(wheels=5).status_code == 200
    assert quote(wheels=6).json()["errors"]["wheels"]
    assert "less than or equal to 5" in client.post(price, page_form(wheels="6")).content.decode()
    # The schema's own check between answers, in both.
    assert quote(wheels=0).json()["errors"]["run_flat"] == [
        "Run-flat cover needs at least one wheel covered."]  # fmt: skip
    page = client.post(price, page_form(wheels="0")).content.decode()
    assert "Run-flat cover needs at least one wheel covered." in page
    schema = client.get("/api/v1/schema/?format=json").json()
    assert schema["components"]["schemas"]["TyreAlloyQuote"]["properties"]["wheels"] == {
        "type": "integer", "maximum": 5, "minimum": 0, "title": "Alloy wheels covered"}  # fmt: skip


def test_a_claim_is_notified_on_the_page_and_assessed_by_its_product(client, uk_dealer):
    policy = sold(uk_dealer, TODAY - timedelta(days=100))
    client.force_login(policy.sold_by)
    page = client.get(reverse("claims:claim-notify", args=[policy.pk])).content.decode()
    assert "Alloy wheel kerbed" in page and "Repair or replacement cost" in page
    data = claim_data(policy, "kerbed", repair_cost="180.00")
    client.post(reverse("claims:claim-notify", args=[policy.pk]),
                keyed(policy, policy.sold_by, data))  # fmt: skip
    claim = Claim.objects.get()
    assert (claim.number, claim.facts["repair_cost"], claim.facts_version) == (
        f"{policy.number}/1", "180.00", 2)  # fmt: skip
    assert (assess(claim).covered, assess(claim).payable) == (True, D("155.00"))  # 180 - 25
    claim.facts["repair_cost"] = "600.00"  # over the £400 limit: £400 less the excess
    assert assess(claim).payable == D("375.00")
    claim.facts["repair_cost"] = "20.00"
    assert assess(claim).covered is False  # within the excess
    page = client.get(reverse("claims:claim-detail", args=[claim.pk])).content.decode()
    assert "£155.00" in page


def test_it_is_cancelled_with_a_refund_pro_rata_by_days(client, uk_dealer):
    policy = sold(uk_dealer, TODAY - timedelta(days=100))
    days = (policy.end_date - policy.start_date).days
    by_hand = (D("369.60") * (days - 100) / days).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    client.force_login(policy.sold_by)
    form = at_version(policy, {"cancel_on": TODAY.isoformat(), "reason": "Sold the car"})
    url = reverse("policies:policy-cancel", args=[policy.pk])
    assert f"£{by_hand}" in client.post(url, {**form, "action": "preview"}).content.decode()
    client.post(url, {**form, "action": "confirm", "shown_refund": str(by_hand)})
    policy.refresh_from_db()
    assert (policy.status, policy.refund, policy.cancellation_fee) == (
        PolicyStatus.CANCELLED, by_hand, D("0.00"))  # fmt: skip


def run(on):
    job = renewals_run(on=on)
    assert job.errors == [] and job.done == job.total
    return step_totals(job.counts)


def test_it_renews_through_the_daily_job_priced_again(uk_dealer):
    policy = sold(uk_dealer, TODAY - timedelta(days=340), term_months=12)
    policy.auto_renew = True
    policy.save()
    end = policy.end_date
    assert run(end - timedelta(days=21)) == {"invite": 1}
    assert EmailSend.objects.filter(policy=policy, event="renewal_invitation").count() == 1
    run(end - timedelta(days=3))
    assert run(end) == {"renew": 1}
    renewed = Policy.objects.get(renewed_from=policy)
    assert (renewed.start_date, renewed.total_premium, renewed.number) == (
        end, D("235.20"), "TAC-000002")  # fmt: skip
    assert (renewed.answers_version, renewed.answers["wheels"]) == (2, 4)


def test_a_policy_stored_under_the_first_version_still_reads_and_renews(uk_dealer):
    """Version 1 asked whether the car had alloys; version 2 asks how many wheels."""
    policy = sold(uk_dealer, TODAY - timedelta(days=340), term_months=12, run_flat=False)
    answers = {k: v for k, v in policy.answers.items() if k != "wheels"}
    Policy.objects.filter(pk=policy.pk).update(answers={**answers, "alloys": True},
                                               answers_version=1)  # fmt: skip
    policy.refresh_from_db()
    offer = renewal_offer(policy)
    assert offer.repriced and offer.answers["wheels"] == 4 and "alloys" not in offer.answers
    assert offer.choices[0].total == D("201.60")  # (£120 + £60) × 1.12


def test_adding_it_needed_no_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)  # exits 1 if one is due


def test_a_claim_taken_by_the_first_version_of_its_form_still_reads(client, uk_dealer):
    """Version 1 of the claim form called the cost "cost"; the form is at version 2."""
    policy = sold(uk_dealer, TODAY - timedelta(days=100))
    claim = notify(policy, "puncture", repair_cost="180.00")
    Claim.objects.filter(pk=claim.pk).update(facts={"cost": "90.00"}, facts_version=1)
    claim.refresh_from_db()
    assert assess(claim).payable == D("65.00")  # £90 less the £25 excess
    client.force_login(policy.sold_by)
    page = client.get(reverse("claims:claim-detail", args=[claim.pk])).content.decode()
    assert "£90.00" in page
