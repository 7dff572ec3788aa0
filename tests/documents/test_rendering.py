"""Every document of every product, rendered to PDF and read back as a customer's PDF
reader would: the text (pdftotext -layout), the fonts (pdffonts), the page size and the
PDF/A identification. Policies are sold through the real services (tests/policies)."""

import contextlib
import re
import subprocess
import zlib
from decimal import Decimal

import pytest
from django.utils import translation

from dealers.markets import format_money
from documents.content import product_kinds
from documents.rendering import render_document
from policies.quotes import inputs_from_answers, quote_calculate
from policies.rules.common import add_months

from .conftest import TODAY, cancelled, sold

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]

# The documents each product has (PRODUCTS.md: motor adds the certificate, the Statement
# of Fact and the Important Information; the renewable products an invitation to renew).
KINDS = {
    "asset-protector": ("schedule", "cancellation"),
    "smart-cover": ("schedule", "cancellation"),
    "motor-uk": ("schedule", "certificate", "statement_of_fact", "important_information",
                 "cancellation", "renewal_invitation"),
    "furto-danni": ("schedule", "cancellation", "renewal_invitation"),
    "au-comprehensive": ("schedule", "cancellation", "renewal_invitation"),
    "smart-combined-gap": ("schedule", "cancellation"),
    "smart-lease-gap": ("schedule", "cancellation"),
}  # fmt: skip
CASES = [(code, kind) for code, kinds in KINDS.items() for kind in kinds]


def said(policy, text: str) -> str:
    """`text` as the dealer's language says it (Italian documents print it in Italian once
    it is translated)."""
    with translation.override(policy.dealer.language):
        return translation.gettext(text)


def day(d) -> str:
    return d.strftime("%d/%m/%Y")


def money(policy, amount) -> str:
    return format_money(amount, policy.currency).replace("\xa0", " ")


class Text(str):
    """pdftotext -layout's page as printed; `flow` is the same text in reading order, one
    column at a time, for phrases that wrap inside a narrow column."""

    flow: str


def pdf_text(path) -> Text:
    def run(*options):
        out = subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True,
                             text=True, check=True).stdout  # fmt: skip
        return out.replace("\xa0", " ")

    text = Text(run("-layout"))
    text.flow = " ".join(run().split())
    return text


def rendered(policy, kind, tmp_path):
    pdf = render_document(policy=policy, kind=kind, language=policy.dealer.language)
    path = tmp_path / f"{policy.number}-{kind}.pdf"
    path.write_bytes(pdf)
    return pdf, path, pdf_text(path)


def has(text: Text, value: str) -> bool:
    """`value` is printed, maybe wrapped over lines in a narrow column."""
    return " ".join(value.replace("\xa0", " ").split()) in text.flow


def xmp(pdf: bytes) -> str:
    """The XMP metadata packet, from whichever stream holds it (compressed or not). Every
    "stream" keyword is tried as a start: one matched over a stream's own binary bytes
    (which may hold those letters) must not hide the stream after it."""
    for match in re.finditer(rb"stream\r?\n", pdf):
        end = pdf.find(b"endstream", match.end())
        if end < 0:
            break
        data = pdf[match.end() : end].rstrip(b"\r\n")
        with contextlib.suppress(zlib.error):
            data = zlib.decompress(data)
        if b"x:xmpmeta" in data:
            return data.decode("utf-8", "replace")
    return ""


def test_the_table_lists_every_kind_each_product_has(products):
    from policies.models import Product

    products = Product.objects.filter(code__in=KINDS)  # the test product has its own tests
    assert products.count() == len(KINDS)
    for product in products:
        policy = type("P", (), {"product": product})()
        assert set(product_kinds(policy)) == set(KINDS[product.code]), product.code


@pytest.mark.parametrize(("code", "kind"), CASES)
def test_each_document_names_the_policy_customer_and_vehicle(code, kind, tmp_path):
    policy = sold(code)
    if kind == "cancellation":
        policy = cancelled(policy)
    pdf, path, text = rendered(policy, kind, tmp_path)
    assert policy.number in text
    assert policy.customer.display_name in text
    assert policy.vehicle.registration in text
    pages = int(re.search(r"Pages:\s+(\d+)", _pdfinfo(path)).group(1))
    label = "Pagina" if kind == "schedule" and code == "furto-danni" else said(policy, "Page")
    assert f"{label} 1 / {pages}" in text and f"{label} {pages} / {pages}" in text
    CHECKS[kind](policy, text)


