"""The point of sale in the browser: the menu of a deal, live prices (HTMX), demands and
needs, a product declined, and the sale with its disclosure. Thin views over
policies.menu (questions and pricing), policies.disclosure (what comes before the sale)
and policies.sales (the sale)."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from dealers.form_keys import InvalidFormKey, form_key_check, form_key_issue
from dealers.selectors import deals_for
from products.registry import product_definition, product_definitions

from . import sales
from .disclosure import (
    NotAllowed,
    default_document,
    deferral_rule,
    demands_needs_record,
    disclosure_acknowledge,
    disclosure_correct,
    disclosure_give,
    offer_decide,
)
from .menu import (
    PLAN_LABELS,
    Column,
    SharedAnswers,
    answers_of,
    priced,
    questions_for,
    shared_names,
    with_shared,
)
from .models import (
    Decision,
    DeclineReason,
    DemandsNeeds,
    Disclosure,
    DisclosureMethod,
    Offer,
    Policy,
    PolicyStatus,
    Product,
)
from .refusals import SaleRefused
from .rules.sale_timing import earliest_sale


class DemandsNeedsForm(forms.Form):
    needs = forms.MultipleChoiceField(
        label=gettext_lazy("What the customer wants to protect"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    existing_cover = forms.CharField(label=gettext_lazy("Cover the customer already has"),
                                     required=False, max_length=200)  # fmt: skip
    budget = forms.CharField(label=gettext_lazy("Budget"), required=False, max_length=60)
    notes = forms.CharField(label=gettext_lazy("Notes"), required=False, widget=forms.Textarea(
        attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].choices = needs_of(products)


def needs_of(products) -> list[tuple[str, str]]:
    """What a customer may want protected, from the products the dealer offers (each
    product declares the needs it meets): a smart retailer is not asked about dent repair
    or motor insurance it does not sell."""
    offered = {product.code for product in products}
    needs: dict[str, str] = {}
    for definition in product_definitions():  # in the registry's order
        if definition.code in offered:
            for code, label in definition.needs:
                needs.setdefault(code, label)
    return list(needs.items())


class DeclineForm(forms.Form):
    reason_code = forms.ChoiceField(label=gettext_lazy("Why the customer declined"),
                                    choices=DeclineReason.choices)  # fmt: skip
    reason = forms.CharField(label=gettext_lazy("In their words"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if data.get("reason_code") == DeclineReason.OTHER and not data.get("reason", "").strip():
            self.add_error("reason", gettext_lazy("Say why, in the customer's words."))
        return data


class DisclosureForm(forms.Form):
    """At the sale: the customer acknowledges the information (given earlier, or now)."""

    acknowledged = forms.BooleanField(
        label=gettext_lazy("The customer has received and read the product information")
    )
    customer_initiated = forms.BooleanField(
        label=gettext_lazy("The customer started this sale themselves and asks to conclude it now"),
        required=False,
    )
    written_confirmation = forms.CharField(
        label=gettext_lazy("The customer's written confirmation"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        if data.get("customer_initiated") and not (data.get("written_confirmation") or "").strip():
            self.add_error("written_confirmation",
                           _("Copy the customer's written confirmation here."))  # fmt: skip
        return data


class GiveInformationForm(forms.Form):
    how = forms.ChoiceField(label=gettext_lazy("How it is given"), choices=DisclosureMethod.choices)


class CorrectDisclosureForm(forms.Form):
    given_on = forms.DateField(
        label=gettext_lazy("Information actually given on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(label=gettext_lazy("Why the date is corrected"), max_length=100)


def _deal(request, pk):
    return get_object_or_404(deals_for(request.user), pk=pk)


def products_offered(deal):
    return Product.objects.filter(
        market=deal.dealer.market, brand=deal.dealer.brand, active=True
    ).order_by("name")


NO_PACKAGES = (("", ""),)  # one column for the product


def _columns(deal, data=None):
    """A column per product, or per package (Italy's good, better, best); the questions
    two or more of them ask alike are answered once, at the top (menu.shared_names), and
    reach each column as its own (menu.with_shared)."""
    offered = [
        (product, code)
        for product in products_offered(deal)
        for code, _tier in product_definition(product.code).packages or NO_PACKAGES
    ]
    columns = [Column(product, questions_for(deal, product, None, code), code)
               for product, code in offered]  # fmt: skip
    shared = shared_names([c.form for c in columns])
    for c in columns:
        if data is not None:
            c.form = questions_for(deal, c.product, with_shared(data, c.key, shared), c.package)
        c.shared = shared
    return columns


def _shared_form(columns, data=None):
    return SharedAnswers(data, columns_forms=[c.form for c in columns],
                         names=columns[0].shared if columns else ())  # fmt: skip


def _column(deal, key, data=None):
    column = next((c for c in _columns(deal, data) if c.key == key), None)
    if column is None:
        raise Http404
    column.shared = ()  # its own page asks all its questions
    return column


def _tier(column) -> str:
    if not column.package:
        return ""
    return str(dict(product_definition(column.product.code).packages).get(column.package, ""))


def menu_columns(request, deal, data=None):
    """Every column priced for the answers as they are (the deal's, or `data` posted)."""
    lang = request.user.language
    offers = {o.product_id: o for o in Offer.objects.filter(deal=deal)}
    columns = [priced(c, deal, lang) for c in _columns(deal, data)]
    sold = _sold(deal)
    for c in columns:
        c.offer, c.tier, c.sold = offers.get(c.product.pk), _tier(c), sold.get(c.product.pk)
    return columns


class MenuView(LoginRequiredMixin, View):
    """The menu: the shared answers once at the top, then a column per product or
    package. GET: priced on what the deal gives. POST ("Update the prices", or Enter in
    a field): priced on what is posted, for a browser without scripts; with them, every
    change re-prices every column at once (RepriceView)."""

    template_name = "policies/menu.html"

    def get(self, request, deal_pk):
        return self._page(request, _deal(request, deal_pk), None)

    def post(self, request, deal_pk):
        return self._page(request, _deal(request, deal_pk), request.POST)

    def _page(self, request, deal, data):
        columns = menu_columns(request, deal, data)
        record = DemandsNeeds.objects.filter(deal=deal).select_related("recorded_by").first()
        needs = DemandsNeedsForm(products=products_offered(deal),
                                 initial=record.answers if record else None)  # fmt: skip
        return render(request, self.template_name, {
            "deal": deal, "columns": columns, "needs_form": needs, "needs_record": record,
            "shared_form": _shared_form(columns, data),
            "shared_names": columns[0].shared if columns else (),
            "decline_form": DeclineForm(), "plan_labels": PLAN_LABELS,
            "decline_reasons": DeclineReason.choices,
        })  # fmt: skip


class RepriceView(LoginRequiredMixin, View):
    """HTMX: the whole menu's answers in, every column's price (and the shared answers'
    problems) out, each swapped into its place on the page (hx-swap-oob)."""

    def post(self, request, deal_pk):
        deal = _deal(request, deal_pk)
        columns = menu_columns(request, deal, request.POST)
        response = render(request, "policies/includes/menu_prices.html", {
            "deal": deal, "columns": columns, "plan_labels": PLAN_LABELS,
            "shared_form": _shared_form(columns, request.POST),
        })  # fmt: skip
        response["HX-Trigger"] = "menu-repriced"  # the cover comparison follows
        return response


class PriceView(LoginRequiredMixin, View):
    """HTMX: the price block of one column for the answers as they are now."""

    def post(self, request, deal_pk, key):
        deal = _deal(request, deal_pk)
        column = priced(_column(deal, key, request.POST), deal, request.user.language)
        return render(request, "policies/includes/price.html",
                      {"column": column, "deal": deal, "plan_labels": PLAN_LABELS})  # fmt: skip


class DemandsNeedsView(LoginRequiredMixin, View):
    def post(self, request, deal_pk):
        deal = _deal(request, deal_pk)
        form = DemandsNeedsForm(request.POST, products=products_offered(deal))
        if form.is_valid():
            demands_needs_record(deal=deal, answers=form.cleaned_data,
                                 recorded_by=request.user)  # fmt: skip
            messages.success(request, _("The customer's demands and needs are recorded."))
        return redirect("policies:deal-menu", deal_pk=deal.pk)


class DeclineView(LoginRequiredMixin, View):
    def post(self, request, deal_pk, code):
        deal = _deal(request, deal_pk)
        product = get_object_or_404(products_offered(deal), code=code)
        form = DeclineForm(request.POST)
        if product.pk in _sold(deal):
            messages.error(request, _("%(product)s is sold on this deal: it cannot be recorded "
                                      "as declined.") % {"product": product.name})  # fmt: skip
        elif not form.is_valid():
            messages.error(request, _("Give the reason the customer declined %(product)s.")
                           % {"product": product.name})  # fmt: skip
        else:
            offer_decide(
                deal=deal,
                product=product,
                decision=Decision.DECLINED,
                reason_code=form.cleaned_data["reason_code"],
                reason=form.cleaned_data["reason"],
                decided_by=request.user,
            )
            messages.success(request, _("%(product)s recorded as declined.")
                             % {"product": product.name})  # fmt: skip
        return redirect("policies:deal-menu", deal_pk=deal.pk)


def _sold(deal) -> dict[int, Policy]:
    """The policies in force on the deal, by product."""
    return {p.product_id: p for p in Policy.objects.filter(deal=deal, status=PolicyStatus.LIVE)}


def _key_subject(deal, column) -> str:
    return f"deal:{deal.pk}:{column.key}"


def _shown_total(request, plan: str) -> Decimal | None:
    """The total of `plan` that the page showed when it was submitted (None: not shown,
    or not a price)."""
    try:
        shown = Decimal(request.POST.get(f"shown-{plan}", ""))
    except (InvalidOperation, ValueError):
        return None
    return shown if shown.is_finite() and abs(shown.as_tuple().exponent) <= 2 else None


class SellView(LoginRequiredMixin, View):
    """The chosen product: its answers (still editable, re-priced as they change), the
    product information given and acknowledged, the way to pay, and the sale at the
    price on the screen. One server-issued key per page shown: a double submit sells
    once; a second page for a product the deal already has is refused."""

    template_name = "policies/sell.html"

    def get(self, request, deal_pk, key):
        deal = _deal(request, deal_pk)
        column = _column(deal, key)
        return self._page(request, deal, priced(column, deal, request.user.language),
                          DisclosureForm(prefix="disclosure"), [])  # fmt: skip

    def post(self, request, deal_pk, key):
        deal = _deal(request, deal_pk)
        column = priced(_column(deal, key, request.POST), deal, request.user.language)
        from_menu = "disclosure-acknowledged" not in request.POST and "sell" not in request.POST
        disclosure = DisclosureForm(None if from_menu else request.POST, prefix="disclosure")
        if "give_information" in request.POST:
            return self._give_information(request, deal, column)
        if "correct_disclosure" in request.POST:
            return self._correct_disclosure(request, deal, column)
        answers = answers_of(column.form) if column.form.is_bound else None
        if "sell" not in request.POST or answers is None or not disclosure.is_valid():
            return self._page(request, deal, column, disclosure, [])
        return self._sell(request, deal, column, disclosure.cleaned_data, answers)

    def _sell(self, request, deal, column, d, answers):
        try:
            submission_key = form_key_check(
                request.POST.get("submission_key", ""), user_id=request.user.pk,
                purpose="sale", subject=_key_subject(deal, column),
            )  # fmt: skip
        except InvalidFormKey:
            return self._page(request, deal, column, DisclosureForm(prefix="disclosure"),
                              [_("This sale page has expired or was not opened by you: check "
                                "the answers and the price, then sell again.")])  # fmt: skip
        plan = answers.pop("payment_plan")
        shown = _shown_total(request, plan)
        sale = sales.SaleRequest(deal, column.product.code, answers, plan, submission_key, shown)
        if (done := sales.policy_for_key(sale)) is not None:  # the same page submitted again
            messages.info(request, _("This sale was already made: policy %(number)s.")
                          % {"number": done.number})  # fmt: skip
            return redirect("policies:policy-detail", pk=done.pk)
        if shown is None:
            disclosure = DisclosureForm(request.POST, prefix="disclosure")
            return self._page(request, deal, column, disclosure,
                              [_("The price was not on the screen: check it with the customer, "
                                 "then sell again.")])  # fmt: skip
        waived, today = d.get("customer_initiated", False), timezone.localdate()
        try:
            disclosure_acknowledge(
                deal=deal, product=column.product, acknowledged_by=request.user,
                customer_initiated_on=today if waived else None,
                written_confirmation=d.get("written_confirmation", "") if waived else "",
            )  # fmt: skip
            policy = sales.policy_sell(sale=sale, sold_by=request.user)
        except SaleRefused as refused:
            disclosure = DisclosureForm(request.POST, prefix="disclosure")
            return self._page(request, deal, column, disclosure,
                              [r.message for r in refused.refusals])  # fmt: skip
        messages.success(request, _("Policy %(number)s issued.") % {"number": policy.number})
        self._email_message(request, policy)
        return redirect("policies:policy-detail", pk=policy.pk)

    def _give_information(self, request, deal, column):
        form = GiveInformationForm(request.POST, prefix="give")
        if form.is_valid():
            disclosure_give(
                deal=deal, product=column.product, how=form.cleaned_data["how"],
                document=default_document(deal, column.product), given_by=request.user,
            )  # fmt: skip
            messages.success(request, _("The product information is recorded as given today."))
        return self._page(request, deal, column, DisclosureForm(prefix="disclosure"), [])

    def _correct_disclosure(self, request, deal, column):
        done = get_object_or_404(Disclosure, deal=deal, product=column.product)
        form = CorrectDisclosureForm(request.POST, prefix="correct")
        refusals = []
        if not form.is_valid():
            refusals = [e for errors in form.errors.values() for e in errors]
        else:
            try:
                disclosure_correct(
                    disclosure=done, given_on=form.cleaned_data["given_on"],
                    reason=form.cleaned_data["reason"], corrected_by=request.user,
                )  # fmt: skip
                messages.success(request, _("The date the information was given is corrected."))
            except NotAllowed as e:
                raise PermissionDenied from e
            except SaleRefused as refused:
                refusals = [r.message for r in refused.refusals]
        return self._page(request, deal, column, DisclosureForm(prefix="disclosure"), refusals)

    def _email_message(self, request, policy):
        """Whether the documents went at once or wait for the workers (or for the broker,
        when it is down: the sweep sends them once it is back). Read through the policy's
        emails, which documents records on the sale event (documents.models.EmailSend:
        its event "sale", its status "sent" or "pending")."""
        send = policy.emails.filter(event="sale").order_by("pk").first()
        if send is None:
            return
        if send.status == "sent":
            text = _("The documents were emailed to %(email)s.")
        elif send.status == "pending":
            text = _(
                "The documents are queued to be emailed to %(email)s: the emails below show"
                " when they have gone."
            )
        else:
            return
        messages.info(request, text % {"email": send.to})

    def _page(self, request, deal, column, disclosure_form, refusals):
        posted = request.POST.get("submission_key", "")
        try:
            form_key_check(posted, user_id=request.user.pk, purpose="sale",
                           subject=_key_subject(deal, column))  # fmt: skip
            submission_key = posted  # a page shown again keeps its key: it sells once
        except InvalidFormKey:
            submission_key = form_key_issue(user_id=request.user.pk, purpose="sale",
                                            subject=_key_subject(deal, column))  # fmt: skip
        product = column.product
        given = Disclosure.objects.filter(deal=deal, product=product).select_related(
            "given_by").first()  # fmt: skip
        rule = deferral_rule(product)
        if not rule.clear_days:
            del disclosure_form.fields["customer_initiated"]
            del disclosure_form.fields["written_confirmation"]
        return render(request, self.template_name, {
            "deal": deal, "column": column, "disclosure_form": disclosure_form,
            "refusals": refusals, "submission_key": submission_key,
            "tier": _tier(column), "plan_labels": PLAN_LABELS, "deferral": rule,
            "sold": _sold(deal).get(product.pk), "given": given,
            "earliest_sale": earliest_sale(given.given_on, rule) if given else None,
            "give_form": GiveInformationForm(prefix="give"),
            "correct_form": CorrectDisclosureForm(prefix="correct",
                                                  initial={"given_on": given and given.given_on}),
            "may_correct": request.user.is_manager or request.user.is_head_office,
            "document": default_document(deal, product),
        })  # fmt: skip
