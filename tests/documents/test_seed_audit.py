"""The documents audited line by line against their source documents (shared/seeds): the
PDFs are rendered as a customer receives them and read back with pdftotext. Each value
expected is quoted from the seed (`quoted` fails if the seed does not say it), never taken
from what the code returns; figures the seeds leave to the schedule are product settings,
and the tests change them as head office would and read the change on the document."""

import re
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings

from policies.models import Product, ProductSetting
from tests.dealers.factories import DealerFactory
from tests.policies.selling import deal_for, disclosed, sell

from .conftest import ANSWERS, CUSTOMERS, DEALERS, GAP_INFORMATION, cancelled, sold
from .test_rendering import has, rendered

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]

SEEDS = Path(settings.BASE_DIR) / "docs" / "seeds"  # a copy of ../shared/seeds, kept with the code
UK_WEB, ITALY, UK_MOTOR, AUSTRALIA, SMART_GAP = (
    "000_9abe1ba9d7215269.txt", "001_d409cb42a1f81308.txt", "002_a6b0f43832c7e36e.txt",
    "003_560029a7d9236d0f.txt", "004_86539acd07224fda.txt",
)  # fmt: skip


@cache
def seed_text(name: str) -> str:
    return " ".join((SEEDS / name).read_text(encoding="utf-8").replace("*", "").split())


def quoted(seed: str, phrase: str) -> str:
    """`phrase`, as the seed prints it (the audit's expected value comes from the seed)."""
    assert " ".join(phrase.split()) in seed_text(seed), f"seed {seed} does not say {phrase!r}"
    return phrase


def line_with(text: str, label: str) -> str:
    """The printed line (pdftotext -layout) that holds `label`."""
    lines = [line for line in text.splitlines() if label in line]
    assert lines, f"no line with {label!r}"
    return " ".join(lines[0].split())


def setting(code: str, key: str, value) -> None:
    """Head office changes a product setting (the admin saves it the same way)."""
    product = Product.objects.get(code=code)
    ProductSetting.objects.update_or_create(product=product, key=key, defaults={"value": value})


# --- the insurers the seeds name ----------------------------------------------------------

INSURERS = {
    "smart-cover": (UK_WEB, ("Red Sands Insurance Company (Europe) Limited",
                             "Aioi Nissay Dowa Insurance UK Limited")),
    "motor-uk": (UK_MOTOR, ("Aioi Nissay Dowa Insurance UK Limited",)),
    "furto-danni": (ITALY, ("Aioi Nissay Dowa Insurance Company of Europe SE",)),
    "au-comprehensive": (AUSTRALIA, ("Aioi Nissay Dowa Insurance Company Australia Pty Ltd",)),
    "smart-combined-gap": (SMART_GAP, ("Acasta European Insurance Company Ltd",)),
    "smart-lease-gap": (SMART_GAP, ("Acasta European Insurance Company Ltd",)),
}  # fmt: skip


@pytest.mark.parametrize("code", list(INSURERS))
def test_the_schedule_names_the_insurer_its_seed_names(code, tmp_path):
    seed, names = INSURERS[code]
    _pdf, _path, text = rendered(sold(code), "schedule", tmp_path)
    for name in names:
        assert has(text, quoted(seed, name)), name
    assert "illustrativ" not in text.flow


def test_the_motor_certificate_is_signed_for_the_insurer_of_the_wording(tmp_path):
    _pdf, _path, text = rendered(sold("motor-uk"), "certificate", tmp_path)
    insurer = quoted(UK_MOTOR, "Aioi Nissay Dowa Insurance UK Limited")
    assert has(text, f"{insurer} Authorised insurer")
    assert "illustrative" not in text.flow


# --- phone numbers: claims lines are not enquiry lines ------------------------------------


def test_the_australian_schedule_gives_the_claims_line_for_claims_and_the_enquiry_line_apart(
    tmp_path,
):
    _pdf, _path, text = rendered(sold("au-comprehensive"), "schedule", tmp_path)
    claims = quoted(AUSTRALIA, "For more information regarding your policy or to make a "
                               "claim: Phone: 1300 658 067")[-12:]  # fmt: skip
    enquiries = quoted(AUSTRALIA, "call us on 1300 888 840")[-12:]
    assert "claim" in line_with(text, claims)
    assert "claim" not in line_with(text, enquiries).lower()
    assert has(text, quoted(AUSTRALIA, "insurance@lexus.com.au"))


