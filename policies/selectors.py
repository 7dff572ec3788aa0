"""Reads of the head-office data in force on a date: rate cards, taxes, fees, readings.

Every quote needs a product's whole configuration, so it is read once (four queries) and
kept in memory per process for CONFIG_TTL_SECONDS; a change saved in this process (admin,
services, signals) clears it at once, and other processes see it within the TTL. Rates
change by new rate-card versions with a future effective date, so the TTL is harmless."""

import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from dealers.models import User
from dealers.selectors import dealers_for, scoped, search_words

from .models import (
    CommissionRate,
    Fee,
    JobRun,
    Policy,
    Product,
    ProductSetting,
    RateCard,
    TaxRate,
)
from .rules.premiums import RateTable
from .rules.pricing import FeeSpec, TaxSpec
from .rules.renewal import RenewalParams, Step

CONFIG_TTL_SECONDS = 30


class NotConfigured(Exception):
    """Head office has not set up what a calculation needs (no rate card in force...)."""


@dataclass(frozen=True)
class ProductConfig:
    product: Product
    settings: dict[str, Any]
    rate_cards: tuple[tuple[RateCard, dict[str, Decimal]], ...]  # newest first
    taxes: tuple[TaxRate, ...]
    fees: tuple[Fee, ...]  # newest first


_configs: dict[str, tuple[float, ProductConfig]] = {}
_lock = threading.Lock()


def config_cache_clear() -> None:
    with _lock:
        _configs.clear()


def product_config(code: str) -> ProductConfig:
    cached = _configs.get(code)
    if cached and time.monotonic() - cached[0] < CONFIG_TTL_SECONDS:
        return cached[1]
    config = _load_config(code)
    with _lock:
        _configs[code] = (time.monotonic(), config)
    return config


def _load_config(code: str) -> ProductConfig:
    try:
        product = Product.objects.get(code=code)
    except Product.DoesNotExist as e:
        raise NotConfigured(f"Product {code!r} is not set up.") from e
    cards = list(RateCard.objects.filter(product=product).prefetch_related("entries"))
    cards.sort(key=lambda c: c.effective_from, reverse=True)
    return ProductConfig(
        product=product,
        settings=dict(ProductSetting.objects.filter(product=product).values_list("key", "value")),
        rate_cards=tuple((c, RateTable((e.key, e.value) for e in c.entries.all())) for c in cards),
        taxes=tuple(TaxRate.objects.filter(product=product).order_by("position", "code")),
        fees=tuple(Fee.objects.filter(product=product).order_by("-effective_from")),
    )


def product_get(code: str) -> Product:
    return product_config(code).product


def settings_of(product: Product) -> dict[str, Any]:
    return product_config(product.code).settings


def commission_rate(
    product_id: int, dealer_id: int, on: date, rates: list[CommissionRate] | None = None
) -> Decimal:
    """The share of the net premium the dealer earns on the product on `on`: the dealer's
    own rate in force, else the product's rate for every dealer, else nothing. `rates`:
    every rate, read once by a caller that asks for many policies (the renewal job)."""
    if rates is None:
        rates = list(CommissionRate.objects.filter(product_id=product_id, effective_from__lte=on)
                     .filter(Q(dealer_id=dealer_id) | Q(dealer__isnull=True)))  # fmt: skip
    in_force = [r for r in rates if r.product_id == product_id and r.effective_from <= on
                and r.dealer_id in (dealer_id, None)]  # fmt: skip
    if not in_force:
        return Decimal("0")
    return max(in_force, key=lambda r: (r.dealer_id is not None, r.effective_from)).rate


def rate_card_in_force(product: Product, on: date) -> RateCard:
    """The card with the latest effective_from on or before `on`."""
    for card, _rates in product_config(product.code).rate_cards:
        if card.effective_from <= on:
            return card
    raise NotConfigured(f"No rate card for {product.code} in force on {on:%Y-%m-%d}.")


def rates_of(card: RateCard) -> dict[str, Decimal]:
    for known, rates in product_config(card.product.code).rate_cards:
        if known.pk == card.pk:
            return rates
    return dict(card.entries.values_list("key", "value"))


def taxes_in_force(product: Product, on: date, region: str = "") -> list[TaxSpec]:
    """The product's taxes on a date; a regional tax (AU stamp duty) only for `region`."""
    return [
        TaxSpec(t.code, t.label, t.rate, t.tax_class, t.on_taxes)
        for t in product_config(product.code).taxes
        if t.effective_from <= on
        and (t.effective_to is None or t.effective_to > on)
        and t.region in ("", region)
    ]


def fee_in_force(product: Product, code: str, on: date) -> FeeSpec:
    for fee in product_config(product.code).fees:
        if fee.code == code and fee.effective_from <= on:
            return FeeSpec(fee.code, fee.label, fee.amount)
    raise NotConfigured(f"No {code} fee for {product.code} in force on {on:%Y-%m-%d}.")


def fees_in_force(product: Product, on: date) -> list[FeeSpec]:
    """Every fee of the product in force on `on`, one a code (the newest on or before)."""
    fees: dict[str, FeeSpec] = {}
    for fee in product_config(product.code).fees:  # newest first
        if fee.effective_from <= on and fee.code not in fees:
            fees[fee.code] = FeeSpec(fee.code, fee.label, fee.amount)
    return list(fees.values())


# --- policies, scoped to what the user may see (dealers.selectors) -------------------

