"""Every product's default value thresholds (dashboards/value/defaults.py), readings for
head office to confirm. Products created later get theirs from thresholds_seed (run by
load_demo)."""

from decimal import Decimal

from django.db import migrations

from dashboards.value.defaults import DEFAULT_THRESHOLDS


def seed(apps, schema_editor):
    Product = apps.get_model("policies", "Product")
    ValueThreshold = apps.get_model("dashboards", "ValueThreshold")
    for product in Product.objects.all():
        for measure, bound, share, notes in DEFAULT_THRESHOLDS:
            ValueThreshold.objects.get_or_create(
                product=product, measure=measure, bound=bound,
                defaults={"share": Decimal(share), "notes": notes},
            )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("dashboards", "0002_value_measures")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