MOTOR_LINES = (  # (the schedule's label, the number of the wording's contact table)
    ("To change your policy", quoted(UK_MOTOR, "To make a change to your policy 0333 103 9960")),
    ("To report an accident or theft, or to claim",
     quoted(UK_MOTOR, "To report a motor accident or theft, or to make a claim 0333 103 7794")),
    ("To make a windscreen claim", quoted(UK_MOTOR, "To make a windscreen claim 0330 022 9449")),
    ("To claim under Key Protect", quoted(UK_MOTOR, "Key protect: 0344 856 2270")),
)  # fmt: skip


@pytest.mark.parametrize("kind", ["schedule", "statement_of_fact", "renewal_invitation"])
def test_motor_documents_give_each_line_of_the_wording_for_its_purpose(kind, tmp_path):
    _pdf, _path, text = rendered(sold("motor-uk"), kind, tmp_path)
    for label, line in MOTOR_LINES:
        assert line[-13:] in line_with(text, label), label


def test_the_smart_documents_give_the_claims_lines_of_their_seeds(tmp_path):
    _pdf, _path, cover = rendered(sold("smart-cover"), "schedule", tmp_path)
    assert quoted(UK_WEB, "Claims line on 0800 077 8713")[-13:] in line_with(cover, "To claim")
    _pdf, _path, gap = rendered(sold("smart-combined-gap"), "schedule", tmp_path)
    assert quoted(SMART_GAP, "Claims Department on 01279 456 507")[-13:] in line_with(
        gap, "To claim"
    )


def test_the_italian_schedule_gives_the_customer_service_line_and_email(tmp_path):
    _pdf, _path, text = rendered(sold("furto-danni"), "schedule", tmp_path)
    assert quoted(ITALY, "Tel 06 62292910")[4:] in line_with(text, "Assistenza clienti")
    assert has(text, quoted(ITALY, "clienti@lexus-im.com"))


# Each line is a product setting head office edits: (product, document, setting, label).
LINES = (
    ("motor-uk", "schedule", "claims_phone", "To report an accident or theft, or to claim"),
    ("motor-uk", "statement_of_fact", "windscreen_claims_phone", "To make a windscreen claim"),
    ("smart-cover", "schedule", "claims_phone", "To claim"),
    ("smart-lease-gap", "schedule", "claims_phone", "To claim"),
    ("au-comprehensive", "schedule", "enquiries_phone", "Further information"),
    ("furto-danni", "schedule", "enquiries_phone", "Assistenza clienti"),
)


@pytest.mark.parametrize(("code", "kind", "key", "label"), LINES)
def test_a_line_head_office_changes_is_the_line_the_document_gives(
    code, kind, key, label, tmp_path
):
    setting(code, key, "0300 555 0199")
    _pdf, _path, text = rendered(sold(code), kind, tmp_path)
    assert "0300 555 0199" in line_with(text, label)


# --- limits and excesses ------------------------------------------------------------------


def test_the_motor_schedule_shows_the_glass_excesses_section_5_refers_to(tmp_path):
    quoted(UK_MOTOR, "you will have to pay the glass replacement excess shown in your Schedule")
    quoted(UK_MOTOR, "you will have to pay the glass repair excess shown in your Schedule")
    setting("motor-uk", "glass_replacement_excess", "115")  # head office's figures
    setting("motor-uk", "glass_repair_excess", "35")
    _pdf, _path, text = rendered(sold("motor-uk"), "schedule", tmp_path)
    assert "£115.00" in line_with(text, "Glass replacement excess")
    assert "£35.00" in line_with(text, "Glass repair excess")


def test_the_motor_schedule_shows_the_maximum_days_abroad_head_office_sets(tmp_path):
    quoted(UK_MOTOR, "for more than the maximum days abroad as detailed in your Policy Schedule")
    setting("motor-uk", "max_days_abroad", 45)
    _pdf, _path, text = rendered(sold("motor-uk"), "schedule", tmp_path)
    assert "45 days" in line_with(text, "Maximum days abroad")


@pytest.mark.parametrize(("imported", "said"), [(True, "Yes"), (False, "No")])
def test_the_motor_schedule_states_whether_the_car_is_imported(tmp_path, imported, said):
    quoted(UK_MOTOR, "if your Schedule states that your car is imported")
    policy = sold("motor-uk", imported=imported)
    _pdf, _path, text = rendered(policy, "schedule", tmp_path)
    assert line_with(text, "Imported car").split()[-1] == said


