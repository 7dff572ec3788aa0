"""The daily renewal job over a calendar of policies of every product, each day run twice.

What should happen, and when, from PRODUCTS.md and the renewals issue (days before the end
of the period): the invitation 21 days before (renewable products: UK motor, AU
comprehensive, annual Italian policies); the payment 3 days before the renewal date and
the renewal on the day for a policy renewing automatically; otherwise one reminder 7 days
before and the lapse at the end; and fixed-term products (Asset Protector, SMART Cover,
smart GAP, a multi-year Italian policy) expire at the end of their term.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from documents.models import EmailSend
from policies.models import Policy, RateCard, RenewalPayment
from policies.renewals import renewals_run
from policies.rules.common import add_months
from policies.selectors import config_cache_clear, step_totals
from tests.dealers.factories import DealerFactory

from .selling import GAP, MOTOR, TODAY, deal_for, disclosed, sell

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("products")]

ENDS_AROUND = TODAY + timedelta(days=25)  # every policy's period ends about then
ROSSO = {"package": "rosso", "options": [], "vehicle_type": "autovettura",
         "invoice_price": Decimal("40000"), "financed_by_lfs": False}  # fmt: skip
AU = {"state": "NSW", "agreed_value": Decimal("60000"), "youngest_driver_age": 40,
      "business_use": False, "lifetime_rating_1": False, "voluntary_excess": 0,
      "excess_free_glass": False, "licence_type": "full", "licence_years": 20}  # fmt: skip

RENEWS = {"invite": -21, "take_payment": -3, "renew": 0}
LAPSES = {"invite": -21, "remind": -7, "lapse": 0}
EXPIRES = {"expire": 0}

# name, market (or "smart"), product, term in months, plan, automatic renewal, expected
CALENDAR = [
    ("motor renewing", "UK", "motor-uk", 12, "single", True, RENEWS),
    ("motor monthly, renewing", "UK", "motor-uk", 12, "monthly", True, RENEWS),
    ("motor not renewing", "UK", "motor-uk", 12, "single", False, LAPSES),
    ("AU renewing", "AU", "au-comprehensive", 12, "annual", True, RENEWS),
    ("AU not renewing", "AU", "au-comprehensive", 12, "monthly", False, LAPSES),
    ("Italian annual, renewing", "IT", "furto-danni", 12, "single", True, RENEWS),
    ("Italian annual, not renewing", "IT", "furto-danni", 12, "single", False, LAPSES),
    ("Italian three years", "IT", "furto-danni", 36, "single", False, EXPIRES),
    ("Asset Protector 36 months", "UK", "asset-protector", 36, "single", False, EXPIRES),
    ("Asset Protector 48 months", "UK", "asset-protector", 48, "single", False, EXPIRES),
    ("SMART Cover", "UK", "smart-cover", 12, "single", False, EXPIRES),
    ("smart Combined GAP", "smart", "smart-combined-gap", 36, "single", False, EXPIRES),
    ("smart Lease GAP", "smart", "smart-lease-gap", 24, "single", False, EXPIRES),
]


def answers_for(code, term, start):
    return {
        "motor-uk": MOTOR,
        "au-comprehensive": AU,
        "furto-danni": {**ROSSO, "duration_years": term // 12, "first_registration": start,
                        "sale_date": start},
        # months 37-48 only with finance longer than 36 months (seed 000)
        # cover runs from delivery (seed 000): delivered the day it is sold
        "asset-protector": {**GAP, "term_months": term, "delivery_date": start,
                            **({"finance_agreement": "finance", "finance_term_months": 48}
                               if term > 36 else {})},
        "smart-cover": {"term_months": term, "sale_date": start,
                        "delivery_date": start + timedelta(days=7)},
        "smart-combined-gap": {**GAP, "term_months": term, "first_registration": start},
        "smart-lease-gap": {**GAP, "term_months": term, "first_registration": start},
    }[code]  # fmt: skip


def sold_for_the_calendar(dealers, market, code, term, plan, auto_renew):
    start = add_months(ENDS_AROUND, -term)
    deal = deal_for(dealers[market])
    disclosed(deal, code, given_on=start - timedelta(days=3))  # past any GAP deferral
    policy = sell(deal, code, answers_for(code, term, start), plan=plan, on=start)
    Policy.objects.filter(pk=policy.pk).update(auto_renew=auto_renew)
    return Policy.objects.get(pk=policy.pk)


def state(policy):
    policy.refresh_from_db()
    paid = RenewalPayment.objects.filter(policy=policy).exists()
    return policy.status, policy.invited_on, policy.reminded_on, paid


def transitions(before, after):
    """The steps a day's run made for a policy, read off its state."""
    steps = []
    if before[1] is None and after[1] is not None:
        steps.append("invite")
    if before[2] is None and after[2] is not None:
        steps.append("remind")
    if not before[3] and after[3]:
        steps.append("take_payment")
    if before[0] != after[0]:
        steps.append({"renewed": "renew", "lapsed": "lapse", "expired": "expire"}[after[0]])
    return steps


