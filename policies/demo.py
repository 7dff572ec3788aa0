"""Each registered product's reference data (products.registry.Reference): its row,
readings, contact lines, rate card, taxes, fees and commission, created once.

The rates are ILLUSTRATIVE (plausible, not an insurer's); taxes are the published rates
(UK IPT 12%/20%, Italian imposta 13.5%/10%, AU GST 10% and stamp duty). Each product
declares its own in its package (catalog/<product>/); head office edits them in /admin/."""

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from products.registry import ProductDefinition, product_definitions

from .models import CommissionRate, Fee, Product, ProductSetting, RateCard, RateCardEntry, TaxRate
from .models.catalogue import commission_within_cap
from .selectors import config_cache_clear


def load_policy_demo() -> int:
    """Create the registered products missing from the database, with their data (one
    query when none is missing: a product added to the registry is created on the next
    `make run`, with no migration); returns how many were created."""
    have = set(Product.objects.values_list("code", flat=True))
    missing = [p for p in product_definitions() if p.code not in have]
    if missing:
        _load(missing)
    return len(missing)


@transaction.atomic
def _load(definitions: list[ProductDefinition]) -> None:
    taxes, fees, commissions = [], [], []
    for definition in definitions:
        ref = definition.reference
        product = Product.objects.create(
            code=definition.code, name=str(definition.label), market=ref.market,
            currency=ref.currency, brand=ref.brand, renewable=ref.renewable,
            insurer=ref.insurer, active=ref.on_sale,
        )  # fmt: skip
        for key, value in ref.settings.items():
            ProductSetting.objects.create(product=product, key=key, value=value)
        for key, (value, description) in {**ref.contacts, **ref.readings}.items():
            ProductSetting.objects.create(product=product, key=key, value=value,
                                          description=description)  # fmt: skip
        card = RateCard.objects.create(
            product=product, effective_from=ref.effective_from, version="2024.1",
            notes="Illustrative demo rates.",
        )  # fmt: skip
        # With history: the audit trail shows what head office's first edit changed.
        bulk_create_with_history(
            [RateCardEntry(rate_card=card, key=k, value=v) for k, v in ref.rates.items()],
            RateCardEntry,
        )
        taxes += [
            TaxRate(product=product, code=code, label=label, rate=rate, region=region,
                    tax_class=tax_class, on_taxes=on_taxes, position=position,
                    effective_from=ref.effective_from)
            for code, label, rate, region, tax_class, on_taxes, position in ref.taxes
        ]  # fmt: skip
        fees += [
            Fee(product=product, code=code, label=label, amount=amount,
                effective_from=ref.effective_from)
            for code, label, amount in ref.fees
        ]  # fmt: skip
        if ref.commission is not None:
            commission_within_cap(product.pk, ref.commission)  # its readings' cap
            commissions.append(CommissionRate(product=product, rate=ref.commission,
                                              effective_from=ref.effective_from))  # fmt: skip
    bulk_create_with_history(taxes, TaxRate)
    bulk_create_with_history(fees, Fee)
    bulk_create_with_history(commissions, CommissionRate)
    transaction.on_commit(config_cache_clear)  # bulk_create sends no signal
