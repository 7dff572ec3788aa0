"""The retention periods the markets start with. Readings, not rules of the code: head
office edits them in the administration."""

from django.db import migrations

READINGS = [
    ("UK", 7, "Limitation Act 1980: six years from a claim or complaint arising, plus one "
              "year to bring it; FCA record keeping (SYSC 9)."),
    ("IT", 10, "Codice civile art. 2946 (prescrizione ordinaria, ten years) and art. 2220 "
               "(records kept ten years)."),
    ("AU", 7, "Corporations Act 2001 s 286: financial records kept for seven years."),
]


def seed(apps, schema_editor):
    DataRetention = apps.get_model("audit", "DataRetention")
    for market, years, basis in READINGS:
        DataRetention.objects.get_or_create(market=market, defaults={"years": years, "basis": basis})


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_retention_and_requests")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
