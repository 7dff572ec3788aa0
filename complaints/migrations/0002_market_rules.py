"""Each market's complaint rule as first read from the regulators' texts: readings for
head office to confirm in /admin/ (Complaint rules), where they are edited afterwards."""

from django.db import migrations

from complaints.seed import RULES



def add_rules(apps, schema_editor):
    Rule = apps.get_model("complaints", "ComplaintRule")
    for rule in RULES:
        Rule.objects.get_or_create(market=rule["market"], defaults=rule)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_register")]
    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
