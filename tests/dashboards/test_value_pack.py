"""The fair value pack of a product for a year: a PDF and a CSV of the measures by dealer,
the monthly trend, the thresholds and breaches, and the complaints with their outcomes
(the book of tests/dashboards/value_book.py); head office's only."""

import csv
import io
import shutil
import subprocess  # nosec B404 # pdftotext, to read the PDF's text
from decimal import Decimal as D

import pytest
from django.urls import reverse

from dashboards.models import ValueThreshold
from dashboards.refresh import dashboards_refresh
from tests.dealers.factories import UserFactory
from tests.policies.selling import TODAY

from .value_book import value_book

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


@pytest.fixture
def book(products):
    made = value_book()
    ValueThreshold.objects.create(product=made["smart"], measure="commission_share",
                                  bound="max", share=D("0.3500"),
                                  notes="Reading: at most 35%.")  # fmt: skip
    dashboards_refresh()
    return made


def pack(client, user, book, fmt):
    client.force_login(user)
    query = {"product": book["smart"].pk, "year": TODAY.year, "format": fmt}
    return client.get(reverse("dashboards:value-pack"), query)


def sections(content: bytes) -> dict[str, list[list[str]]]:
    """The CSV's tables by title: each a header row and its rows."""
    found: dict[str, list[list[str]]] = {}
    title = None
    for row in list(csv.reader(io.StringIO(content.decode())))[1:]:
        if not row:
            title = None
        elif title is None:
            title = row[0]
            found[title] = []
        else:
            found[title].append(row)
    return found


def table(rows: list[list[str]]) -> list[dict[str, str]]:
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_the_csv_has_the_dealers_months_thresholds_and_complaints(client, book, head_office):
    """Complaints about SMART Cover this year: one about claims, upheld, £50.00 redress;
    one about the sale, not upheld: two, £50.00 in all. Leeds' commission £200 / £500 =
    0.40 is above the 0.35 threshold: a breach; Manchester paid £300.00 on one claim."""
    response = pack(client, head_office, book, "csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    found = sections(response.content)
    assert list(found) == ["The year", "By dealer", "By month", "Thresholds", "Breaches",
                           "Complaints"]  # fmt: skip
    dealers = {r["Dealer"]: r for r in table(found["By dealer"])}
    assert set(dealers) == {"Lexus Manchester", "Lexus Leeds", "Lexus Bristol"}
    assert dealers["Lexus Leeds"]["Commission of premium"] == "0.4000"
    assert dealers["Lexus Manchester"]["Average claim pay-out"] == "300.00"
    assert f"{TODAY:%Y-%m}" in [r["Month"] for r in table(found["By month"])]
    assert table(found["Thresholds"]) == [
        {"Measure": "Commission as a share of premium", "The figure should be": "at most",
         "Share": "0.3500", "Reading": "Reading: at most 35%."}
    ]  # fmt: skip
    breaches = [(b["Where"], b["Measure"], b["Figure"]) for b in table(found["Breaches"])]
    assert ("Lexus Leeds", "Commission as a share of premium", "0.4000") in breaches
    assert all(b[1] == "Commission as a share of premium" for b in breaches)
    complaints = table(found["Complaints"])
    assert complaints == [
        {"About": "Claim handling", "Outcome": "Upheld", "Currency": "GBP", "Complaints": "1",
         "Redress paid": "50.00"},
        {"About": "How it was sold", "Outcome": "Not upheld", "Currency": "GBP",
         "Complaints": "1", "Redress paid": "0.00"},
        {"About": "Total", "Outcome": "", "Currency": "GBP", "Complaints": "2",
         "Redress paid": "50.00"},
    ]  # fmt: skip


def test_the_pdf_names_the_product(client, book, head_office, tmp_path):
    response = pack(client, head_office, book, "pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    path = tmp_path / "pack.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,  # noqa: S603, S607
                          text=True, check=True).stdout  # fmt: skip
    assert "Fair value pack: Lexus SMART Cover" in text
    assert "Lexus Leeds" in text and "Claims frequency" in text


def test_only_head_office_gets_a_pack(client, book):
    manager = UserFactory(role="sales_manager", dealer=book["man"])
    assert pack(client, manager, book, "csv").status_code == 403
    group = UserFactory(role="group_manager", dealer=None, dealer_group=book["group_a"])
    assert pack(client, group, book, "pdf").status_code == 403


def test_head_office_finds_the_packs_form_on_the_value_page(client, book, head_office):
    client.force_login(head_office)
    html = client.get(reverse("dashboards:page", args=["value"])).content.decode()
    assert "Fair value pack" in html and reverse("dashboards:value-pack") in html
