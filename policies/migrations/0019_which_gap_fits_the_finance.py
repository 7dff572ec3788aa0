"""smart's two GAPs say which way of paying for the car each fits (fits_finance), so the
menu can tell the seller which one a deal wants (policies.pos.fit_advice)."""

from django.db import migrations

FITS = {
    "smart-combined-gap": ["cash", "finance", "pcp"],
    "smart-lease-gap": ["lease"],
}


def fits_as_settings(apps, schema_editor):
    Product = apps.get_model("policies", "Product")
    ProductSetting = apps.get_model("policies", "ProductSetting")
    for product in Product.objects.filter(code__in=FITS):
        ProductSetting.objects.get_or_create(
            product=product, key="fits_finance",
            defaults={"value": FITS[product.code],
                      "description": "How the car is paid for that this product fits."},
        )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("policies", "0018_statements_signed_at_the_desk")]

    operations = [migrations.RunPython(fits_as_settings, migrations.RunPython.noop)]
