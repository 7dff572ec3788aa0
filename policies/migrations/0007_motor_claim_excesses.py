"""The excesses a UK motor claim pays, as product settings (issue 7; illustrative demo
amounts): databases loaded before the settings existed get them here."""

from django.db import migrations

EXCESSES = {
    "compulsory_excess": ("250", "Compulsory excess on a section 1 or 2 claim (the schedule's)."),
    "glass_replacement_excess": ("100", "Excess on a windscreen or window replaced."),
    "glass_repair_excess": ("25", "Excess on a windscreen or window repaired."),
}


def motor_claim_excesses(apps, schema_editor):
    Product = apps.get_model("policies", "Product")
    ProductSetting = apps.get_model("policies", "ProductSetting")
    for product in Product.objects.filter(code="motor-uk"):
        for key, (value, description) in EXCESSES.items():
            ProductSetting.objects.get_or_create(
                product=product, key=key, defaults={"value": value, "description": description}
            )


class Migration(migrations.Migration):
    dependencies = [("policies", "0006_italian_annual_renewal")]

    operations = [migrations.RunPython(motor_claim_excesses, migrations.RunPython.noop)]
