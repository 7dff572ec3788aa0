"""Rate cards are data: CSV export and import, versions by effective date."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from policies.models import Product, RateCard
from policies.services import rate_card_export_csv, rate_card_import_csv

pytestmark = pytest.mark.django_db


def test_a_card_exported_to_csv_imports_back_as_a_new_version_with_the_same_rates(products):
    product = Product.objects.get(code="smart-cover")
    original = RateCard.objects.get(product=product)
    csv_text = rate_card_export_csv(original)
    assert csv_text.splitlines()[0] == "key,value,description"
    assert "term:36,449," in csv_text
    copy = rate_card_import_csv(
        product=product, effective_from=date(2027, 1, 1), version="2027.1",
        csv_text=csv_text, created_by=None,
    )  # fmt: skip
    assert dict(copy.entries.values_list("key", "value")) == dict(
        original.entries.values_list("key", "value")
    )
    assert RateCard.objects.filter(product=product).count() == 2


def test_one_bad_line_refuses_the_whole_file_and_says_which_line(products):
    product = Product.objects.get(code="smart-cover")
    bad = "key,value,description\nterm:12,199,\nterm:24,-5,\nterm:36,abc,\n"
    with pytest.raises(ValidationError) as e:
        rate_card_import_csv(
            product=product, effective_from=date(2027, 1, 1), version="x", csv_text=bad,
            created_by=None,
        )  # fmt: skip
    assert e.value.messages == [
        "Line 3: the value must be a number of 0 or more.",
        "Line 4: the value must be a number of 0 or more.",
    ]
    assert RateCard.objects.filter(product=product).count() == 1


def test_a_second_card_on_the_same_date_is_refused(products):
    product = Product.objects.get(code="smart-cover")
    with pytest.raises(ValidationError):
        rate_card_import_csv(
            product=product, effective_from=date(2024, 1, 1), version="dup",
            csv_text="key,value,description\nterm:12,1,\n", created_by=None,
        )  # fmt: skip


def test_a_file_without_the_header_is_refused(products):
    product = Product.objects.get(code="smart-cover")
    with pytest.raises(ValidationError, match="key,value,description"):
        rate_card_import_csv(
            product=product, effective_from=date(2027, 1, 1), version="x",
            csv_text="term:12,199\n", created_by=None,
        )  # fmt: skip


def test_head_office_imports_a_card_through_the_admin(products, client, head_office):
    client.force_login(head_office)
    product = Product.objects.get(code="smart-cover")
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("rates.csv", b"key,value,description\nterm:12,210.50,new\n")
    response = client.post(
        "/admin/policies/ratecard/import/",
        {
            "product": product.pk,
            "effective_from": "2027-02-01",
            "version": "2027.2",
            "file": upload,
        },
    )
    assert response.status_code == 302
    card = RateCard.objects.get(version="2027.2")
    assert card.entries.get().value == D("210.50")
    assert card.created_by == head_office
    export = client.post(
        "/admin/policies/ratecard/",
        {"action": "export_csv", "_selected_action": [card.pk]},
    )
    assert export["Content-Type"] == "text/csv"
    assert b"term:12,210.5,new" in export.content


def test_a_line_the_database_cannot_hold_is_refused_with_its_line(products):
    product = Product.objects.get(code="smart-cover")
    lines = (
        f"key,value,description\n{'k' * 81},1,\nterm:12,123456789.12345,\nterm:24,1,{'d' * 201}\n"
    )
    with pytest.raises(ValidationError) as e:
        rate_card_import_csv(
            product=product, effective_from=date(2027, 1, 1), version="x", csv_text=lines,
            created_by=None,
        )  # fmt: skip
    assert [m.split(":")[0] for m in e.value.messages] == ["Line 2", "Line 3", "Line 4"]
    assert "at most 80 characters" in e.value.messages[0]
    assert "12 digits in total" in e.value.messages[1]
    assert RateCard.objects.filter(product=product).count() == 1


def test_the_admin_refuses_a_rate_card_file_over_1_mb(products, client, head_office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(head_office)
    product = Product.objects.get(code="smart-cover")
    big = b"key,value,description\n" + b"term:12,1,x\n" * 100_000
    response = client.post("/admin/policies/ratecard/import/", {
        "product": product.pk, "effective_from": "2027-02-01", "version": "big",
        "file": SimpleUploadedFile("rates.csv", big),
    })  # fmt: skip
    assert response.status_code == 200
    assert "A rate card file can be 1 MB at most." in response.content.decode()
    assert not RateCard.objects.filter(version="big").exists()
