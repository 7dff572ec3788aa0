"""The claim pages through the client: notify with photos, the list with its filters and
search, the claim with its assessment and history, the moves, and the scoping (another
dealer's claim, policy or file is a 404)."""

import re
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.models import Claim, ClaimFile
from tests.dealers.factories import DealerFactory, UserFactory
from tests.policies.selling import TODAY

from .helpers import claim_data, keyed, notify, sold

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"0" * 64


@pytest.fixture
def smart(uk_dealer):
    return sold(uk_dealer, "smart-cover")


@pytest.fixture
def handler(db):
    return UserFactory(role="head_office", dealer=None)


def scratch_form(policy, **more):
    return claim_data(policy, "scratch", diameter_mm="400", depth_mm="1",
                      aware_date=TODAY - timedelta(days=2), **more)  # fmt: skip


def test_staff_notify_a_claim_with_a_photo_and_see_its_assessment(client, smart):
    client.force_login(smart.sold_by)
    page = client.get(reverse("claims:claim-notify", args=[smart.pk])).content.decode()
    assert "Size across (mm)" in page and "Stone chip" in page
    photo = SimpleUploadedFile("scratch.jpg", JPEG, content_type="image/jpeg")
    response = client.post(reverse("claims:claim-notify", args=[smart.pk]),
                           keyed(smart, smart.sold_by, {**scratch_form(smart), "files": [photo]}),
                           follow=True)  # fmt: skip
    claim = Claim.objects.get()
    assert (claim.number, claim.status) == (f"{smart.number}/1", "notified")
    html = response.content.decode()
    assert f"Claim {claim.number} is notified." in html
    assert "SMART Cover repairs scratches, scuffs and dents up to 300 mm in diameter." in html
    stored = ClaimFile.objects.get()
    assert (stored.kind, stored.size, stored.name) == ("photo", len(JPEG), "scratch.jpg")


def test_a_future_loss_or_a_report_before_the_loss_is_refused_with_the_reason(client, smart):
    client.force_login(smart.sold_by)
    data = keyed(smart, smart.sold_by, scratch_form(smart))
    data["loss_date"] = (TODAY + timedelta(days=1)).isoformat()
    page = client.post(reverse("claims:claim-notify", args=[smart.pk]), data).content.decode()
    assert "it cannot be in the future." in page  # the plausible window of a loss
    data["loss_date"], data["reported_date"] = (
        TODAY.isoformat(),
        (TODAY - timedelta(days=1)).isoformat(),
    )
    page = client.post(reverse("claims:claim-notify", args=[smart.pk]), data).content.decode()
    assert "A loss cannot be reported before it happened." in page
    assert not Claim.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "kind", "error"),
    [
        ("virus.jpg", b"MZ\x90\x00" + b"0" * 64, "image/jpeg", "is not a photo"),
        ("notes.txt", b"hello", "text/plain", "is not a photo"),
    ],
)
def test_a_file_that_is_not_a_photo_or_a_pdf_is_refused(client, smart, name, content, kind, error):
    client.force_login(smart.sold_by)
    upload = SimpleUploadedFile(name, content, content_type=kind)
    data = keyed(smart, smart.sold_by, {**scratch_form(smart), "files": [upload]})
    page = client.post(reverse("claims:claim-notify", args=[smart.pk]), data).content.decode()
    assert error in page and not Claim.objects.exists()


def test_a_file_over_10_mb_is_refused(client, smart):
    claim = notify(smart, "dent", diameter_mm="10", depth_mm="1", aware_date=TODAY)
    client.force_login(smart.sold_by)
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * 10 * 2**20, content_type="application/pdf")
    response = client.post(reverse("claims:claim-files", args=[claim.pk]), {"files": [big]},
                           follow=True)  # fmt: skip
    assert "big.pdf is larger than 10 MB, the most a file can be." in response.content.decode()
    assert not claim.files.exists()


