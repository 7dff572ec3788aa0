"""A database loaded before the documents were audited gets the insurers the seeds name
and the settings the schedules show (policies/migrations/0012_*), head office's own
entries kept."""

import importlib

import pytest
from django.apps import apps

from policies.models import Product, ProductSetting

pytestmark = pytest.mark.django_db

migration = importlib.import_module("policies.migrations.0012_documents_say_what_the_seeds_say")


def test_old_databases_get_the_seeds_insurers_and_the_schedules_settings(products):
    Product.objects.filter(market="UK").update(
        insurer="Aioi Nissay Dowa Insurance UK Limited (illustrative)"
    )
    Product.objects.filter(code="furto-danni").update(insurer="Head office's own insurer")
    ProductSetting.objects.filter(key__in=("max_days_abroad", "european_cover_days")).delete()

    migration.say_what_the_seeds_say(apps, None)

    insurer = dict(Product.objects.values_list("code", "insurer"))
    assert insurer["smart-combined-gap"] == "Acasta European Insurance Company Ltd"
    assert insurer["motor-uk"] == "Aioi Nissay Dowa Insurance UK Limited"
    assert insurer["smart-cover"].startswith("Red Sands Insurance Company (Europe) Limited")
    assert insurer["furto-danni"] == "Head office's own insurer"
    settings = {(s.product.code, s.key): s.value for s in ProductSetting.objects.all()}
    assert settings[("motor-uk", "max_days_abroad")] == 90
    assert settings[("smart-lease-gap", "european_cover_days")] == 90