@pytest.fixture
def calendar(uk_dealer, it_dealer, au_dealer):
    # the demo cards start in 2024; a four-year policy ending next month began before
    RateCard.objects.update(effective_from=date(2020, 1, 1))
    config_cache_clear()
    dealers = {"UK": uk_dealer, "IT": it_dealer, "AU": au_dealer,
               "smart": DealerFactory(market="UK", brand="smart")}  # fmt: skip
    return {name: (sold_for_the_calendar(dealers, market, code, term, plan, auto), expected)
            for name, market, code, term, plan, auto, expected in CALENDAR}  # fmt: skip


def test_each_policy_moves_on_the_days_its_product_says_and_a_second_run_does_nothing(
    calendar,
):
    ends = [policy.end_date for policy, _expected in calendar.values()]
    seen = {name: {} for name in calendar}
    day = min(ends) - timedelta(days=23)
    while day <= max(ends) + timedelta(days=1):
        before = {name: state(policy) for name, (policy, _e) in calendar.items()}
        first = renewals_run(on=day)
        again = renewals_run(on=day)
        assert (first.errors, again.errors) == ([], [])
        assert step_totals(again.counts) == {}, f"the second run of {day} did something"
        for name, (policy, _expected) in calendar.items():
            for step in transitions(before[name], state(policy)):
                seen[name][step] = (day - policy.end_date).days
        day += timedelta(days=1)
    assert seen == {name: expected for name, (_policy, expected) in calendar.items()}


def test_what_the_calendar_leaves_behind_renewals_emails_and_reasons(calendar):
    for policy, _expected in calendar.values():
        for days in (-21, -7, -3, 0):
            renewals_run(on=policy.end_date + timedelta(days=days))
    for name, (policy, expected) in calendar.items():
        policy.refresh_from_db()
        events = sorted(EmailSend.objects.filter(policy=policy).values_list("event", flat=True))
        wanted = sorted(["sale"] + ["renewal_invitation"] * ("invite" in expected)
                        + ["renewal_reminder"] * ("remind" in expected))  # fmt: skip
        assert events == wanted, name
        assert policy.ended_on == policy.end_date, name
        if "renew" in expected:
            renewed = Policy.objects.get(renewed_from=policy)
            assert (renewed.start_date, renewed.status) == (policy.end_date, "live"), name
            assert renewed.end_date == add_months(policy.end_date, 12), name
            assert policy.end_reason == f"Renewed as {renewed.number}.", name
            assert renewed.emails.get().event == "sale", name  # the new period's documents
            payment = RenewalPayment.objects.get(policy=policy)
            assert payment.due_on == policy.end_date - timedelta(days=3), name
            assert payment.amount == renewed.instalments.order_by("sequence")[0].amount, name
        elif "lapse" in expected:
            assert policy.end_reason == "Not renewed by the end of the period.", name
        else:
            assert policy.end_reason == f"The fixed term of {policy.term_months} months ended."


MESI = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
        "settembre", "ottobre", "novembre", "dicembre"]  # fmt: skip


def test_an_italian_customer_is_reminded_in_italian_a_week_before_the_end(
    it_dealer, start_server, django_capture_on_commit_callbacks
):
    from tests.smtp import Inbox

    policy = sold_for_the_calendar({"IT": it_dealer}, "IT", "furto-danni", 12, "single", False)
    renewals_run(on=policy.end_date - timedelta(days=21))
    inbox = start_server(Inbox())
    with django_capture_on_commit_callbacks(execute=True):
        renewals_run(on=policy.end_date - timedelta(days=7))
    ((rcpt, reminder),) = inbox.received
    end = policy.end_date
    assert rcpt == [policy.customer.email]
    assert reminder["Subject"] == (
        f"Promemoria: la sua polizza n. {policy.number} scade il "
        f"{end.day} {MESI[end.month - 1]} {end.year}"
    )
    assert "non si rinnova automaticamente" in reminder.get_body(("plain",)).get_content()
    assert [part.get_filename() for part in reminder.iter_attachments()] == [
        f"{policy.number}-renewal-invitation-v1.pdf"
    ]
