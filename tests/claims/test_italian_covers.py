"""Polizza Furto e Danni claims on renewed policies, with the optional covers sold, and
against the yearly limits (issue 17). Expected amounts are worked from seed 001 and
PRODUCTS.md §4, by hand, in each test."""

from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.utils import translation

from claims.assessment import assess
from claims.models import Claim
from dealers.markets import format_money
from policies.models import Policy, ProductSetting
from policies.renewals import renewals_run
from servicing.changes import change_preview
from tests.policies.selling import TODAY

from .helpers import notify, sold

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]


def italian(it_dealer, answers=None, **kwargs):
    return sold(it_dealer, "furto-danni", answers, **kwargs)


def approved(claim, amount):
    """As head office approving the assessment shown (what a decided claim keeps)."""
    Claim.objects.filter(pk=claim.pk).update(
        status="approved", decision="approved", approved_amount=amount,
        assessment=assess(claim).as_json(),
    )  # fmt: skip


def renewed_italian(it_dealer, answers=None):
    """A new car sold 400 days ago for one year, renewed by the job 35 days ago."""
    policy = italian(it_dealer, answers, start=TODAY - timedelta(days=400))
    Policy.objects.filter(pk=policy.pk).update(auto_renew=True)
    end = policy.end_date
    for day in (end - timedelta(days=21), end - timedelta(days=3), end):
        job = renewals_run(on=day)
        assert job.errors == [], job.errors
    return Policy.objects.get(renewed_from=policy)


# --- a renewed policy ---------------------------------------------------------------------


def test_a_claim_on_a_renewed_italian_policy_is_assessed_on_the_first_sale(it_dealer):
    renewed = renewed_italian(it_dealer)
    first = renewed.renewed_from
    assert renewed.answers["sale_date"] == renewed.start_date.isoformat()  # ages: renewal day
    assert renewed.answers["first_sale_date"] == first.answers["sale_date"]
    a = assess(notify(renewed, "furto", damage="40000"))
    # Policy year 2 of a new car: 40,000 x 70% = 28,000; scoperto 10% = 2,800 -> 25,200.
    # (Before: the renewal made the car "used", and MissingMarketValue broke the page.)
    assert (a.covered, a.payable) == (True, D("25200.00"))
    assert "new vehicle" in next(f.rule for f in a.figures if f.label == "Depreciation")


def test_a_renewal_made_before_the_first_sale_date_was_kept_reads_it_from_the_chain(it_dealer):
    renewed = renewed_italian(it_dealer)
    answers = {k: v for k, v in renewed.answers.items() if k != "first_sale_date"}
    Policy.objects.filter(pk=renewed.pk).update(answers=answers)
    renewed.refresh_from_db()
    assert assess(notify(renewed, "furto", damage="40000")).payable == D("25200.00")


def test_a_change_on_a_renewed_italian_policy_is_previewed(it_dealer):
    renewed = renewed_italian(it_dealer)
    difference = change_preview(
        policy=renewed, kind="details", answers={"invoice_price": D("40000")}, on=TODAY
    )
    assert difference == 0  # the same answers: no difference, and no MissingMarketValue


# --- optional covers ----------------------------------------------------------------------


@pytest.mark.parametrize(("option", "payable"), [("restart_10k", "35200.00"),
                                                 ("restart_20k", "40000.00")])  # fmt: skip
def test_restart_pays_the_invoice_less_the_theft_settlement_up_to_its_limit(it_dealer, option,
                                                                           payable):  # fmt: skip
    policy = italian(it_dealer, {"options": [option]}, start=TODAY - timedelta(days=400), term=24)
    a = assess(notify(policy, "furto", damage="40000"))
    # Year 2: 40,000 x 70% = 28,000 less 10% = 25,200 from the theft cover;
    # Restart: 40,000 - 25,200 = 14,800, up to 10,000 (10K) or 20,000 (20K):
    # 25,200 + 10,000 = 35,200; 25,200 + 14,800 = 40,000.
    assert a.payable == D(payable)
    assert a.parts["furto"] == D("25200.00")
    assert any(f.label.startswith("Restart") for f in a.figures)


