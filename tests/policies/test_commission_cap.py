"""A product's commission cap (its `commission_cap` reading, a share of the net premium):
a commission rate above it is refused where rates are entered, the administration's form
showing the error on the rate."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from policies.models import CommissionRate, ProductSetting
from policies.selectors import product_get
from products.registry import product_definitions

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


def add_form(client, head_office, product, rate):
    client.force_login(head_office)
    return client.post(reverse("admin:policies_commissionrate_add"), {
        "product": product.pk, "dealer": "", "rate": rate, "effective_from": "2026-01-01",
    })  # fmt: skip


def test_the_administration_refuses_a_rate_above_the_products_cap(client, head_office):
    """Asset Protector's cap is 0.40 (its reading): 0.4500 is refused on the rate field,
    nothing is saved."""
    product = product_get("asset-protector")
    before = CommissionRate.objects.count()
    response = add_form(client, head_office, product, "0.4500")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["rate"]
    assert "commission cap is 0.4000" in errors["rate"][0]
    assert CommissionRate.objects.count() == before


def test_a_rate_up_to_the_cap_is_saved(client, head_office):
    product = product_get("asset-protector")
    response = add_form(client, head_office, product, "0.4000")
    assert response.status_code == 302
    assert CommissionRate.objects.filter(product=product, rate=D("0.4000")).exists()


def test_a_product_without_a_cap_takes_any_share(client, head_office):
    product = product_get("asset-protector")
    ProductSetting.objects.filter(product=product, key="commission_cap").delete()
    assert add_form(client, head_office, product, "0.6000").status_code == 302


def test_the_model_refuses_it_wherever_it_is_cleaned():
    rate = CommissionRate(product=product_get("motor-uk"), rate=D("0.2500"),
                          effective_from="2026-01-01")  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        rate.full_clean()
    assert "rate" in refused.value.message_dict  # motor's cap: 0.20


def test_every_product_starts_with_a_cap_at_or_above_its_rate():
    """Every product of the catalogue has its cap (the tests' sample product has none)."""
    caps = {d.code: d.reference for d in product_definitions()
            if "commission_cap" in d.reference.readings}  # fmt: skip
    assert set(caps) == {d.code for d in product_definitions()} - {"tyre-alloy"}
    for code, reference in caps.items():
        assert D(reference.readings["commission_cap"][0]) >= reference.commission, code
        setting = ProductSetting.objects.get(product__code=code, key="commission_cap")
        assert setting.description.startswith("The most commission")