def test_the_motor_schedule_limits_are_the_wordings_and_head_office_can_change_them(tmp_path):
    _pdf, _path, text = rendered(sold("motor-uk"), "schedule", tmp_path)
    for label, phrase, amount in (
        ("Third-party property", "up to £20,000,000 (in total)", "£20,000,000"),
        ("Third-party property", "up to £15,000,000 for damage to property", "£15,000,000"),
        ("Third-party property", "up to £5,000,000 for legal costs", "£5,000,000"),
        ("Medical expenses", "We will pay up to £500 for each person", "£500"),
        ("Misfuelling", "We will pay up to £250 to clean the fuel system", "£250"),
        ("Non-standard in-car equipment", "up to £750 for any other equipment", "£750"),
        ("Glass at a repairer", "£200 for replacement or £50 for repair", "£200"),
        ("Glass of an imported car", "£500 for either replacement or repair", "£500"),
    ):
        quoted(UK_MOTOR, phrase)
        assert amount in line_with(text, label), label
    setting("motor-uk", "misfuelling", "300")
    setting("motor-uk", "trailer_market_value", "3000")
    setting("motor-uk", "accommodation_per_event", "140")  # Key Protect
    _pdf, _path, text = rendered(sold("motor-uk"), "schedule", tmp_path)
    assert "£300" in line_with(text, "Misfuelling")
    assert "£3,000" in line_with(text, "Trailer")
    assert "£140" in line_with(text, "Accommodation")


def test_the_smart_gap_schedule_shows_the_seeds_features_and_european_days_as_set(tmp_path):
    _pdf, _path, text = rendered(sold("smart-lease-gap"), "schedule", tmp_path)
    assert "90 days" in quoted(SMART_GAP, "European Cover (per annum) | 90 days")
    assert "90 days a year" in line_with(text, "European cover")
    for label, phrase, amount in (
        ("Claim limit", "Cars costing up to £75,000", "£75,000"),
        ("vehicles: £", "maximum invoice price = £125,000", "£125,000"),
        ("accessories", "accessories cover | Up to £1,500", "£1,500"),
        ("Motor insurance excess", "Excess Cover | Up to £250", "£250"),
        ("Road Fund Licence", "contribution up to £200", "£200"),
        ("Vehicle age", "Up to 10 years", "10 years"),
    ):
        quoted(SMART_GAP, phrase)
        assert amount in line_with(text, label), label
    quoted(SMART_GAP, "up to 3 monthly rentals to a maximum of £2,500 (including VAT)")
    assert has(text, "up to 3 monthly rentals, at most £2,500 including VAT")
    setting("smart-lease-gap", "european_cover_days", 60)
    _pdf, _path, text = rendered(sold("smart-lease-gap"), "schedule", tmp_path)
    assert "60 days a year" in line_with(text, "European cover")


# --- the certificate identifies the vehicle -----------------------------------------------


def test_the_certificate_of_a_new_car_not_yet_registered_identifies_it_by_vin(tmp_path):
    policy = sold("motor-uk", registration="")
    _pdf, _path, text = rendered(policy, "certificate", tmp_path)
    row = " ".join(text.split("1. Registration mark of vehicle")[1].split("2. Name")[0].split())
    assert "—" not in row
    assert policy.vehicle.vin in row and "Lexus NX 350h" in row
    assert "Not yet registered" in row


@pytest.mark.parametrize("kind", ["cancellation", "renewal_invitation"])
def test_letters_about_a_car_not_yet_registered_name_it_by_vin(kind, tmp_path):
    policy = sold("motor-uk", registration="")
    if kind == "cancellation":
        policy = cancelled(policy)
    _pdf, _path, text = rendered(policy, kind, tmp_path)
    assert policy.vehicle.vin in line_with(text, "Vehicle")


# --- Asset Protector: months 37 to 48 only when they apply --------------------------------


def asset_protector(term: int, finance: str, finance_term: int | None):
    dealer = DealerFactory(**DEALERS["UK"])
    deal = deal_for(dealer, **{f"customer__{k}": v for k, v in CUSTOMERS["UK"].items()})
    disclosed(deal, "asset-protector", given_on=GAP_INFORMATION)
    answers = {**ANSWERS["asset-protector"], "term_months": term, "finance_agreement": finance,
               "finance_term_months": finance_term}  # fmt: skip
    return sell(deal, "asset-protector", answers)


LIMITED = quoted(UK_WEB, "limited cover in months 37 to 48 if your vehicle is subject to a "
                         "finance agreement with a term greater than 36 months")  # fmt: skip


@pytest.mark.parametrize(("finance", "finance_term"), [("cash", None), ("pcp", 36), ("pcp", 48)])
def test_a_36_month_asset_protector_schedule_says_nothing_of_months_37_to_48(
    finance, finance_term, tmp_path
):
    _pdf, _path, text = rendered(asset_protector(36, finance, finance_term), "schedule", tmp_path)
    assert not re.search(r"Months 37\s+to\s+48", text.flow)
    assert has(text, "Months 1 to 36")