def test_files_are_downloaded_by_the_dealers_staff_only(client, smart, uk_dealer):
    claim = notify(smart, "dent", diameter_mm="10", depth_mm="1", aware_date=TODAY)
    client.force_login(smart.sold_by)
    client.post(
        reverse("claims:claim-files", args=[claim.pk]),
        {"files": [SimpleUploadedFile("estimate.pdf", PDF, content_type="application/pdf")]},
    )
    record = claim.files.get()
    response = client.get(reverse("claims:claim-file", args=[record.pk]))
    assert b"".join(response.streaming_content) == PDF
    assert 'attachment; filename="estimate.pdf"' in response["Content-Disposition"]
    client.force_login(UserFactory(dealer=DealerFactory(market="UK")))
    assert client.get(reverse("claims:claim-file", args=[record.pk])).status_code == 404


@pytest.mark.parametrize("name", ["claims:claim-detail", "claims:claim-edit"])
def test_another_dealers_claim_is_not_found(client, smart, name):
    claim = notify(smart, "dent", diameter_mm="10", depth_mm="1", aware_date=TODAY)
    client.force_login(UserFactory(dealer=DealerFactory(market="UK")))
    assert client.get(reverse(name, args=[claim.pk])).status_code == 404
    assert client.get(reverse("claims:claim-notify", args=[smart.pk])).status_code == 404


def test_the_list_is_scoped_filtered_and_searched(client, smart, uk_dealer):
    mine = notify(smart, "dent", diameter_mm="10", depth_mm="1", aware_date=TODAY)
    other_policy = sold(DealerFactory(market="UK"), "smart-cover")
    other = notify(other_policy, "dent", diameter_mm="10", depth_mm="1", aware_date=TODAY)
    client.force_login(smart.sold_by)
    page = client.get(reverse("claims:claim-list")).content.decode()
    assert mine.number in page and other.number not in page
    registration = smart.vehicle.registration
    assert (
        mine.number
        in client.get(reverse("claims:claim-list"), {"q": registration}).content.decode()
    )
    assert mine.number not in client.get(reverse("claims:claim-list"),
                                         {"status": "settled"}).content.decode()  # fmt: skip
    client.force_login(UserFactory(role="head_office", dealer=None))
    page = client.get(reverse("claims:claim-list")).content.decode()
    assert mine.number in page and other.number in page


def test_head_office_moves_a_claim_on_the_page_and_dealer_staff_are_told_why_not(
    client, smart, handler
):
    claim = notify(smart, "scratch", diameter_mm="400", depth_mm="1", aware_date=TODAY)
    move = lambda action, **data: client.post(  # noqa: E731
        reverse("claims:claim-move", args=[claim.pk, action]), data, follow=True
    ).content.decode()
    client.force_login(smart.sold_by)
    assert "Only head office can start the assessment of a claim." in move("assess")
    client.force_login(handler)
    assert "is now under assessment" in move("assess")
    assert "Say why: a reason is needed to Decline." in move("decline")
    page = move("decline", reason="Larger than 300 mm")
    assert "is now declined" in page and "Larger than 300 mm" in page  # in the history
    claim.refresh_from_db()
    assert claim.assessment["covered"] is False and claim.decision == "declined"


def test_a_settled_claim_shows_what_was_paid_to_whom(client, uk_dealer, handler):
    from claims.services import claim_move

    policy = sold(uk_dealer, "asset-protector", {"invoice_price": D("22000")})
    claim = notify(policy, "written_off", delivery_date=TODAY - timedelta(days=200),
                   insurer_settlement="13000")  # fmt: skip
    for action, extra in [
        ("assess", {}),
        ("approve", {"amount": D("9000.00")}),
        ("settle", {"amount": D("9000.00"), "payee": "Jo Bloggs"}),
    ]:
        claim = claim_move(claim=claim, action=action, by=handler, **extra)
    client.force_login(policy.sold_by)
    page = client.get(reverse("claims:claim-detail", args=[claim.pk])).content.decode()
    assert "£9,000.00" in page and "Jo Bloggs" in page
    assert "Head office assesses and decides the claim." in page  # no buttons for the dealer
    page = client.get(reverse("claims:claim-list")).content.decode()
    assert "£9,000.00" in page


