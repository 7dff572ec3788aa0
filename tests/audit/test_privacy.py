"""A customer's personal data on request: exported whole; erased where the law allows,
from the records and from their history, keeping the policy records the law requires."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from audit.models import DataRetention, PrivacyRequest
from claims.models import ClaimFile
from dealers.models import Customer, Role
from documents.models import Document
from documents.services import document_generate
from policies.models import Policy, SignedStatement
from policies.signatures import Statement, statements_sign
from tests.claims.helpers import notify, sold
from tests.dealers.factories import DealFactory, UserFactory
from tests.policies.selling import TODAY

pytestmark = pytest.mark.django_db

PERSON = {"first_name": "Zebulonia", "last_name": "Quarrington", "email": "zq@example.org",
          "phone": "+44 161 496 0777", "address_line1": "17 Wolfhound Terrace",
          "city": "Ramsbottom"}  # fmt: skip
VIN, REG = "JTHZZWOLFHOUND987", "WF26 ZQX"
TRACES = [*PERSON.values(), VIN, REG]


def _customer_with_policy(dealer, start=None):
    policy = sold(dealer, "asset-protector", start=start, vin=VIN, registration=REG)
    Customer.objects.filter(pk=policy.customer_id).update(**PERSON)
    Customer.objects.get(pk=policy.customer_id).save()  # a history row with the data
    return Policy.objects.get(pk=policy.pk)


def _traces_left() -> list[str]:
    """Every text anywhere in the database (history and link tables included) that still
    holds one of the customer's identifying values."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        fields = [f.attname for f in model._meta.concrete_fields]
        for row in model.objects.values_list(*fields):
            text = " ".join(str(v) for v in row)
            found += [f"{model._meta.label}: {t}" for t in TRACES if t in text]
    return found


def _age(policy, years):
    """Move the policy's cover `years` into the past (it ended that long ago)."""
    start = TODAY.replace(year=TODAY.year - years - 3)
    Policy.objects.filter(pk=policy.pk).update(
        start_date=start, end_date=start.replace(year=start.year + 3), status="expired"
    )


@pytest.fixture
def lexus_uk(uk_dealer, products):
    return uk_dealer


def test_the_export_holds_everything_on_the_customer_and_is_recorded(client, lexus_uk, head_office):
    policy = _customer_with_policy(lexus_uk)
    client.force_login(head_office)
    url = reverse("audit:customer-export", args=[policy.customer_id])
    response = client.post(url, {"export-reference": "DSR-7"})
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    for key, value in PERSON.items():
        assert data["customer"][key] == value
    assert [v["vin"] for v in data["vehicles"]] == [VIN]
    assert [p["number"] for p in data["policies"]] == [policy.number]
    assert data["policies"][0]["total_premium"] == str(policy.total_premium)
    request = PrivacyRequest.objects.get()
    assert (request.kind, request.reference, request.requested_by) == (
        "export",
        "DSR-7",
        head_office,
    )


@pytest.mark.parametrize("role", [Role.SALES_MANAGER, Role.DEALER_PRINCIPAL])
def test_dealer_staff_can_neither_export_nor_erase(client, lexus_uk, role):
    customer = DealFactory(dealer=lexus_uk, vehicle__customer__dealer=lexus_uk).customer
    client.force_login(UserFactory(role=role, dealer=lexus_uk))
    export = client.post(
        reverse("audit:customer-export", args=[customer.pk]), {"export-reference": "x"}
    )
    erase = client.post(reverse("audit:customer-privacy", args=[customer.pk]),
                        {"reference": "x", "confirm": "on"})  # fmt: skip
    assert (export.status_code, erase.status_code) == (403, 403)
    assert not PrivacyRequest.objects.exists()
    assert Customer.objects.get(pk=customer.pk).erased_at is None


def test_a_customer_whose_policy_is_in_force_is_not_erased_and_the_refusal_is_recorded(
    client, lexus_uk, head_office
):
    policy = _customer_with_policy(lexus_uk)
    client.force_login(head_office)
    url = reverse("audit:customer-privacy", args=[policy.customer_id])
    client.post(url, {"reference": "DSR-8", "confirm": "on"})
    customer = Customer.objects.get(pk=policy.customer_id)
    assert (customer.first_name, customer.email) == (PERSON["first_name"], PERSON["email"])
    request = PrivacyRequest.objects.get()
    assert request.outcome == "refused"
    # UK: seven years (the reading in audit/migrations/0002) after the cover ends.
    assert request.erasable_from == policy.end_date.replace(year=policy.end_date.year + 7)
    page = client.get(url).content.decode()
    assert "cannot be erased yet" in page and policy.number in page