def test_a_48_month_asset_protector_on_long_finance_shows_its_limited_cover(tmp_path):
    assert "months 37 to 48" in LIMITED
    _pdf, _path, text = rendered(asset_protector(48, "pcp", 48), "schedule", tmp_path)
    assert has(text, "Months 37 to 48 (limited cover)")
    assert has(text, "The finance agreement runs 48 months")
    assert "Does not apply" not in text.flow


# --- the worked examples ------------------------------------------------------------------


def test_the_asset_protector_schedule_works_the_seeds_example(tmp_path):
    _pdf, _path, text = rendered(sold("asset-protector"), "schedule", tmp_path)
    quoted(UK_WEB, "Net Invoice Price £22,000")
    quoted(UK_WEB, "Typical Market Value £13,000")
    quoted(UK_WEB, "Shortfall £9,000 This is the amount that Asset Protector could pay")
    assert "Net Invoice Price" in line_with(text, "£22,000")
    assert "£13,000" in line_with(text, "Market value at the date of loss")
    assert "£9,000" in line_with(text, "Asset Protector could pay")


@pytest.mark.parametrize(
    ("code", "first", "phrase"),
    [
        ("smart-combined-gap", "What you paid for your smart",
         "If you paid £14,000 for your smart and it is written off and your motor insurance "
         "company agree to pay out £10,000. Combined GAP Insurance by smart will pay-out £4,000"),
        ("smart-lease-gap", "Still owed on your lease agreement",
         "agree to pay out £10,000 but you still owe £14,000 on your lease agreement. Lease GAP "
         "Insurance by smart will pay-out £4,000"),
    ],
)  # fmt: skip
def test_the_smart_gap_schedules_work_the_seeds_examples(code, first, phrase, tmp_path):
    quoted(SMART_GAP, phrase)
    _pdf, _path, text = rendered(sold(code), "schedule", tmp_path)
    assert "£14,000" in line_with(text, first)
    assert "£10,000" in line_with(text, "Your motor insurer pays out")
    assert "£4,000" in line_with(text, "GAP Insurance by smart pays out")


@pytest.mark.parametrize("code", ["motor-uk", "asset-protector", "furto-danni"])
def test_a_schedule_of_a_car_not_yet_registered_says_so_beside_its_vin(code, tmp_path):
    policy = sold(code, registration="")
    _pdf, _path, text = rendered(policy, "schedule", tmp_path)
    label = "Targa" if code == "furto-danni" else "Registration"
    assert "registered" in line_with(text, label).lower().replace("immatricolato", "registered")
    assert has(text, policy.vehicle.vin)


def test_motor_documents_name_the_cancellation_fee_and_the_cooling_off_period(tmp_path):
    from policies.models import Fee

    quoted(UK_MOTOR, "If you cancel (including in the 14 day cooling off period)")
    quoted(UK_MOTOR, "our administration fee which is charged at cancellation")
    fee = Fee.objects.get(product__code="motor-uk", code="cancellation").amount  # head office's
    _pdf, _path, text = rendered(sold("motor-uk"), "schedule", tmp_path)
    assert has(text, "including in the 14 day cooling off period")
    assert has(text, f"an administration fee of £{fee}")


# --- the Important Information the motor wording sends the customer to --------------------


def test_a_motor_sale_issues_the_important_information_the_wording_makes_part_of_the_policy():
    from documents.emails import event_kinds

    quoted(UK_MOTOR, "Policy Your Statement of Fact , this document, your Schedule , your "
                     "Certificate of Motor Insurance and our Important Information.")  # fmt: skip
    assert "important_information" in event_kinds(sold("motor-uk"), "sale")


def fee(code: str, label: str, amount: str) -> None:
    """Head office sets a fee of the motor product from today (the admin saves it so)."""
    from django.utils import timezone

    from policies.models import Fee

    product = Product.objects.get(code="motor-uk")
    Fee.objects.update_or_create(product=product, code=code, effective_from=timezone.localdate(),
                                 defaults={"label": label, "amount": amount})  # fmt: skip


