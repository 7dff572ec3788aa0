"""Lexus Motor Insurance's starting reference data: the lines its documents give (as seed
002 prints them) and ILLUSTRATIVE rates (head office edits both)."""

from decimal import Decimal as D

# The phone numbers, emails and addresses the documents give, each for its purpose: claims
# lines are not enquiry lines. (value, what it means) for the settings' descriptions.
CONTACTS = {
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
}  # fmt: skip

RATES = {
    **{f"value_up_to:{v}": D(p) for v, p in [(20000, "520"), (35000, "640"), (50000, "780"),
                                              (75000, "960"), (100000, "1180"), (150000, "1450")]},
    **{f"area:{a}": D(f) for a, f in zip("ABCDEF", ["0.85", "0.95", "1.00", "1.10", "1.25", "1.45"], strict=True)},
    **{f"age:{a}": D(f) for a, f in [("17-24", "2.40"), ("25-29", "1.45"), ("30-49", "1.00"),
                                      ("50-69", "0.90"), ("70+", "1.15")]},
    **{f"ncd:{n}": D(f) for n, f in enumerate(["1.00", "0.85", "0.75", "0.68", "0.62", "0.55",
                                               "0.52", "0.50", "0.48", "0.45"])},
    **{f"voluntary_excess:{v}": D(f) for v, f in [(0, "1.00"), (100, "0.97"), (250, "0.93"), (500, "0.88")]},
    "ncd_protection": D("1.12"),
    "option:enhanced_courtesy_car": D("29.99"), "option:legal_expenses": D("24.99"),
    "option:road_rescue": D("59.99"), "option:motor_excess_protection": D("39.99"),
    "option:increased_personal_accident": D("19.99"),
}  # fmt: skip
