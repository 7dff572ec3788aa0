"""Demo products, readings, rate cards, taxes and fees for `load_demo`.

The rates are ILLUSTRATIVE (plausible, not an insurer's); taxes are the published rates
of the issue (UK IPT 12%/20%, Italian imposta 13.5%/10%, AU GST 10% and stamp duty)."""

from datetime import date
from decimal import Decimal as D

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from .models import (
    CommissionRate,
    Fee,
    Product,
    ProductCode,
    ProductSetting,
    RateCard,
    RateCardEntry,
    TaxRate,
)
from .selectors import config_cache_clear

EFFECTIVE = date(2024, 1, 1)
# The insurer each product's documents name, as its seed names it (shared/seeds). Seed
# 000 does not name Asset Protector's: that one stays an illustrative reading.
INSURER = {
    ProductCode.ASSET_PROTECTOR: "Aioi Nissay Dowa Insurance UK Limited (illustrative)",
    ProductCode.SMART_COVER: "Red Sands Insurance Company (Europe) Limited and Aioi Nissay "
                             "Dowa Insurance UK Limited",  # seed 000
    ProductCode.MOTOR_UK: "Aioi Nissay Dowa Insurance UK Limited",  # seed 002
    ProductCode.FURTO_DANNI: "Aioi Nissay Dowa Insurance Company of Europe SE",  # seed 001
    ProductCode.AU_COMPREHENSIVE: "Aioi Nissay Dowa Insurance Company Australia Pty Ltd",  # 003
    ProductCode.SMART_COMBINED_GAP: "Acasta European Insurance Company Ltd",  # seed 004
    ProductCode.SMART_LEASE_GAP: "Acasta European Insurance Company Ltd",  # seed 004
}  # fmt: skip
PRODUCTS = [
    # code, market, currency, renewable
    (ProductCode.ASSET_PROTECTOR, "UK", "GBP", False),
    (ProductCode.SMART_COVER, "UK", "GBP", False),
    (ProductCode.MOTOR_UK, "UK", "GBP", True),
    (ProductCode.FURTO_DANNI, "IT", "EUR", True),
    (ProductCode.AU_COMPREHENSIVE, "AU", "AUD", True),
    (ProductCode.SMART_COMBINED_GAP, "UK", "GBP", False),
    (ProductCode.SMART_LEASE_GAP, "UK", "GBP", False),
]
SMART_BRAND = (
    ProductCode.SMART_COMBINED_GAP,
    ProductCode.SMART_LEASE_GAP,
)  # sold by smart retailers
GAP_DEFERRAL = {"sale_deferral_clear_days": 2, "sale_deferral_waiver_after_days": 1}  # ICOBS 6A.1
# When cover starts (policies.sales.CoverStart). Asset Protector from delivery (seed 000);
# a motor policy on the day the customer chooses, usually collection. Reading: a chosen
# start up to 30 days ahead; every other product from the day of the sale.
COVER_FROM_DELIVERY = {"cover_start": "delivery"}
COVER_CHOSEN = {"cover_start": "chosen", "cover_start_max_days_ahead": 30}
# Section 6 of the motor wording: the car is covered abroad for at most "the maximum days
# abroad as detailed in your Policy Schedule". Seed 002 gives no figure: ILLUSTRATIVE reading.
MOTOR_DAYS_ABROAD = {"max_days_abroad": 90}
SMART_GAP_EUROPE = {"european_cover_days": 90}  # European cover a year (seed 004)
# The excesses a motor claim pays (policies/rules/motor_claims.py): ILLUSTRATIVE amounts,
# as the schedule would show them.
MOTOR_CLAIM_EXCESSES = {
    "compulsory_excess": "250",
    "glass_replacement_excess": "100",
    "glass_repair_excess": "25",
}
# The phone numbers, emails and addresses the documents give, each for its purpose, as the
# seeds print them: claims lines are not enquiry lines (documents/content/*). Head office
# edits them; (value, what it means) for the settings' descriptions.
CONTACTS = {
    ProductCode.SMART_COVER: {
        "claims_phone": ("0800 077 8713", "SMART Cover claims line (seed 000)."),
    },
    ProductCode.MOTOR_UK: {
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
    ProductCode.FURTO_DANNI: {
        "enquiries_phone": ("06 62292910", "Assistenza clienti (seed 001)."),
        "enquiries_email": ("clienti@lexus-im.com", "Assistenza clienti (seed 001)."),
    },
    ProductCode.AU_COMPREHENSIVE: {
        "claims_phone": ("1300 658 067", "About the policy, or to make a claim (seed 003)."),
        "enquiries_phone": ("1300 888 840", "Further information, other insurance needs "
                                            "(seed 003)."),
        "enquiries_email": ("insurance@lexus.com.au", "Email (seed 003)."),
    },
    ProductCode.SMART_COMBINED_GAP: {
        "claims_phone": ("01279 456 507", "Claims Department (seed 004)."),
    },
    ProductCode.SMART_LEASE_GAP: {
        "claims_phone": ("01279 456 507", "Claims Department (seed 004)."),
    },
}  # fmt: skip
SETTINGS = {
    ProductCode.ASSET_PROTECTOR: {"terms_months": [24, 36, 48], "payment_plans": ["single"],
                                  "policy_number_prefix": "LAP", **GAP_DEFERRAL,
                                  **COVER_FROM_DELIVERY},
    ProductCode.SMART_COVER: {"terms_months": [12, 24, 36, 48, 60], "payment_plans": ["single"],
                              "policy_number_prefix": "LSC"},
    ProductCode.MOTOR_UK: {"terms_months": [12], "payment_plans": ["single", "monthly"],
                           "max_car_changes": 3, "policy_number_prefix": "LMI",
                           **MOTOR_CLAIM_EXCESSES, **COVER_CHOSEN, **MOTOR_DAYS_ABROAD},
    ProductCode.FURTO_DANNI: {"terms_months": [12, 24, 36, 48, 60], "payment_plans": ["single", "monthly"],
                              "policy_number_prefix": "PFD", "renewal_terms_months": [12],
                              **COVER_CHOSEN},
    ProductCode.AU_COMPREHENSIVE: {"terms_months": [12], "payment_plans": ["annual", "monthly"],
                                   "annual_discount": "0.10", "policy_number_prefix": "LCM",
                                   **COVER_CHOSEN},
    ProductCode.SMART_COMBINED_GAP: {"terms_months": [24, 36, 48], "payment_plans": ["single"],
                                     "policy_number_prefix": "SCG", **GAP_DEFERRAL,
                                     **SMART_GAP_EUROPE},
    ProductCode.SMART_LEASE_GAP: {"terms_months": [24, 36, 48], "payment_plans": ["single"],
                                  "policy_number_prefix": "SLG", **GAP_DEFERRAL,
                                  **SMART_GAP_EUROPE},
}  # fmt: skip


TERM_FACTORS = {24: "0.8", 36: "1.0", 48: "1.2"}  # shorter and longer terms, priced off 36 months


def _banded(terms: dict[int, str], bands: list[int], steps: list[str]) -> dict[str, D]:
    return {
        f"term:{t}|up_to:{b}": (D(s) * D(f)).quantize(D("0.01"))
        for t, f in terms.items()
        for b, s in zip(bands, steps, strict=True)
    }


RATES: dict[str, dict[str, D]] = {
    ProductCode.ASSET_PROTECTOR: _banded(
        TERM_FACTORS,
        [25000, 40000, 60000, 80000, 100000, 150000],
        ["299", "349", "399", "449", "499", "599"],
    ),
    ProductCode.SMART_COVER: {f"term:{t}": D(p) for t, p in
                              [(12, "199"), (24, "349"), (36, "449"), (48, "549"), (60, "649")]},
    ProductCode.MOTOR_UK: {
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
    },
    ProductCode.FURTO_DANNI: {
        "package:blu": D("2.10"), "package:rosso": D("1.75"), "package:giallo": D("1.20"),
        "assistance:blu": D("40"), "assistance:rosso": D("35"), "assistance:giallo": D("30"),
        "option_rate:kasko_premium": D("2.40"), "option_rate:kasko_base": D("1.50"),
        "option_rate:collisione_premium": D("1.30"), "option_rate:collisione_base": D("0.85"),
        "option_rate:kasko_finanziaria": D("0.35"),
        "option:restart_10k": D("110"), "option:restart_20k": D("190"),
        "option:protezione_franchigia": D("55"), "option:fattura_rimborsata": D("25"),
        "option:protezione_pneumatici": D("48"),
        **{f"duration:{y}": D(f) for y, f in [(1, "1.00"), (2, "0.97"), (3, "0.95"), (4, "0.93"), (5, "0.91")]},
    },
    ProductCode.AU_COMPREHENSIVE: {
        **{f"base:{s}": D(p) for s, p in [("NSW", "420"), ("VIC", "410"), ("QLD", "380"), ("WA", "360"),
                                          ("SA", "340"), ("TAS", "320"), ("NT", "390"), ("ACT", "350")]},
        "value_rate": D("1.15"), "loading:under_25": D("1.60"), "loading:business_use": D("1.15"),
        "discount:lifetime_rating_1": D("0.10"), "discount:voluntary_excess:500": D("0.05"),
        "discount:voluntary_excess:1000": D("0.09"), "discount:voluntary_excess:2000": D("0.14"),
        "option:excess_free_glass": D("85"),
    },
    ProductCode.SMART_COMBINED_GAP: _banded(
        TERM_FACTORS, [25000, 40000, 60000, 75000, 125000],
        ["249", "299", "349", "399", "499"],
    ),
    ProductCode.SMART_LEASE_GAP: _banded(
        TERM_FACTORS, [25000, 40000, 60000, 75000, 125000],
        ["229", "279", "329", "379", "469"],
    ),
}  # fmt: skip

# (product, code, label, region, tax_class, rate, on_taxes, position)
UK_IPT = {ProductCode.ASSET_PROTECTOR: "0.12", ProductCode.MOTOR_UK: "0.12",
          ProductCode.SMART_COVER: "0.20", ProductCode.SMART_COMBINED_GAP: "0.20",
          ProductCode.SMART_LEASE_GAP: "0.20"}  # fmt: skip
AU_STAMP_DUTY = {"NSW": "0.05", "VIC": "0.10", "QLD": "0.09", "WA": "0.10", "TAS": "0.10",
                 "SA": "0.11", "NT": "0.10", "ACT": "0"}  # fmt: skip
# The dealer's commission, a share of the net premium: ILLUSTRATIVE rates (data in /admin/).
COMMISSIONS = {
    ProductCode.ASSET_PROTECTOR: D("0.2500"), ProductCode.SMART_COVER: D("0.3000"),
    ProductCode.MOTOR_UK: D("0.1000"), ProductCode.FURTO_DANNI: D("0.1500"),
    ProductCode.AU_COMPREHENSIVE: D("0.1200"), ProductCode.SMART_COMBINED_GAP: D("0.2500"),
    ProductCode.SMART_LEASE_GAP: D("0.2500"),
}  # fmt: skip
FEES = [
    (ProductCode.SMART_COVER, "cancellation", "Cancellation administration fee", D("29.99")),
    (ProductCode.MOTOR_UK, "cancellation", "Cancellation administration fee", D("35.00")),
]


def _taxes(products: dict[str, Product]) -> list[TaxRate]:
    rows = [
        TaxRate(product=products[code], code="ipt", label="Insurance Premium Tax", rate=D(r),
                effective_from=EFFECTIVE)
        for code, r in UK_IPT.items()
    ]  # fmt: skip
    fd = products[ProductCode.FURTO_DANNI]
    rows += [
        TaxRate(product=fd, code="imposta", label="Imposte", tax_class="standard",
                rate=D("0.135"), effective_from=EFFECTIVE),
        TaxRate(product=fd, code="imposta_assistenza", label="Imposte (assistenza)",
                tax_class="assistance", rate=D("0.10"), effective_from=EFFECTIVE),
    ]  # fmt: skip
    au = products[ProductCode.AU_COMPREHENSIVE]
    rows.append(TaxRate(product=au, code="gst", label="GST", rate=D("0.10"), position=1,
                        effective_from=EFFECTIVE))  # fmt: skip
    rows += [
        TaxRate(product=au, code="stamp_duty", label=f"Stamp duty ({state})", region=state,
                rate=D(r), on_taxes=True, position=2, effective_from=EFFECTIVE)
        for state, r in AU_STAMP_DUTY.items()
    ]  # fmt: skip
    return rows


def load_policy_demo() -> int:
    """Create the products and their data unless they exist (one query when they do);
    returns how many products were created."""
    if Product.objects.exists():
        return 0
    return _load()


@transaction.atomic
def _load() -> int:
    products = {}
    for code, market, currency, renewable in PRODUCTS:
        products[code] = Product.objects.create(
            code=code, name=code.label, market=market, currency=currency,
            brand="smart" if code in SMART_BRAND else "lexus",
            renewable=renewable, insurer=INSURER[code],
        )  # fmt: skip
        for key, value in SETTINGS[code].items():
            ProductSetting.objects.create(product=products[code], key=key, value=value)
        for key, (value, description) in CONTACTS.get(code, {}).items():
            ProductSetting.objects.create(product=products[code], key=key, value=value,
                                          description=description)  # fmt: skip
        card = RateCard.objects.create(
            product=products[code], effective_from=EFFECTIVE, version="2024.1",
            notes="Illustrative demo rates.",
        )  # fmt: skip
        # With history: the audit trail shows what head office's first edit changed.
        bulk_create_with_history(
            [RateCardEntry(rate_card=card, key=k, value=v) for k, v in RATES[code].items()],
            RateCardEntry,
        )
    bulk_create_with_history(list(_taxes(products)), TaxRate)
    bulk_create_with_history(
        [Fee(product=products[c], code=k, label=lbl, amount=a, effective_from=EFFECTIVE)
         for c, k, lbl, a in FEES],
        Fee,
    )  # fmt: skip
    bulk_create_with_history(
        [CommissionRate(product=products[c], rate=r, effective_from=EFFECTIVE)
         for c, r in COMMISSIONS.items()],
        CommissionRate,
    )  # fmt: skip
    transaction.on_commit(config_cache_clear)  # bulk_create sends no signal
    return len(products)