def test_restart_pays_nothing_on_partial_theft_damage(it_dealer):
    policy = italian(it_dealer, {"options": ["restart_10k"]})
    a = assess(notify(policy, "furto", damage="2000", in_network="True"))
    assert a.payable == D("1600.00")  # 2,000 less the 400 minimum; Restart 0
    restart = next(f.value for f in a.figures if f.label.startswith("Restart"))
    assert restart == format_money(D("0"), "EUR")


def test_protezione_franchigia_refunds_the_deductible_up_to_400_a_year(it_dealer):
    policy = italian(it_dealer, {"options": ["protezione_franchigia"]})
    first = notify(policy, "furto", damage="2000", in_network="True")
    a = assess(first)
    # Partial in rete: 10% of 2,000 = 200, minimum 400 -> deductible 400, 1,600 paid;
    # Protezione Franchigia refunds the 400 (damage above it): 2,000.
    assert (a.payable, a.parts["protezione_franchigia"]) == (D("2000.00"), D("400.00"))
    approved(first, D("2000.00"))
    again = assess(notify(policy, "furto", damage="3000", in_network="True"))
    # The year's 400 is used up: 3,000 - 400 = 2,600, no refund.
    assert (again.payable, again.parts["protezione_franchigia"]) == (D("2600.00"), D("0.00"))


def test_protezione_franchigia_does_not_refund_outside_the_network(it_dealer):
    policy = italian(it_dealer, {"options": ["protezione_franchigia"]})
    a = assess(notify(policy, "furto", damage="10000", in_network="False"))
    assert a.payable == D("8500.00")  # fuori rete 15% = 1,500 kept; no refund


def test_fattura_rimborsata_refunds_network_invoices_up_to_1000_on_total_theft(it_dealer):
    options = ["protezione_franchigia", "fattura_rimborsata"]
    policy = italian(it_dealer, {"options": options})
    claim = notify(policy, "furto", damage="40000")
    assert assess(claim).missing  # the invoices are needed first
    a = assess(notify(policy, "furto", damage="40000", network_invoices="1500"))
    # Year 1 total theft: 40,000 less 10% = 36,000; invoices 1,500, up to 1,000: 37,000.
    assert (a.payable, a.parts["fattura_rimborsata"]) == (D("37000.00"), D("1000.00"))


def test_kasko_finanziaria_pays_the_residual_debt_on_a_total_kasko_loss(it_dealer):
    answers = {"package": "blu", "options": ["kasko_premium", "kasko_finanziaria"],
               "financed_by_lfs": True}  # fmt: skip
    policy = italian(it_dealer, answers, finance_type="finance")
    a = assess(notify(policy, "kasko_premium", damage="40000", residual_debt="30000"))
    # Total Kasko, year 1: 40,000 less 10% = 36,000 for the vehicle; the residual debt of
    # 30,000 goes to Lexus Financial Services and the customer has the 6,000 above it.
    assert a.payable == D("36000.00")
    assert (a.parts["kasko_finanziaria"], a.parts["kasko_premium"]) == (D("30000.00"),
                                                                        D("6000.00"))  # fmt: skip


def test_kasko_finanziaria_alone_covers_a_total_kasko_loss(it_dealer):
    answers = {"package": "blu", "options": ["kasko_finanziaria"], "financed_by_lfs": True}
    policy = italian(it_dealer, answers, finance_type="finance")
    a = assess(notify(policy, "kasko_premium", damage="40000", residual_debt="30000"))
    assert (a.covered, a.payable) == (True, D("30000.00"))


# --- yearly limits ------------------------------------------------------------------------


