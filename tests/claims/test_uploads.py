"""Claim files: only photos (JPEG, PNG, HEIC) and PDFs, told apart by their content
(not their name or the type the browser gives), each at most CLAIM_FILE_MAX_BYTES, a
request body at most REQUEST_BODY_MAX_BYTES; a refusal says the limit and the types and
stores nothing, neither a row nor a file on disk; downloads are attachments, never
sniffed into another type."""

import io
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from claims.models import Claim, ClaimFile
from tests.policies.selling import TODAY

from .helpers import claim_data, keyed, notify, sold

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


def image(fmt: str, size=(8, 8)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


PNG = image("PNG")
JPEG = image("JPEG")
PDF = image("PDF")  # a real one-page PDF, as Pillow writes it
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
HTML = b"<!doctype html><html><script>alert(document.cookie)</script></html>"
TYPES = "not a photo (JPEG, PNG or HEIC) or a PDF document, the only files that can be added"


@pytest.fixture
def claim(uk_dealer):
    policy = sold(uk_dealer, "smart-cover")
    return notify(policy, "dent", diameter_mm="10", depth_mm="1", aware_date=TODAY)


@pytest.fixture
def staff(client, claim):
    client.force_login(claim.policy.sold_by)
    return client


def stored_files() -> set[Path]:
    return {p for p in Path(django_settings.MEDIA_ROOT).rglob("*") if p.is_file()}


@pytest.fixture
def nothing_stored(claim):
    """The test's request must leave no ClaimFile row and no new file on disk."""
    before_files, before_rows = stored_files(), ClaimFile.objects.count()
    yield
    assert ClaimFile.objects.count() == before_rows
    assert stored_files() == before_files


def add(client, claim, *uploads, follow=True):
    url = reverse("claims:claim-files", args=[claim.pk])
    return client.post(url, {"files": list(uploads)}, follow=follow)


@pytest.mark.parametrize(
    ("name", "content", "browser_type", "stored_type", "kind"),
    [
        ("estimate.pdf", PDF, "application/pdf", "application/pdf", "document"),
        ("scratch.png", PNG, "image/png", "image/png", "photo"),
        ("dent.jpg", JPEG, "image/jpeg", "image/jpeg", "photo"),
        ("IMG_0001.HEIC", HEIC, "application/octet-stream", "image/heic", "photo"),
    ],
)
def test_a_small_photo_or_pdf_is_stored_as_the_type_its_content_shows(
    staff, claim, name, content, browser_type, stored_type, kind
):
    response = add(staff, claim, SimpleUploadedFile(name, content, content_type=browser_type))
    assert "1 file(s) added." in response.content.decode()
    record = claim.files.get()
    assert (record.name, record.content_type, record.kind, record.size) == (
        name, stored_type, kind, len(content))  # fmt: skip
    with record.file.open("rb") as f:
        assert f.read() == content


def test_an_oversized_file_is_refused_naming_the_limit(staff, claim, settings, nothing_stored):
    settings.CLAIM_FILE_MAX_BYTES = 2**20
    big = PDF + b"0" * (2**20 - len(PDF) + 1)
    response = add(staff, claim, SimpleUploadedFile("survey.pdf", big, "application/pdf"))
    assert "survey.pdf is larger than 1 MB, the most a file can be." in response.content.decode()


def test_a_file_of_exactly_the_limit_is_accepted(staff, claim, settings):
    settings.CLAIM_FILE_MAX_BYTES = 2**20
    exact = PDF + b"0" * (2**20 - len(PDF))
    add(staff, claim, SimpleUploadedFile("survey.pdf", exact, "application/pdf"))
    assert claim.files.get().size == 2**20


@pytest.mark.parametrize(
    ("name", "content", "browser_type"),
    [
        ("invoice.pdf", EXE, "application/pdf"),  # a program renamed .pdf
        ("photo.png", HTML, "image/png"),  # a web page sent as a PNG
        ("clip.heic", MP4, "image/heic"),  # a video: starts like a HEIC, is not one
        ("notes.txt", b"%PD", "text/plain"),  # too short to be anything
    ],
)
def test_a_file_whose_content_is_not_a_photo_or_a_pdf_is_refused_naming_the_types(
    staff, claim, nothing_stored, name, content, browser_type
):
    response = add(staff, claim, SimpleUploadedFile(name, content, content_type=browser_type))
    assert f"{name} is {TYPES}." in response.content.decode()


def test_one_refused_file_among_good_ones_stores_none_of_them(staff, claim, nothing_stored):
    good = SimpleUploadedFile("scratch.png", PNG, content_type="image/png")
    bad = SimpleUploadedFile("invoice.pdf", EXE, content_type="application/pdf")
    response = add(staff, claim, good, bad)
    assert f"invoice.pdf is {TYPES}." in response.content.decode()


def test_a_notification_with_a_refused_file_makes_no_claim(client, uk_dealer, nothing_stored):
    policy = sold(uk_dealer, "smart-cover")
    client.force_login(policy.sold_by)
    data = claim_data(policy, "dent", diameter_mm="10", depth_mm="1", aware_date=TODAY)
    exe = SimpleUploadedFile("photo.jpg", EXE, content_type="image/jpeg")
    response = client.post(reverse("claims:claim-notify", args=[policy.pk]),
                           keyed(policy, policy.sold_by, {**data, "files": [exe]}))  # fmt: skip
    assert response.status_code == 200
    assert f"photo.jpg is {TYPES}." in response.content.decode()
    assert not Claim.objects.filter(policy=policy).exists()


def test_a_png_named_pdf_is_kept_as_a_png_with_a_png_name(staff, claim):
    add(staff, claim, SimpleUploadedFile("scan.pdf", PNG, content_type="application/pdf"))
    record = claim.files.get()
    assert (record.name, record.content_type) == ("scan.pdf.png", "image/png")


def test_the_form_says_the_limit_and_the_types_before_anything_is_sent(staff, claim):
    page = staff.get(reverse("claims:claim-detail", args=[claim.pk])).content.decode()
    assert "Photos (JPEG, PNG or HEIC) and PDF documents, 10 MB each at most." in page


def test_a_request_body_over_the_limit_gets_the_413_page_and_nothing_is_stored(
    staff, claim, settings, nothing_stored
):
    settings.REQUEST_BODY_MAX_BYTES = 64 * 2**10
    settings.CLAIM_FILE_MAX_BYTES = 32 * 2**10
    photo = PNG + b"\x00" * 70_000
    response = add(staff, claim, SimpleUploadedFile("big.png", photo, "image/png"), follow=False)
    assert response.status_code == 413
    page = response.content.decode()
    assert "Too much sent at once" in page
    assert "A page can send at most 64 KB at once, and at most 10 files" in page
    assert "each photo or document can be 32 KB at most" in page


def test_form_fields_larger_than_django_reads_get_the_413_page_not_an_error(
    client, uk_dealer, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    policy = sold(uk_dealer, "smart-cover")
    client.force_login(policy.sold_by)
    data = claim_data(policy, "dent", diameter_mm="10", depth_mm="1", aware_date=TODAY)
    response = client.post(reverse("claims:claim-notify", args=[policy.pk]),
                           keyed(policy, policy.sold_by, {**data, "description": "x" * 20_000}),
                           content_type="application/x-www-form-urlencoded")  # fmt: skip
    assert response.status_code == 413
    assert "Too much sent at once" in response.content.decode()
    assert not Claim.objects.exists()


def test_more_files_than_allowed_at_once_get_a_page_saying_how_many(staff, claim, nothing_stored):
    photos = [SimpleUploadedFile(f"p{i}.png", PNG, "image/png") for i in range(11)]
    response = add(staff, claim, *photos, follow=False)
    assert response.status_code == 400
    assert "at most 10 files" in response.content.decode()


def test_a_malformed_upload_gets_the_400_page_not_an_error(staff, claim, nothing_stored):
    body = b'--x\r\nContent-Disposition: form-data; name="files"; filename="a.png"\r\n'
    response = staff.post(reverse("claims:claim-files", args=[claim.pk]), body,
                          content_type="multipart/form-data; boundary=")  # fmt: skip
    assert response.status_code == 400
    assert "The request could not be read" in response.content.decode()


def test_a_download_is_an_attachment_of_its_checked_type_never_sniffed(staff, claim):
    add(staff, claim, SimpleUploadedFile("scratch.png", PNG, content_type="text/html"))
    record = claim.files.get()
    response = staff.get(reverse("claims:claim-file", args=[record.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="scratch.png"'
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PNG


def test_the_files_form_posted_twice_stores_each_file_once(staff, claim):
    """Add the files, then the same post again (a double click, the back button): the
    claim keeps one copy of each, and the page says which were already there."""
    first = add(staff, claim, SimpleUploadedFile("front.png", PNG, "image/png"),
                SimpleUploadedFile("invoice.pdf", PDF, "application/pdf"))  # fmt: skip
    again = add(staff, claim, SimpleUploadedFile("front.png", PNG, "image/png"),
                SimpleUploadedFile("invoice.pdf", PDF, "application/pdf"))  # fmt: skip
    assert "2 file(s) added." in first.content.decode()
    page = again.content.decode()
    assert "Already on the claim, not added again: front.png, invoice.pdf." in page
    assert "file(s) added." not in page
    assert sorted(claim.files.values_list("name", flat=True)) == ["front.png", "invoice.pdf"]


def test_the_same_photo_chosen_twice_in_one_post_is_stored_once(staff, claim):
    add(staff, claim, SimpleUploadedFile("a.png", PNG, "image/png"),
        SimpleUploadedFile("a copy.png", PNG, "image/png"),
        SimpleUploadedFile("b.jpg", JPEG, "image/jpeg"))  # fmt: skip
    assert sorted(claim.files.values_list("name", flat=True)) == ["a.png", "b.jpg"]
