"""Reading (issue 6): of the Italian Furto e Danni policies (1 to 5 years), the annual ones
renew; a multi-year policy ends with its term. Databases loaded before the setting existed
get it here; the demo loader writes it for new ones."""

from django.db import migrations

KEY = "renewal_terms_months"
DESCRIPTION = "Terms (months) that renew at their end; a policy of another term expires."


def annual_italian_policies_renew(apps, schema_editor):
    Product = apps.get_model("policies", "Product")
    ProductSetting = apps.get_model("policies", "ProductSetting")
    for product in Product.objects.filter(code="furto-danni"):
        ProductSetting.objects.get_or_create(
            product=product, key=KEY, defaults={"value": [12], "description": DESCRIPTION}
        )


class Migration(migrations.Migration):
    dependencies = [("policies", "0005_renewal_chunks_and_reminders")]

    operations = [
        migrations.RunPython(annual_italian_policies_renew, migrations.RunPython.noop),
    ]
