"""What the documents say, as the source documents (shared/seeds) say it, for databases
loaded before: the insurer each product's seed names in place of the illustrative one
the demo had, and the settings the schedules show (motor: the maximum days abroad of
section 6; smart GAP: the days of European cover a year)."""

from django.db import migrations

OLD_INSURER = {
    "UK": "Aioi Nissay Dowa Insurance UK Limited (illustrative)",
    "IT": "Aioi Nissay Dowa Insurance Company of Europe SE (illustrativo)",
    "AU": "Aioi Nissay Dowa Insurance Company Australia Pty Ltd (illustrative)",
}
INSURER = {  # seed 000 does not name Asset Protector's insurer: it is left as it is
    "smart-cover": "Red Sands Insurance Company (Europe) Limited and Aioi Nissay Dowa "
    "Insurance UK Limited",
    "motor-uk": "Aioi Nissay Dowa Insurance UK Limited",
    "furto-danni": "Aioi Nissay Dowa Insurance Company of Europe SE",
    "au-comprehensive": "Aioi Nissay Dowa Insurance Company Australia Pty Ltd",
    "smart-combined-gap": "Acasta European Insurance Company Ltd",
    "smart-lease-gap": "Acasta European Insurance Company Ltd",
}
SETTINGS = {
    "motor-uk": {
        "max_days_abroad": (90, "The maximum days abroad the schedule shows (section 6 of "
                            "the wording; the seed gives no figure: illustrative)."),
    },
    "smart-combined-gap": {"european_cover_days": (90, "European cover, days a year (seed 004).")},
    "smart-lease-gap": {"european_cover_days": (90, "European cover, days a year (seed 004).")},
}  # fmt: skip


def say_what_the_seeds_say(apps, schema_editor):
    Product = apps.get_model("policies", "Product")
    ProductSetting = apps.get_model("policies", "ProductSetting")
    for product in Product.objects.filter(code__in=INSURER):
        # only the demo's illustrative name: an insurer head office entered stays
        if product.insurer in ("", OLD_INSURER.get(product.market)):
            product.insurer = INSURER[product.code]
            product.save(update_fields=["insurer"])
    for product in Product.objects.filter(code__in=SETTINGS):
        for key, (value, description) in SETTINGS[product.code].items():
            ProductSetting.objects.get_or_create(
                product=product, key=key, defaults={"value": value, "description": description}
            )


class Migration(migrations.Migration):
    # 0011 is another change's; the chain is put right when both are merged
    dependencies = [("policies", "0011_policy_version")]

    operations = [migrations.RunPython(say_what_the_seeds_say, migrations.RunPython.noop)]