def test_the_retention_period_is_head_offices_data_not_a_constant(lexus_uk, head_office):
    from audit.privacy import customer_retention

    policy = _customer_with_policy(lexus_uk)
    _age(policy, years=4)
    customer = Customer.objects.get(pk=policy.customer_id)
    assert not customer_retention(customer).erasable
    DataRetention.objects.filter(market="UK").update(years=3)
    assert customer_retention(customer).erasable


def test_an_open_claim_keeps_the_customer_from_being_erased(lexus_uk, head_office):
    from audit.privacy import customer_erase

    policy = _customer_with_policy(lexus_uk, start=TODAY - timedelta(days=200))
    notify(
        policy,
        "written_off",
        loss_date=TODAY - timedelta(days=10),
        delivery_date=TODAY - timedelta(days=150),
    )
    _age(policy, years=20)
    done = customer_erase(customer=policy.customer, requested_by=head_office, reference="r")
    assert done.outcome == "refused" and done.erasable_from is None
    assert "Claims still open" in done.detail


def test_past_retention_every_trace_is_erased_and_the_policy_record_kept(
    client, lexus_uk, head_office, django_capture_on_commit_callbacks
):
    policy = _customer_with_policy(lexus_uk)
    document = document_generate(policy=policy, kind="schedule")
    stored = Path(settings.MEDIA_ROOT) / document.file.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):  # signed at the desk, its PDF made
        [signed] = statements_sign(
            deal=policy.deal, signer_name="Zebulonia Quarrington", png=b"png", by=head_office,
            statements=[Statement("information_received", policy.product,
                                  "I, Zebulonia Quarrington of Ramsbottom, have read it.")],
        )  # fmt: skip
    signed_pdf = Path(settings.MEDIA_ROOT) / SignedStatement.objects.get().file.name
    assert signed_pdf.exists() and "Zebulonia" in signed.text
    _age(policy, years=8)
    assert _traces_left()  # the check finds what is there
    client.force_login(head_office)
    url = reverse("audit:customer-privacy", args=[policy.customer_id])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reference": "DSR-9", "confirm": "on"})
    assert response.status_code == 302
    assert _traces_left() == []
    assert not stored.exists() and not Document.objects.exists()
    assert not signed_pdf.exists() and not SignedStatement.objects.exists()
    kept = Policy.objects.get(pk=policy.pk)
    assert (kept.number, kept.total_premium) == (policy.number, policy.total_premium)
    customer = Customer.objects.get(pk=policy.customer_id)
    assert customer.erased_at is not None and str(customer) == "Erased customer"
    last = customer.history.first()
    assert (last.history_user, last.history_change_reason) == (
        head_office,
        "Personal data erased on request (DSR-9)",
    )
    assert PrivacyRequest.objects.get().outcome == "done"


def test_a_customer_without_policies_is_erased_at_once_and_can_no_longer_be_edited(
    client, lexus_uk, head_office
):
    deal = DealFactory(dealer=lexus_uk, vehicle__customer__dealer=lexus_uk,
                       vehicle__vin=VIN, vehicle__registration=REG, notes="likes red")  # fmt: skip
    Customer.objects.filter(pk=deal.customer_id).update(**PERSON)
    client.force_login(head_office)
    url = reverse("audit:customer-privacy", args=[deal.customer_id])
    assert "can be erased" in client.get(url).content.decode()
    client.post(url, {"reference": "DSR-10", "confirm": "on"})
    assert _traces_left() == []
    for page in ("dealers:customer-update", "dealers:customer-deal-create"):
        assert client.get(reverse(page, args=[deal.customer_id])).status_code == 403
    assert client.get(reverse("dealers:vehicle-update", args=[deal.vehicle_id])).status_code == 403