def test_the_important_information_gives_the_fees_head_office_sets(tmp_path):
    quoted(UK_MOTOR, "our administration fee which is charged at cancellation as shown in our "
                     "Important Information document")  # fmt: skip
    quoted(UK_MOTOR, "We may apply a fee for certain changes to your policy, in addition to any "
                     "premium charged by us. Please refer to our Important Information document "
                     "for the level of any charge.")  # fmt: skip
    quoted(UK_MOTOR, "This does not include any charges levied by us in our Important "
                     "Information Document")  # fmt: skip
    fee("cancellation", "Cancellation administration fee", "42.50")
    fee("change", "Mid-term change fee", "20.00")
    _pdf, _path, text = rendered(sold("motor-uk"), "important_information", tmp_path)
    assert "£42.50" in line_with(text, "Cancellation administration fee")
    assert "£20.00" in line_with(text, "Mid-term change fee")
    assert has(text, "administration fee charged at cancellation, £42.50")
    assert has(text, "These charges are not part of your premium")


def test_the_important_information_without_a_change_fee_says_changes_carry_none(tmp_path):
    _pdf, _path, text = rendered(sold("motor-uk"), "important_information", tmp_path)
    assert "None" in line_with(text, "Changes to your policy")


def test_the_important_information_says_how_to_claim_as_the_wording_does(tmp_path):
    _pdf, _path, text = rendered(sold("motor-uk"), "important_information", tmp_path)
    quoted(UK_MOTOR, "24 hours a day, 365 days a year and is available on 0333 103 7794")
    assert has(text, "Call us on 0333 103 7794, 24 hours a day, 365 days a year")
    quoted(UK_MOTOR, "no later than 24 hours after discovery of the incident occurring")
    assert has(text, "no later than 24 hours after discovering the incident")
    quoted(UK_MOTOR, "please call us on 0330 022 9449 before any work is carried out")
    assert has(text, "Call 0330 022 9449 before any work is carried out")
    quoted(UK_MOTOR, "To make a claim, go to <https://Keyclaims.davies-group.com>")
    quoted(UK_MOTOR, "call us at 0344 856 2270 to inform us about your claim")
    assert has(text, "Claim at https://Keyclaims.davies-group.com or call 0344 856 2270")
    quoted(UK_MOTOR, "confidential cheat line on 0800 422 0421")
    assert has(text, "confidential cheat line, 0800 422 0421")


def test_the_important_information_gives_the_complaints_ombudsman_and_fscs_of_the_wording(
    tmp_path,
):
    _pdf, _path, text = rendered(sold("motor-uk"), "important_information", tmp_path)
    for phrase in (
        "Complaints Controller, Lexus Motor Insurance, PO Box 1308, Newcastle upon Tyne, NE12 2BF",
        "complaints@lexusmotorinsurance.co.uk",
        "The Financial Ombudsman Service, Exchange Tower, London, E14 9SR",
        "www.financial-ombudsman.org.uk",
        "complaint.info@financial-ombudsman.org.uk",
        "0800 023 4567 or 0300 123 9123",
        "www.fscs.org.uk",
        "keyclaims@davies-group.com",
        "Davies Group, PO Box 1291, Preston, PR2 0QJ",
    ):
        assert has(text, quoted(UK_MOTOR, phrase)), phrase
    assert "complaints@lexusmotorinsurance.co.uk" in line_with(text, "Email")
    quoted(UK_MOTOR, "you have not received the final decision within eight weeks")
    assert has(text, "have not received it within eight weeks")
    quoted(UK_MOTOR, "You must approach the Financial Ombudsman Service within 6 months")
    assert has(text, "You must approach it within 6 months")
    setting("motor-uk", "complaints_email", "complaints@example.co.uk")
    _pdf, _path, text = rendered(sold("motor-uk"), "important_information", tmp_path)
    assert has(text, "complaints@example.co.uk")


def test_the_important_information_says_what_cancelling_costs_as_section_14_6_does(tmp_path):
    _pdf, _path, text = rendered(sold("motor-uk"), "important_information", tmp_path)
    quoted(UK_MOTOR, "If you cancel (including in the 14 day cooling off period)")
    assert has(text, "including in the 14 day cooling off period")
    quoted(UK_MOTOR, "it cannot be backdated to an earlier date")
    assert has(text, "it cannot be backdated")
    quoted(UK_MOTOR, "you must pay the full annual premium and you will not be entitled to any "
                     "refund")  # fmt: skip
    assert has(text, "The full annual premium is due and no premium is refunded")
    quoted(UK_MOTOR, "Cancellation of the car insurance policy will result in automatic "
                     "cancellation of all optional policy extras")  # fmt: skip
    quoted(UK_MOTOR, "no refund will be applicable")
    assert has(text, "cancels every optional extra and Key Protect with it")
    quoted(UK_MOTOR, "you may cancel the credit agreement within 14 days of Premium Credit "
                     "Limited receiving the signed credit agreement back")  # fmt: skip
    assert has(text, "within 14 days of Premium Credit Limited receiving it signed")
