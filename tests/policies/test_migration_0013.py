"""A database loaded before the documents' phone numbers and emails became product
settings gets each product's lines as its seed prints them (policies/migrations/0013_*),
a line head office already set kept."""

import importlib

import pytest
from django.apps import apps

from policies.models import Product, ProductSetting

pytestmark = pytest.mark.django_db

migration = importlib.import_module("policies.migrations.0013_contact_lines_as_settings")
KEYS = ("claims_phone", "enquiries_phone", "enquiries_email", "changes_phone",
        "windscreen_claims_phone", "key_protect_claims_phone", "complaints_email")  # fmt: skip


def test_old_databases_get_each_products_lines_and_keep_head_offices_own(products):
    ProductSetting.objects.filter(key__in=KEYS).delete()
    au = Product.objects.get(code="au-comprehensive")
    ProductSetting.objects.create(product=au, key="claims_phone", value="13 00 00")

    migration.contacts_as_settings(apps, None)

    lines = {(s.product.code, s.key): s.value for s in ProductSetting.objects.all()}
    assert lines[("motor-uk", "claims_phone")] == "0333 103 7794"
    assert lines[("motor-uk", "changes_phone")] == "0333 103 9960"
    assert lines[("motor-uk", "windscreen_claims_phone")] == "0330 022 9449"
    assert lines[("motor-uk", "key_protect_claims_phone")] == "0344 856 2270"
    assert lines[("motor-uk", "complaints_email")] == "complaints@lexusmotorinsurance.co.uk"
    assert lines[("smart-cover", "claims_phone")] == "0800 077 8713"
    assert lines[("smart-combined-gap", "claims_phone")] == "01279 456 507"
    assert lines[("furto-danni", "enquiries_email")] == "clienti@lexus-im.com"
    assert lines[("au-comprehensive", "enquiries_phone")] == "1300 888 840"
    assert lines[("au-comprehensive", "claims_phone")] == "13 00 00"  # head office's own
