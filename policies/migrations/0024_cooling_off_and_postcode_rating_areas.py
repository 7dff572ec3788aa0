"""Each product's cooling-off period (`cooling_off_days`) and UK motor's rating area of a
postcode (`postcode_rating_areas`), as product settings head office edits, for databases
loaded before the customer could cancel or change their address on their own page
(issue 20). A setting head office already has is kept."""

from django.db import migrations

# A copy of the catalog's readings as they stood (catalog/*/__init__.py, catalog/motor_uk/
# address.py): a migration does not follow later edits.
WHY = "Days from the start of cover to cancel in the cooling-off period: "
COOLING_OFF = {
    "smart-cover": (14, "seed 000, within the first 14 days a full refund if no claim was "
                        "made."),
    "motor-uk": (14, "seed 002 s.14.6, the 14 day cooling off period; the refund is that of "
                     "any cancellation, pro rata less the fee."),
    "asset-protector": (14, "Reading: seed 000 gives none for Asset Protector; 14 days, the "
                            "cooling-off of general insurance (FCA ICOBS 7.1), with SMART "
                            "Cover's full refund if no claim. Head office to confirm."),
    "smart-combined-gap": (14, "Reading: seed 004 gives none; 14 days, the cooling-off of "
                               "general insurance (FCA ICOBS 7.1), a full refund if no claim. "
                               "Head office to confirm."),
    "smart-lease-gap": (14, "Reading: seed 004 gives none; 14 days, the cooling-off of "
                            "general insurance (FCA ICOBS 7.1), a full refund if no claim. "
                            "Head office to confirm."),
    "furto-danni": (14, "Reading: seed 001 names no period of recesso; 14 days, refunding "
                        "the days of cover left, as any cancellation. Head office to "
                        "confirm."),
    "au-comprehensive": (21, "Reading: seed 003 gives none; 21 days, the cooling-off of "
                             "Australian motor PDSs, a full refund if no claim. Head office "
                             "to confirm."),
}  # fmt: skip
AREA_OF = {
    "A": "AB CA DD DG HR HS IV KW LA LD LL PH SY TD TR ZE",
    "B": "CB CO DH DL DT EX FK GL HG IP KA KY LN ML NR PA PE PL SN SP TA TF TQ WR YO",
    "C": "AL BA BH BN BS BT CF CH CM CT CW DA DE DN DY EH FY GU HD HP HU HX LE LU ME MK "
    "NE NG NN NP OX PO PR RG RH SA SG SK SL SO SR SS ST TN TS WA WD WF WN",
    "D": "BB BD BL CV LS OL S WS WV",
    "E": "B BR CR EN G HA IG KT L M RM SM TW UB",
    "F": "E EC N NW SE SW W WC",
}
AREAS_WHY = (
    "Reading: the rating area (A-F) of a postcode's outward code, district or area, for an "
    "address the customer changes. ILLUSTRATIVE: seed 002 gives no table. Head office to "
    "confirm."
)


def readings_as_settings(apps, schema_editor):
    Product = apps.get_model("policies", "Product")
    ProductSetting = apps.get_model("policies", "ProductSetting")
    for product in Product.objects.filter(code__in=COOLING_OFF):
        days, why = COOLING_OFF[product.code]
        ProductSetting.objects.get_or_create(
            product=product, key="cooling_off_days",
            defaults={"value": days, "description": WHY + why},
        )  # fmt: skip
    areas = {code: area for area, codes in AREA_OF.items() for code in codes.split()}
    for product in Product.objects.filter(code="motor-uk"):
        ProductSetting.objects.get_or_create(
            product=product, key="postcode_rating_areas",
            defaults={"value": areas, "description": AREAS_WHY},
        )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("policies", "0023_gap_sales_at_a_distance")]

    operations = [migrations.RunPython(readings_as_settings, migrations.RunPython.noop)]