def test_kasko_base_counts_the_years_earlier_claims_against_4000(it_dealer):
    policy = italian(it_dealer, {"options": ["kasko_base"]})
    for _ in range(2):  # 3,000 - franchigia 300 = 2,700, capped at 2,000 a claim
        claim = notify(policy, "kasko_base", damage="3000", in_network="True")
        assert assess(claim).payable == D("2000.00")
        approved(claim, D("2000.00"))
    a = assess(notify(policy, "kasko_base", damage="3000", in_network="True"))
    assert a.payable == D("0.00")  # 4,000 a year, 2 x 2,000 already approved
    third_of_year = notify(policy, "collisione_base", damage="1000", in_network="True")
    assert assess(third_of_year).covered is False  # Collisione not sold: declined


def test_kasko_base_pays_what_is_left_of_the_year(it_dealer):
    policy = italian(it_dealer, {"options": ["kasko_base"]})
    first = notify(policy, "kasko_base", damage="3000", in_network="True")
    approved(first, D("2000.00"))
    Claim.objects.filter(pk=first.pk).update(status="settled", settled_amount=D("2000.00"))
    second = notify(policy, "kasko_base", damage="2800", in_network="False")
    approved(second, D("2000.00"))  # 2,800 - 600 fuori rete = 2,200, capped at 2,000
    a = assess(notify(policy, "kasko_base", damage="1000", in_network="True"))
    assert a.payable == D("0.00")  # 1,000 - 300 = 700, but 4,000 used
    declined = notify(policy, "kasko_base", damage="1000", in_network="True")
    Claim.objects.filter(pk=second.pk).update(decision="withdrawn", status="closed")
    assert assess(declined).payable == D("700.00")  # 4,000 - 2,000 = 2,000 left: all 700


# --- Protezione Pneumatici ----------------------------------------------------------------
# Seed 001: "Rimborsa i costi di riparazione/sostituzione pneumatici assicurati in caso di
# foratura accidentale, al netto del deterioramento dovuto ad usura ... Inoltre, copre le
# spese di smontaggio equilibratura e montaggio ... con il limite di uno pneumatico per anno
# assicurativo ed è riconosciuto un massimale per sinistro/anno pari ad € 250,00."

TYRES = ["protezione_pneumatici"]


def puncture(policy, loss_date=None, **facts):
    return notify(policy, "protezione_pneumatici", loss_date, **facts)


def test_a_tyre_puncture_is_declined_without_protezione_pneumatici(it_dealer):
    policy = italian(it_dealer, {"options": ["protezione_franchigia"]})
    a = assess(puncture(policy, tyre_cost="180"))
    assert (a.covered, a.payable) == (False, D("0.00"))
    assert "Protezione Pneumatici" in a.reasons[0]


def test_a_tyre_puncture_needs_the_cost_of_the_tyre(it_dealer):
    policy = italian(it_dealer, {"options": TYRES})
    a = assess(puncture(policy))
    assert a.covered is None
    assert a.missing == ("Repair or replacement of the tyres, net of wear and normal use",)


def test_protezione_pneumatici_refunds_the_tyre_and_its_fitting(it_dealer):
    policy = italian(it_dealer, {"options": TYRES})
    claim = puncture(policy, tyre_cost="180", tyre_fitting="40")
    a = assess(claim)
    # One tyre: 180 (net of wear) + 40 dismounting, balancing and fitting = 220, under 250.
    assert (a.covered, a.payable, a.payee) == (True, D("220.00"), "customer")
    assert a.parts == {"protezione_pneumatici": D("220.00")}
    figure = next(f for f in a.figures if f.label == "Protezione Pneumatici")
    assert figure.value == format_money(D("220"), "EUR")
    assert format_money(D("250"), "EUR") in figure.rule  # the limit, shown with the rule
    assert claim.facts == {"tyres": 1, "tyre_cost": "180", "tyre_fitting": "40"}


def test_protezione_pneumatici_pays_at_most_250_a_claim(it_dealer):
    policy = italian(it_dealer, {"options": TYRES})
    a = assess(puncture(policy, tyre_cost="260", tyre_fitting="45"))
    assert a.payable == D("250.00")  # 260 + 45 = 305, massimale 250 per sinistro


