"""The registry: every registered product complete, a code nobody registered an error, and
a product that leaves out what the flows call refused before anything is sold."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from products.checks import registry_complete
from products.registry import (
    ProductDefinition,
    UnknownProduct,
    product_codes,
    product_definition,
    product_definitions,
)

SOLD = ("asset-protector", "smart-cover", "motor-uk", "furto-danni", "au-comprehensive",
        "smart-combined-gap", "smart-lease-gap")  # fmt: skip


class HalfDone(ProductDefinition):
    """A product that names itself and nothing else."""

    code = "half-done"
    label = "Half done"


def test_every_registered_product_is_complete():
    assert set(SOLD) <= set(product_codes())
    for product in product_definitions():
        assert product.missing() == [], product.code
    assert registry_complete() == []


def test_a_product_that_declares_nothing_is_listed_with_all_it_lacks():
    assert HalfDone().missing() == [
        "quote_inputs", "components", "refund", "assess", "answers", "claim_form",
        "documents", "reference",
    ]  # fmt: skip


def test_the_checks_refuse_an_incomplete_product(settings):
    settings.INSURANCE_PRODUCTS = [*settings.INSURANCE_PRODUCTS, f"{__name__}.HalfDone"]
    [error] = registry_complete()
    assert error.id == "products.E001" and "'half-done' does not declare: quote_inputs" in error.msg
    with pytest.raises(SystemCheckError, match="half-done"):
        call_command("check")


def test_two_products_with_one_code_are_refused(settings):
    settings.INSURANCE_PRODUCTS = [*settings.INSURANCE_PRODUCTS, "catalog.motor_uk.MotorUk"]
    with pytest.raises(ValueError, match="Two products have the code 'motor-uk'"):
        product_codes()


def test_an_unregistered_code_is_an_error_never_a_default():
    with pytest.raises(UnknownProduct, match="There is no product life-insurance."):
        product_definition("life-insurance")
    with pytest.raises(UnknownProduct):
        product_definition(None)