def test_an_erasure_is_not_done_without_the_confirmation(client, lexus_uk, head_office):
    deal = DealFactory(dealer=lexus_uk, vehicle__customer__dealer=lexus_uk)
    client.force_login(head_office)
    url = reverse("audit:customer-privacy", args=[deal.customer_id])
    response = client.post(url, {"reference": "DSR-11"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert Customer.objects.get(pk=deal.customer_id).erased_at is None
    assert not PrivacyRequest.objects.exists()


def test_claim_files_of_an_erased_customer_are_deleted(lexus_uk, head_office, tmp_path):
    from django.core.files.base import ContentFile

    from audit.privacy import customer_erase

    policy = _customer_with_policy(lexus_uk, start=TODAY - timedelta(days=200))
    claim = notify(
        policy,
        "written_off",
        loss_date=TODAY - timedelta(days=10),
        delivery_date=TODAY - timedelta(days=150),
    )
    ClaimFile.objects.create(
        claim=claim, kind="photo", file=ContentFile(b"%PDF-1.4 x", name="a.pdf"), name="a.pdf",
        content_type="application/pdf", size=10, checksum="0" * 64, uploaded_by=head_office,
        uploaded_at=claim.notified_at,
    )  # fmt: skip
    claim.__class__.objects.filter(pk=claim.pk).update(status="closed", settled_on=None)
    _age(policy, years=20)
    Policy.objects.filter(pk=policy.pk).update(end_date=TODAY.replace(year=TODAY.year - 17))
    claim.__class__.objects.filter(pk=claim.pk).update(
        reported_date=TODAY.replace(year=TODAY.year - 17),
        loss_date=TODAY.replace(year=TODAY.year - 17),
    )
    done = customer_erase(customer=policy.customer, requested_by=head_office, reference="r")
    assert done.outcome == "done", done.detail
    assert not ClaimFile.objects.exists()


def _complaint(policy, by, received, summary="Zebulonia Quarrington of Ramsbottom says no"):
    from complaints.services import About, complaint_record

    return complaint_record(customer=policy.customer, about=About(policy=policy),
                            category="sale", summary=summary, received_on=received,
                            channel="letter", recorded_by=by)  # fmt: skip


def test_an_open_complaint_keeps_the_customer_from_being_erased(lexus_uk, head_office):
    from audit.privacy import customer_erase

    policy = _customer_with_policy(lexus_uk, start=TODAY - timedelta(days=200))
    complaint = _complaint(policy, head_office, TODAY - timedelta(days=3))
    _age(policy, years=20)
    done = customer_erase(customer=policy.customer, requested_by=head_office, reference="r")
    assert done.outcome == "refused" and done.erasable_from is None
    assert f"Complaints still open: {complaint.number}." in done.detail


def test_a_complaint_and_its_letters_are_exported_then_erased_with_the_customer(
    lexus_uk, head_office, django_capture_on_commit_callbacks
):
    from audit.privacy import customer_data_export, customer_erase
    from complaints.models import Complaint
    from complaints.services import Decision, complaint_move

    policy = _customer_with_policy(lexus_uk)
    complaint = _complaint(policy, head_office, TODAY - timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        complaint_move(complaint=complaint, action="final_response", by=head_office,
                       expected_version=None,
                       decision=Decision(outcome="not_upheld", root_cause="no_fault",
                                         response="Dear Zebulonia Quarrington, no."))  # fmt: skip
        complaint_move(complaint=complaint, action="close", by=head_office, expected_version=None)
    letter = complaint.letters.get()
    pdf = Path(settings.MEDIA_ROOT) / letter.file.name
    assert pdf.exists() and letter.emailed_to == "zq@example.org"
    exported = customer_data_export(customer=policy.customer, requested_by=head_office)
    [row] = exported["complaints"]
    assert (row["number"], row["outcome"]) == (complaint.number, "not_upheld")
    assert exported["complaint_letters"][0]["kind"] == "final_response"
    _age(policy, years=8)
    long_ago = TODAY.replace(year=TODAY.year - 9)
    Complaint.objects.filter(pk=complaint.pk).update(
        received_on=long_ago, closed_on=long_ago, resolved_on=long_ago, respond_by=long_ago
    )
    with django_capture_on_commit_callbacks(execute=True):
        done = customer_erase(customer=policy.customer, requested_by=head_office, reference="r")
    assert done.outcome == "done", done.detail
    assert _traces_left() == []
    assert not pdf.exists()
    kept = Complaint.objects.get(pk=complaint.pk)
    assert (kept.number, kept.outcome, kept.summary) == (complaint.number, "not_upheld", "")