def _pdfinfo(path) -> str:
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip


def check_schedule(policy, text):
    assert has(text, day(policy.start_date)) and has(text, day(policy.end_date))
    for tax in policy.breakdown["taxes"]:
        assert has(text, money(policy, tax["amount"])), tax["label"]
    assert has(text, money(policy, policy.net_premium))
    assert has(text, money(policy, policy.total_premium))
    assert has(text, policy.product.insurer)
    assert has(text, policy.dealer.regulator_number)


def check_certificate(policy, text):
    assert "Certificate of Motor Insurance" in text
    assert has(text, day(policy.start_date)) and has(text, day(policy.end_date))
    assert has(text, "Persons or classes of persons entitled to drive")
    assert has(text, "the 1 other named driver(s)")  # two named drivers in all
    assert has(text, "Limitations as to use") and has(text, policy.product.insurer)


def check_statement_of_fact(policy, text):
    a = policy.answers
    assert "Statement of Fact" in text
    assert has(text, money(policy, a["vehicle_value"])) and has(text, money(policy, 250))
    assert re.search(rf"No Claim Discount \(years\)\s+{a['ncd_years']}\b", text)
    assert "Legal expenses, Road rescue" in text


def check_important_information(policy, text):
    assert "Important Information" in text
    assert "Our fees and charges" in text and "Cancelling your policy" in text
    assert has(text, policy.product.insurer)


def check_cancellation(policy, text):
    assert has(text, day(policy.cancelled_on))
    refund = (
        re.escape(said(policy, "Refund to you")) + r"\s+" + re.escape(money(policy, policy.refund))
    )
    assert re.search(refund, text)
    assert has(text, money(policy, policy.cancellation_fee))
    assert "Sold the car" in text


def check_renewal_invitation(policy, text):
    starts, ends = policy.end_date, add_months(policy.end_date, policy.term_months)
    assert has(text, f"{day(starts)} – {day(ends)}")


CHECKS = {
    "schedule": check_schedule,
    "certificate": check_certificate,
    "statement_of_fact": check_statement_of_fact,
    "important_information": check_important_information,
    "cancellation": check_cancellation,
    "renewal_invitation": check_renewal_invitation,
}


@pytest.mark.parametrize("code", ["motor-uk", "furto-danni", "asset-protector"])
def test_documents_are_pdf_a_3b_on_a4_with_every_font_embedded(code, tmp_path):
    pdf, path, _text = rendered(sold(code), "schedule", tmp_path)
    metadata = xmp(pdf)
    assert re.search(r'pdfaid:part(="|>)3', metadata), metadata
    assert re.search(r'pdfaid:conformance(="|>)B', metadata), metadata
    assert "595.276 x 841.89 pts (A4)" in _pdfinfo(path)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]  # fmt: skip
    assert fonts and all("DejaVu" in line for line in fonts)
    assert all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column


def test_a_monthly_motor_schedule_lists_the_twelve_instalments(tmp_path):
    policy = sold("motor-uk")
    _pdf, _path, text = rendered(policy, "schedule", tmp_path)
    instalments = list(policy.instalments.all())
    assert len(instalments) == 12
    assert "12 monthly instalments, the first on " + day(instalments[0].due_date) in text
    found = [re.search(rf"{day(i.due_date)}\s+" + re.escape(money(policy, i.amount)), text)
             for i in instalments]  # each due date with its amount  # fmt: skip
    assert all(found), instalments
    assert [m.start() for m in found] == sorted(m.start() for m in found)  # in date order
    assert "Insurance Premium Tax" in text and "12%" in text


def test_the_motor_schedule_shows_the_limits_extras_and_excesses_of_the_policy(tmp_path):
    policy = sold("motor-uk")
    _pdf, _path, text = rendered(policy, "schedule", tmp_path)
    assert "£20,000,000: £15,000,000 property damage and £5,000,000 legal costs" in text
    assert "Key Protect (included as standard)" in text and "£1,500 a period" in text
    legal = next(c for c in policy.breakdown["components"] if c["code"] == "legal_expenses")
    assert re.search(r"Legal expenses\s+Included: " + re.escape(money(policy, legal["amount"])),
                     text)  # fmt: skip
    assert re.search(r"Not taken\s+Enhanced courtesy car, Motor excess protection", text)
    assert re.search(r"Voluntary excess\s+£250.00", text)


