"""The phone numbers, emails and addresses the documents give, as product settings head
office edits, for databases loaded before (they were constants in documents/content):
each product's lines as its seed prints them, claims lines apart from enquiry lines. A
setting head office already has is kept."""

from django.db import migrations

# A copy of policies.demo.CONTACTS as it stood: a migration does not follow later edits.
CONTACTS = {
    "smart-cover": {
        "claims_phone": ("0800 077 8713", "SMART Cover claims line (seed 000)."),
    },
    "motor-uk": {
        "changes_phone": ("0333 103 9960", "To make a change to the policy (seed 002)."),
        "claims_phone": ("0333 103 7794", "To report an accident or theft, or to claim "
                                          "(seed 002)."),
        "windscreen_claims_phone": ("0330 022 9449", "Windscreen claims (seed 002)."),
        "key_protect_claims_phone": ("0344 856 2270", "Key Protect claims and complaints, "
                                                      "Davies Group (seed 002)."),
        "key_protect_claims_website": ("https://Keyclaims.davies-group.com",
                                       "Key Protect claims online (seed 002)."),
        "key_protect_complaints_email": ("keyclaims@davies-group.com",
                                         "Complaints about a Key Protect claim (seed 002)."),
        "key_protect_complaints_address": ("Davies Group, PO Box 1291, Preston, PR2 0QJ",
                                           "Complaints about a Key Protect claim (seed 002)."),
        "complaints_phone": ("0333 103 9960", "Complaints about the policy (seed 002)."),
        "complaints_email": ("complaints@lexusmotorinsurance.co.uk",
                             "Complaints about the policy (seed 002)."),
        "complaints_address": ("Complaints Controller, Lexus Motor Insurance, PO Box 1308, "
                               "Newcastle upon Tyne, NE12 2BF",
                               "Complaints about the policy (seed 002)."),
        "ombudsman_phone": ("0800 023 4567 or 0300 123 9123",
                            "Financial Ombudsman Service (seed 002)."),
        "ombudsman_email": ("complaint.info@financial-ombudsman.org.uk",
                            "Financial Ombudsman Service (seed 002)."),
        "ombudsman_address": ("The Financial Ombudsman Service, Exchange Tower, London, "
                              "E14 9SR", "Financial Ombudsman Service (seed 002)."),
        "ombudsman_website": ("www.financial-ombudsman.org.uk",
                              "Financial Ombudsman Service (seed 002)."),
        "compensation_scheme_website": ("www.fscs.org.uk",
                                        "Financial Services Compensation Scheme (seed 002)."),
        "fraud_cheat_line": ("0800 422 0421", "Insurance Fraud Bureau cheat line (seed 002)."),
    },
    "furto-danni": {
        "enquiries_phone": ("06 62292910", "Assistenza clienti (seed 001)."),
        "enquiries_email": ("clienti@lexus-im.com", "Assistenza clienti (seed 001)."),
    },
    "au-comprehensive": {
        "claims_phone": ("1300 658 067", "About the policy, or to make a claim (seed 003)."),
        "enquiries_phone": ("1300 888 840", "Further information, other insurance needs "
                                            "(seed 003)."),
        "enquiries_email": ("insurance@lexus.com.au", "Email (seed 003)."),
    },
    "smart-combined-gap": {
        "claims_phone": ("01279 456 507", "Claims Department (seed 004)."),
    },
    "smart-lease-gap": {
        "claims_phone": ("01279 456 507", "Claims Department (seed 004)."),
    },
}  # fmt: skip


def contacts_as_settings(apps, schema_editor):
    Product = apps.get_model("policies", "Product")
    ProductSetting = apps.get_model("policies", "ProductSetting")
    for product in Product.objects.filter(code__in=CONTACTS):
        for key, (value, description) in CONTACTS[product.code].items():
            ProductSetting.objects.get_or_create(
                product=product, key=key, defaults={"value": value, "description": description}
            )


class Migration(migrations.Migration):
    # 0011 is another change's; the chain is put right when both are merged
    dependencies = [("policies", "0012_documents_say_what_the_seeds_say")]

    operations = [migrations.RunPython(contacts_as_settings, migrations.RunPython.noop)]