def test_the_facts_are_changed_while_the_claim_is_open(client, uk_dealer):
    policy = sold(uk_dealer, "asset-protector", {"invoice_price": D("22000")})
    claim = notify(policy, "written_off", delivery_date=TODAY - timedelta(days=200))
    client.force_login(policy.sold_by)
    page = client.get(reverse("claims:claim-detail", args=[claim.pk])).content.decode()
    assert "The rules need more facts: Motor insurer&#x27;s settlement." in page
    data = claim_data(policy, "written_off", delivery_date=TODAY - timedelta(days=200),
                      insurer_settlement="13000")  # fmt: skip
    response = client.post(reverse("claims:claim-edit", args=[claim.pk]), data, follow=True)
    assert "£9,000.00" in response.content.decode()


def test_an_italian_dealer_sees_the_claim_and_its_settlement_in_italian(client, it_dealer):
    policy = sold(it_dealer, "furto-danni")  # Rosso, insured value 40.000 €
    claim = notify(policy, "furto", damage="2000", in_network="True")
    client.force_login(policy.sold_by)
    page = client.get(reverse("claims:claim-detail", args=[claim.pk])).content.decode()
    assert "Valutazione" in page and "Furto o rapina" in page
    assert "1.600,00\xa0€" in page  # 2.000 € less the 10% scoperto, at least 400 €
    assert "Danno parziale: scoperto del 10%, minimo 400,00\xa0€." in page


def test_the_notify_form_posted_twice_makes_one_claim(client, smart):
    client.force_login(smart.sold_by)
    page = client.get(reverse("claims:claim-notify", args=[smart.pk])).content.decode()
    key = re.search(r'name="submission_key" value="([^"]+)"', page).group(1)
    data = {**scratch_form(smart), "submission_key": key}
    url = reverse("claims:claim-notify", args=[smart.pk])
    first = client.post(url, data)
    again = client.post(url, data, follow=True)  # a double click, or the back button
    claim = Claim.objects.get()
    assert first.url == reverse("claims:claim-detail", args=[claim.pk])
    assert again.redirect_chain[-1][0] == first.url
    assert f"This claim was already notified: {claim.number}." in again.content.decode()
    assert claim.submission_key.startswith("form:")


def test_a_notify_key_of_another_user_or_policy_or_made_up_is_refused(client, smart):
    other = sold(smart.dealer, "smart-cover")
    client.force_login(smart.sold_by)
    url = reverse("claims:claim-notify", args=[smart.pk])
    for key in ("made-up", keyed(other, smart.sold_by, {})["submission_key"],
                keyed(smart, UserFactory(dealer=smart.dealer), {})["submission_key"]):  # fmt: skip
        page = client.post(url, {**scratch_form(smart), "submission_key": key})
        assert page.status_code == 200
        assert "This form has expired or was not opened by you" in page.content.decode()
    assert not Claim.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("loss_date", "0001-01-01", "Enter a date between"),
        ("loss_date", "9999-12-31", "Enter a date between"),
        ("reported_date", "9999-12-31", "Enter a date between"),
        ("aware_date", "0001-06-01", "Enter a date between"),
        ("loss_date", None, "The date of loss cannot be before the policy started"),
    ],
)
def test_an_implausible_claim_date_is_refused_with_a_clear_message(client, smart, field, value,
                                                                  message):  # fmt: skip
    client.force_login(smart.sold_by)
    data = keyed(smart, smart.sold_by, scratch_form(smart))
    data[field] = value or (smart.start_date - timedelta(days=1)).isoformat()
    page = client.post(reverse("claims:claim-notify", args=[smart.pk]), data).content.decode()
    assert message in page
    assert not Claim.objects.exists()
