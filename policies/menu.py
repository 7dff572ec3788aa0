"""The point-of-sale menu: for a deal, the products of its market, each with the
questions it needs (prefilled from the deal), priced live by the quote service.

The questions are Django forms for the browser; the answers they produce are checked
once more by the quote API's serializer for the product, so the API and the menu accept
exactly the same answers. Answers the rules do not price on (the finance agreement, the
province, the drivers' licences) are kept with the policy all the same.
"""

import contextlib
import copy
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dealers.models import Deal
from products.registry import product_definition

from .answer_forms import questions_form
from .api.quote_endpoint import quote_request_of
from .models import Product
from .quotes import QuoteResult, inputs_from_answers, quote_calculate
from .sales import CoverStart, answers_json, cover_start_rule, with_record_facts
from .selectors import NotConfigured, settings_of

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [(False, _("No")), (True, _("Yes"))]


class Questions(forms.Form):
    """A product's questions. `pricing_fields`: the ones the quote depends on."""

    extra_fields: tuple[str, ...] = ()

    def __init__(self, *args, product: Product, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product
        config = settings_of(product)
        if "term_months" in self.fields:
            terms = config.get("terms_months", [])
            self.fields["term_months"] = forms.TypedChoiceField(
                label=_("Term"), coerce=int,
                choices=[(t, _("%(n)d months") % {"n": t}) for t in terms],
            )  # fmt: skip
        self._record_facts_read_only()
        rule, days_ahead = cover_start_rule(product)
        if rule is CoverStart.CHOSEN:
            self.fields["cover_start"] = forms.DateField(
                label=_("Cover starts"), widget=DATE,
                help_text=_("Today or up to %(n)d days ahead, usually the day the customer "
                            "collects the car.") % {"n": days_ahead},
            )  # fmt: skip
        plans = config.get("payment_plans", ["single"])
        self.fields["payment_plan"] = forms.ChoiceField(
            label=_("Payment"), widget=forms.RadioSelect,
            choices=[(p, PLAN_LABELS[p]) for p in plans], initial=plans[0],
        )  # fmt: skip

    def _record_facts_read_only(self) -> None:
        """Facts the deal's records give are shown, not typed: Django keeps a disabled
        field's initial value whatever is posted."""
        for name in product_definition(self.product.code).record_facts:
            if name in self.fields:
                self.fields[name].disabled = True
                self.fields[name].required = False
                self.fields[name].help_text = _("From the deal and vehicle records.")

    def clean_cover_start(self):
        start = self.cleaned_data["cover_start"]
        today, (_rule, days_ahead) = timezone.localdate(), cover_start_rule(self.product)
        if not today <= start <= today + timedelta(days=days_ahead):
            raise forms.ValidationError(
                _("The cover can start today or on a day up to %(n)d days ahead.")
                % {"n": days_ahead}
            )
        return start


NOT_PRICED = ("cover_start",)  # asked of every product that starts on a chosen day
PLAN_LABELS = {"single": _("Single payment"), "monthly": _("Monthly"), "annual": _("Annual")}


def initial_answers(deal: Deal, product: Product, package: str = "") -> dict[str, Any]:
    """What the deal already tells: prices, dates, the customer's state or province."""
    v, c, today = deal.vehicle, deal.customer, timezone.localdate()
    age = _age(c.date_of_birth, today) if c.date_of_birth else None
    terms = settings_of(product).get("terms_months") or [12]
    return {
        "term_months": terms[len(terms) // 2],
        "invoice_price": v.invoice_price, "vehicle_value": v.invoice_price,
        "agreed_value": v.invoice_price,
        "first_registration": v.first_registration_date or today,
        "delivery_date": v.delivery_date, "sale_date": today,
        "cover_start": v.delivery_date if v.delivery_date and v.delivery_date > today else today,
        "hire_and_reward": v.hire_and_reward, "finance_agreement": v.finance_type,
        "finance_term_months": v.finance_term_months, "vehicle_type": v.vehicle_type,
        "state": c.region, "province": c.region, "driver_age": age, "youngest_driver_age": age,
        "licence_type": "full", "area": "C", "ncd_years": 0, "duration_years": 1,
        "package": package, "financed_by_lfs": "lexus" in (v.finance_provider or "").lower(),
    }  # fmt: skip


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def questions_of(code: str) -> type[Questions]:
    """The menu's form of the product of `code`: its answers' questions."""
    return _derived(product_definition(code).answers)


@cache
def _derived(answers) -> type[Questions]:
    return questions_form(answers, Questions)


def questions_for(deal, product, data=None, package=""):
    form_class = questions_of(product.code)
    prefix = f"{product.code}-{package}" if package else product.code
    return form_class(data, product=product, prefix=prefix,
                      initial=initial_answers(deal, product, package))  # fmt: skip


def answers_of(form: Questions, *, to_price: bool = False) -> dict[str, Any] | None:
    """The validated answers, checked by the quote API's serializer too; None (with the
    serializer's messages on the form) when they do not pass. `to_price`: answers the
    price does not depend on (extra_fields) may still be missing."""
    if not form.is_valid():
        pricing_errors = set(form.errors) - {*form.extra_fields, *NOT_PRICED}
        if not to_price or pricing_errors:
            return None
    data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
    plan = data.pop("payment_plan")
    extra = {k: data.pop(k) for k in (*form.extra_fields, *NOT_PRICED) if k in data}
    body = answers_json(data)  # what the quote API would be sent
    serializer = quote_request_of(form.product.code)(data={**body, "product": form.product.code})
    if not serializer.is_valid():
        for name, messages in serializer.errors.items():
            form.add_error(name if name in form.fields else None, [str(m) for m in messages])
        return None
    answers = {k: v for k, v in serializer.validated_data.items() if k not in ("product",)}
    return {**answers, **extra, "payment_plan": plan}


# Asked of each column on its own even when several columns have them: the choice of
# plan, term and options is what tells one product or package from another.
PER_COLUMN = ("payment_plan", "term_months", "options", "package")
SHARED_PREFIX = "shared"


def shared_names(forms_: list[Questions]) -> tuple[str, ...]:
    """The questions two or more columns ask in the same way (same kind of field, same
    choices, both typed or both read from the records): asked once, at the top of the
    menu. Italy's three packages share everything but their options; a smart retailer's
    two GAPs share the invoice price and finance."""
    seen: dict[str, list[forms.Field]] = {}
    for form in forms_:
        for name, f in form.fields.items():
            if name not in PER_COLUMN and not f.widget.is_hidden:
                seen.setdefault(name, []).append(f)
    return tuple(
        name for name, fields in seen.items()
        if len(fields) > 1 and all(_asked_alike(fields[0], f) for f in fields[1:])
    )  # fmt: skip


def _asked_alike(a: forms.Field, b: forms.Field) -> bool:
    return (type(a), a.disabled, a.required, _choices_of(a)) == (
        type(b), b.disabled, b.required, _choices_of(b)
    )  # fmt: skip


def _choices_of(f: forms.Field) -> list | None:
    choices = getattr(f, "choices", None)
    return None if choices is None else [str(value) for value, _label in choices]


def with_shared(data, prefix: str, names: tuple[str, ...]):
    """The column's data with the shared answers in its own names: `shared-x` becomes
    `<prefix>-x` where the column's own is not posted (the menu posts the shared ones
    only; a product's sale page posts its own)."""
    if data is None or not names:
        return data
    data = data.copy()
    for name in names:
        key, own = f"{SHARED_PREFIX}-{name}", f"{prefix}-{name}"
        if key in data and own not in data:
            data.setlist(own, data.getlist(key))
    return data


class SharedAnswers(forms.Form):
    """The shared questions, once, as the first column that asks them has them (its
    label, checks and the value the deal gives)."""

    def __init__(self, data, *, columns_forms: list[Questions], names: tuple[str, ...]):
        super().__init__(data, prefix=SHARED_PREFIX)
        for name in names:
            source = next(f for f in columns_forms if name in f.fields)
            self.fields[name] = copy.deepcopy(source.fields[name])
            self.initial[name] = source.get_initial_for_field(source.fields[name], name)


@dataclass
class Column:
    """One product (or Italian package) of the menu, priced."""

    product: Product
    form: Questions
    package: str = ""
    quote: QuoteResult | None = None
    problems: list[str] = field(default_factory=list)
    offer: Any = None  # the Offer recorded for the product on the deal, if any
    tier: str = ""  # good / better / best, for the Italian packages
    sold: Any = None  # the policy in force on the deal for this product, if any
    shared: tuple[str, ...] = ()  # its questions asked at the top of the menu, not in it
    unavailable: dict[str, str] = field(default_factory=dict)  # option label: why not
    awaiting: list[str] = field(default_factory=list)  # questions the deal did not answer
    answers: dict[str, Any] | None = None  # what it was priced on
    advice: str = ""  # which product fits the deal's finance better, if not this one
    start: date | None = None  # the day its cover would start if sold today (if shown)

    @property
    def key(self) -> str:
        return self.form.prefix


def priced(column: Column, deal: Deal, lang: str, rates_on: date | None = None) -> Column:
    """The column priced today, on the rates in force on `rates_on` if given (a quote
    given that day and still valid: policies.quote_store)."""
    bound = column.form.is_bound
    answers = answers_of(column.form, to_price=True) if bound else _initial_answers(column)
    if answers is None:
        _mark_unavailable(column, deal, lang)
        errors = column.form.errors
        column.problems = [str(e) for name, found in errors.items() if name not in column.shared
                           for e in found]  # fmt: skip
        if any(name in column.shared for name in errors):
            column.problems.insert(0, str(_("Check the answers above, for every product.")))
        return column
    today = timezone.localdate()
    answers = {**with_record_facts(answers, deal, column.product.code, today),
               "product": column.product.code}  # fmt: skip
    try:
        answers = column.answers = _without_unavailable(column, answers, today, lang)
        column.quote = quote_calculate(
            product_code=column.product.code, inputs=inputs_from_answers(answers),
            on=rates_on or today, region=answers.get("state") or "", lang=lang,
        )  # fmt: skip
    except NotConfigured as e:
        column.problems = [str(e)]
    return column


def _without_unavailable(column: Column, answers: dict, on: date, lang: str) -> dict:
    """The answers without the options they rule out, which the column's options show
    greyed with their reason (or not at all, for a package that cannot have them): the
    package is priced with the rest, not refused as a whole."""
    field_ = column.form.fields.get("options")
    if field_ is None:
        return answers
    definition = product_definition(column.product.code)
    unavailable = definition.unavailable_options(answers, settings_of(column.product), on, lang)
    column.unavailable = {
        str(label): reason for value, label in field_.choices
        if (reason := unavailable.get(str(value), "")) is not None and str(value) in unavailable
    }  # fmt: skip
    field_.choices = [(v, label) for v, label in field_.choices
                      if unavailable.get(str(v), "") is not None]  # fmt: skip
    field_.widget.unavailable = {str(v) for v in unavailable}
    chosen = answers.get("options") or []
    kept = [o for o in chosen if str(o) not in unavailable]
    if len(kept) == len(chosen):
        return answers
    return {**answers, "options": kept}


def _mark_unavailable(column: Column, deal: Deal, lang: str) -> None:
    """Before the answers price: grey or hide the options what is answered already rules
    out (a package's own options need nothing more than the package)."""
    form, today = column.form, timezone.localdate()
    known = getattr(form, "cleaned_data", None) if form.is_bound else form.initial
    answers = {**with_record_facts(dict(known or {}), deal, column.product.code, today),
               "package": column.package, "product": column.product.code}  # fmt: skip
    with contextlib.suppress(NotConfigured):  # the price's own problem says it
        _without_unavailable(column, answers, today, lang)


def _initial_answers(column: Column) -> dict[str, Any] | None:
    """Price the prefilled answers before staff touch anything (an unbound form)."""
    initial = {f"{column.form.prefix}-{k}": v for k, v in column.form.initial.items()
               if k in column.form.fields and v is not None}  # fmt: skip
    for name, f in column.form.fields.items():
        key = f"{column.form.prefix}-{name}"
        if key not in initial and f.initial is not None:
            initial[key] = f.initial
    bound = type(column.form)(initial, product=column.product, prefix=column.form.prefix,
                              initial=column.form.initial)  # fmt: skip
    answers = answers_of(bound, to_price=True)
    if answers is None:
        column.awaiting = [str(bound.fields[name].label) for name in bound.errors
                           if name in bound.fields]  # fmt: skip
        column.form = type(column.form)(product=column.product, prefix=column.form.prefix,
                                        initial=column.form.initial)  # fmt: skip
    return answers