def test_the_italian_schedule_is_in_italian_with_euros(tmp_path):
    policy = sold("furto-danni")
    _pdf, _path, text = rendered(policy, "schedule", tmp_path)
    for words in ("Scheda di polizza", "Contraente", "Garanzie incluse: pacchetto Blu",
                  "Garanzie opzionali", "Scoperti e franchigie", "Premio totale",
                  "Deprezzamento", "rate mensili", "Pagina 1 / "):  # fmt: skip
        assert words in text, words
    assert not re.search(r"\b(Policyholder|Net premium|Total premium|Cover starts|Page)\b", text)
    assert "Imposte" in text and "13,5%" in text
    assert re.search(r"Kasko/Collisione Premium\s+scoperto 10%, minimo 400 €\s+"
                     r"scoperto 15%, minimo 1.000 €", text)  # fmt: skip
    instalments = list(policy.instalments.all())
    assert len(instalments) == 24  # two years, monthly
    assert f"24 rate mensili, la prima il {day(instalments[0].due_date)}" in text
    assert all(has(text, money(policy, i.amount)) for i in instalments)
    assert "4.368,06 €" in text  # demo rates: Blu, Kasko Premium, Protezione Franchigia


def test_the_australian_schedule_adds_the_excesses_of_the_youngest_driver(tmp_path):
    policy = sold("au-comprehensive")  # NSW, youngest driver 23, voluntary excess $500
    _pdf, _path, text = rendered(policy, "schedule", tmp_path)
    assert re.search(r"Basic\s+\$750\.00", text) and re.search(r"Voluntary\s+\$500\.00", text)
    assert re.search(r"Age\s+\$700\.00\s+Driver under 25", text)
    assert not re.search(r"Licence\s+\$700", text)  # the age excess applies instead
    assert re.search(r"Glass only\s+None: you have Excess-free glass cover", text)
    assert "GST" in text and "Stamp duty (NSW)" in text
    assert "for paying once a year" in text  # the annual payment discount


def test_the_motor_renewal_is_priced_again_with_one_more_year_of_ncd(tmp_path):
    policy = sold("motor-uk")
    _pdf, _path, text = rendered(policy, "renewal_invitation", tmp_path)
    answers = {**policy.answers, "product": "motor-uk", "ncd_years": 6,
               "vehicle_value": Decimal(policy.answers["vehicle_value"])}  # fmt: skip
    quote = quote_calculate(product_code="motor-uk", inputs=inputs_from_answers(answers),
                            on=policy.end_date)  # fmt: skip
    renewal = next(p for p in quote.plans if p.option.plan == "monthly").breakdown.total
    assert renewal < policy.total_premium  # the extra year of NCD
    assert re.search(r"Total premium\s+" + re.escape(money(policy, renewal)), text)
    assert "6 years (assuming no claim in the current period)" in text
    assert "Indicative" not in text


def test_a_renewal_that_cannot_be_priced_again_is_indicative(tmp_path):
    # Head office narrows Kasko to cars of under a year after the sale: the renewal of this
    # car's Kasko Premium is refused, so the invitation keeps the current premium.
    from policies.models import ProductSetting
    from policies.selectors import config_cache_clear

    policy = sold("furto-danni")
    ProductSetting.objects.update_or_create(product=policy.product, key="kasko_max_age_years",
                                            defaults={"value": 0})  # fmt: skip
    config_cache_clear()
    _pdf, _path, text = rendered(policy, "renewal_invitation", tmp_path)
    assert said(policy, "Indicative price.") in text
    assert has(text, money(policy, policy.total_premium))


def test_a_cancellation_after_a_claim_refunds_nothing_and_shows_what_stays_due(tmp_path):
    from servicing.cancellation import policy_cancel
    from tests.claims.helpers import notify

    policy = sold("motor-uk")
    notify(policy, "fire_theft", loss_date=TODAY, cost="30000")
    policy = policy_cancel(policy=policy, on=TODAY, reason="Written off",
                           cancelled_by=policy.sold_by)  # fmt: skip
    _pdf, _path, text = rendered(policy, "cancellation", tmp_path)
    assert re.search(r"Refund to you\s+£0.00", text) and "No refund is due" in text
    assert "11 instalments" in text  # the first was paid; the rest of the year stays due
    assert "Legal expenses" in text and "Key Protect" in text  # cancelled with it