POLICY_SEARCH_FIELDS = (
    "number",
    "customer__first_name",
    "customer__last_name",
    "customer__company_name",
    "vehicle__registration",
    "vehicle__vin",
)


def policies_for(user) -> QuerySet[Policy]:
    return scoped(
        Policy.objects.select_related("product", "dealer", "customer", "vehicle", "sold_by"), user
    )


def first_of_chain(policy: Policy) -> Policy:
    """The policy a renewal chain started with (the policy itself when never renewed)."""
    first = policy
    while first.renewed_from_id:
        first = first.renewed_from
    return first


def answers_as_first_sold(policy: Policy) -> dict[str, Any]:
    """The policy's stored answers with `first_sale_date`, the day the chain was first
    sold: the day its value tables (condition, insured value) are read on. A renewal
    re-dates `sale_date` to its own start; renewals made before `first_sale_date` was kept
    are read back from the chain."""
    answers = dict(policy.answers)
    if "sale_date" in answers and not answers.get("first_sale_date"):
        answers["first_sale_date"] = first_of_chain(policy).answers.get("sale_date")
    return answers


def policy_search(queryset: QuerySet[Policy], text: str) -> QuerySet[Policy]:
    return search_words(queryset, text, POLICY_SEARCH_FIELDS)


def renewal_params(product: Product) -> RenewalParams:
    """The renewal calendar's figures for a product (product settings, with the rules'
    defaults): read by the daily job and printed on the documents alike."""
    config = settings_of(product)
    defaults = RenewalParams()
    return RenewalParams(
        invite_days=int(config.get("renewal_invite_days", defaults.invite_days)),
        payment_days=int(config.get("renewal_payment_days", defaults.payment_days)),
        preference_cutoff_days=int(
            config.get("renewal_preference_cutoff_days", defaults.preference_cutoff_days)
        ),
        reminder_days=int(config.get("renewal_reminder_days", defaults.reminder_days)),
    )


def policy_renews(policy: Policy) -> bool:
    """Whether another period follows the policy's: a renewable product, for a term it
    renews (product setting `renewal_terms_months`; Italy: annual policies only; without
    the setting, every term)."""
    if not policy.product.renewable:
        return False
    terms = settings_of(policy.product).get("renewal_terms_months")
    return terms is None or policy.term_months in terms


def renewal_horizon(on: date) -> date:
    """Policies ending after this date have no renewal step due on `on`: the furthest
    ahead any product invites or takes a payment."""
    ahead = max(
        (max(p.invite_days, p.payment_days) for p in map(renewal_params, Product.objects.all())),
        default=0,
    )
    return on + timedelta(days=ahead)


JOB_LABELS = {"renewals": _("Renewals")}
STEP_LABELS = {
    Step.INVITE: _("invited"),
    Step.REMIND: _("reminded"),
    Step.TAKE_PAYMENT: _("payments taken"),
    Step.RENEW: _("renewed"),
    Step.LAPSE: _("lapsed"),
    Step.EXPIRE: _("expired"),
}


def chunk_totals(rows) -> tuple[dict[str, dict[str, int]], list[dict]]:
    """The per-dealer counts ({dealer id: {step: n}}) and errors of chunks or runs, summed."""
    counts: dict[str, dict[str, int]] = {}
    errors: list[dict] = []
    for row_counts, row_errors in rows:
        for dealer_id, steps in row_counts.items():
            mine = counts.setdefault(dealer_id, {})
            for step, n in steps.items():
                mine[step] = mine.get(step, 0) + n
        errors += row_errors
    return counts, errors


def step_totals(counts: dict[str, dict[str, int]]) -> dict[str, int]:
    """{dealer id: {step: n}} summed over the dealers."""
    return chunk_totals(({"all": steps}, []) for steps in counts.values())[0].get("all", {})


@dataclass(frozen=True)
class JobRunSummary:
    run: JobRun
    counts: list[tuple[str, int]]  # (label, number), in the calendar's order
    errors: list[dict]
    error_count: int

    @property
    def label(self) -> str:
        return str(JOB_LABELS.get(self.run.job, self.run.job))

    @property
    def percent(self) -> int:
        """How far the run is, over every dealer (a manager sees this, not the numbers)."""
        return 100 * self.run.done // self.run.total if self.run.total else 100


def job_runs_for(user: User, limit: int = 30) -> list[JobRunSummary]:
    """The latest runs with what they did for the user's dealers (head office: all); a
    run still going shows its finished chunks."""
    mine = None
    if not user.is_head_office:
        mine = {str(pk) for pk in dealers_for(user).values_list("pk", flat=True)}
    summaries = []
    for run in JobRun.objects.all()[:limit]:
        if run.finished_at is None:
            counts, errors = chunk_totals(
                run.chunks.filter(finished_at__isnull=False).values_list("counts", "errors")
            )
            error_count = len(errors)
        else:
            counts, errors, error_count = run.counts, run.errors, run.error_count
        if mine is not None:
            counts = {d: c for d, c in counts.items() if d in mine}
            errors = [e for e in errors if str(e.get("dealer")) in mine]
            error_count = len(errors)
        steps = step_totals(counts)
        summaries.append(JobRunSummary(
            run, [(str(label), steps[s]) for s, label in STEP_LABELS.items() if s in steps],
            errors, error_count,
        ))  # fmt: skip
    return summaries
