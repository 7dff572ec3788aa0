"""Each existing product's `commission_cap` reading (its reference's, catalog/<product>/:
the most commission a rate may give, as a share of the net premium), for head office to
confirm. Products created later get it with their other readings (policies/demo.py)."""

from django.db import migrations

from products.registry import product_definitions  # the readings as the code has them


def add_caps(apps, schema_editor):
    Product = apps.get_model("policies", "Product")
    ProductSetting = apps.get_model("policies", "ProductSetting")
    readings = {p.code: p.reference.readings.get("commission_cap") for p in product_definitions()}
    for product in Product.objects.all():
        reading = readings.get(product.code)
        if reading is not None:
            value, description = reading
            ProductSetting.objects.get_or_create(
                product=product, key="commission_cap",
                defaults={"value": value, "description": description},
            )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("policies", "0025_changes_made_by_the_customer")]
    operations = [migrations.RunPython(add_caps, migrations.RunPython.noop)]