def test_protezione_pneumatici_covers_one_tyre_of_several_punctured(it_dealer):
    policy = italian(it_dealer, {"options": TYRES})
    a = assess(puncture(policy, tyres="2", tyre_cost="300", tyre_fitting="60"))
    # Two tyres for 360 in all: one tyre a year, its share 360 / 2 = 180.
    assert a.payable == D("180.00")
    tyres = next(f for f in a.figures if f.label == "Tyres punctured")
    assert "Covered by this claim: 1." in tyres.rule


def test_protezione_pneumatici_covers_one_tyre_a_policy_year(it_dealer):
    policy = italian(it_dealer, {"options": TYRES}, start=TODAY - timedelta(days=400), term=24)
    first = puncture(policy, TODAY - timedelta(days=380), tyre_cost="120")
    assert assess(first).payable == D("120.00")  # year 1: one tyre, 120
    approved(first, D("120.00"))
    again = assess(puncture(policy, TODAY - timedelta(days=370), tyre_cost="90"))
    # Still year 1 (the policy started 400 days ago): its one tyre is refunded already,
    # though 250 - 120 = 130 of the money is left.
    assert (again.covered, again.payable) == (True, D("0.00"))
    assert "already refunded the tyres" in again.reasons[0]
    next_year = assess(puncture(policy, TODAY - timedelta(days=5), tyre_cost="90"))
    assert next_year.payable == D("90.00")  # year 2 has its own tyre


def test_a_withdrawn_tyre_claim_leaves_the_years_tyre(it_dealer):
    policy = italian(it_dealer, {"options": TYRES})
    first = puncture(policy, tyre_cost="120")
    approved(first, D("120.00"))
    Claim.objects.filter(pk=first.pk).update(decision="withdrawn", status="closed")
    assert assess(puncture(policy, tyre_cost="90")).payable == D("90.00")


def test_protezione_pneumatici_counts_the_years_earlier_payments_against_250(it_dealer):
    fd = ProductSetting.objects.filter(product__code="furto-danni")
    setting = fd.first()
    # Head office allows two tyres a year (product setting `limits`); the 250 is kept.
    ProductSetting.objects.create(product=setting.product, key="limits",
                                  value={"tyres_per_year": 2})  # fmt: skip
    policy = italian(it_dealer, {"options": TYRES})
    first = puncture(policy, tyre_cost="160", tyre_fitting="40")
    assert assess(first).payable == D("200.00")  # 160 + 40
    approved(first, D("200.00"))
    Claim.objects.filter(pk=first.pk).update(status="settled", settled_amount=D("200.00"))
    a = assess(puncture(policy, tyre_cost="150"))
    # The second tyre of the year: 150, but 250 a year less the 200 paid leaves 50.
    assert a.payable == D("50.00")
    figure = next(f for f in a.figures if f.label == "Protezione Pneumatici")
    assert format_money(D("200"), "EUR") in figure.rule  # what was paid earlier, shown


def test_head_office_sets_the_tyre_limit_as_a_product_setting(it_dealer):
    product = ProductSetting.objects.filter(product__code="furto-danni").first().product
    ProductSetting.objects.create(product=product, key="limits", value={"tyre_max": "300"})
    policy = italian(it_dealer, {"options": TYRES})
    a = assess(puncture(policy, tyre_cost="260", tyre_fitting="45"))
    assert a.payable == D("300.00")  # 305, up to the 300 head office set


def test_the_tyre_puncture_is_asked_in_italian(it_dealer):
    from catalog.furto_danni.claims import FurtoDanniForm

    with translation.override("it"):
        events = {k: str(v) for k, v in FurtoDanniForm.EVENTS}
        assert (
            events["protezione_pneumatici"] == "Foratura di uno pneumatico (Protezione Pneumatici)"
        )
        assert str(FurtoDanniForm.base_fields["tyre_cost"].label) == (
            "Riparazione o sostituzione degli pneumatici, al netto di usura e normale utilizzo"
        )
        policy = italian(it_dealer, {"options": []})
        reason = assess(puncture(policy, tyre_cost="100")).reasons[0]
        assert reason.startswith("La foratura di uno pneumatico è coperta solo")
