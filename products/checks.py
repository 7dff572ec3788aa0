"""`manage.py check` (and so `make lint` and every start) refuses a registry with an
incomplete product: a missing hook would be a failure at a customer's sale, not here."""

from django.core import checks

from .registry import product_definitions


def registry_complete(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    for product in product_definitions():
        missing = product.missing()
        if missing:
            errors.append(checks.Error(
                f"Product {product.code!r} does not declare: {', '.join(missing)}.",
                hint="See products.registry.ProductDefinition.", id="products.E001",
            ))  # fmt: skip
    return errors
