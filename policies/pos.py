"""The point of sale in the browser: the menu of a deal (the shared answers once, a column
per product or package, the basket), every column re-priced at once (HTMX), demands and
needs, a product declined. Thin views over policies.menu (questions and pricing),
policies.basket and policies.disclosure; a product's sale page is policies.sale_page."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from dealers.form_keys import form_key_issue
from dealers.models import FinanceType
from dealers.selectors import deals_for
from products.registry import product_definition, product_definitions

from .basket import basket_of, cover_start
from .disclosure import (
    demands_needs_record,
    offer_decide,
)
from .menu import (
    PLAN_LABELS,
    Column,
    SharedAnswers,
    priced,
    questions_for,
    shared_names,
    with_shared,
)
from .models import (
    Decision,
    DeclineReason,
    DemandsNeeds,
    Offer,
    Policy,
    PolicyStatus,
    Product,
    Quote,
)
from .quote_store import quote_held
from .selectors import settings_of


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


def deal_of(request, pk):
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


def menu_column(deal, key, data=None):
    column = next((c for c in _columns(deal, data) if c.key == key), None)
    if column is None:
        raise Http404
    column.shared = ()  # its own page asks all its questions
    return column


def column_tier(column) -> str:
    if not column.package:
        return ""
    return str(dict(product_definition(column.product.code).packages).get(column.package, ""))


def held_quote(deal, data):
    """The valid quote of the deal that the posted answers were reopened from, if any:
    its rates price the menu and the sale (policies.quote_store)."""
    reference = data.get("quote", "") if data is not None else ""
    return quote_held(deal, reference, timezone.localdate())


def rates_day(deal, data):
    held = held_quote(deal, data)
    return held.priced_on if held is not None else None


def menu_columns(request, deal, data=None):
    """Every column priced for the answers as they are (the deal's, or `data` posted)."""
    return columns_priced(deal, data, request.user.language)


def columns_priced(deal, data, lang):
    rates_on = rates_day(deal, data)
    offers = {o.product_id: o for o in Offer.objects.filter(deal=deal)}
    columns = [priced(c, deal, lang, rates_on) for c in _columns(deal, data)]
    sold = policies_in_force(deal)
    for c in columns:
        c.offer, c.tier, c.sold = offers.get(c.product.pk), column_tier(c), sold.get(c.product.pk)
        c.advice = fit_advice(c.product, deal.vehicle.finance_type, [o.product for o in columns])
        if c.quote and c.quote.eligible:
            c.start = cover_start(c, deal.vehicle)  # shown with its price
    return columns


def fit_advice(product, finance_type: str, offered: list) -> str:
    """A word for the seller when the product is not made for how the car is paid for (a
    Lease GAP on a car bought on PCP): each product's setting `fits_finance` (head
    office's data) lists the ways it fits; the products offered that fit are named."""
    fits = settings_of(product).get("fits_finance")
    if not fits or finance_type in fits:
        return ""
    better = sorted({p.name for p in offered
                     if finance_type in (settings_of(p).get("fits_finance") or ())})  # fmt: skip
    how = FinanceType(finance_type).label
    if better:
        return _("%(product)s is not made for a car on %(how)s: %(better)s fits it.") % {
            "product": product.name, "how": how, "better": ", ".join(better)}  # fmt: skip
    return _("%(product)s is not made for a car on %(how)s.") % {"product": product.name,
                                                               "how": how}  # fmt: skip


def _basket(deal, columns, data):
    return basket_of(columns, data.getlist("basket") if data is not None else [], deal.vehicle)


class MenuView(LoginRequiredMixin, View):
    """The menu: the shared answers once at the top, then a column per product or
    package. GET: priced on what the deal gives. POST ("Update the prices", or Enter in
    a field): priced on what is posted, for a browser without scripts; with them, every
    change re-prices every column at once (RepriceView)."""

    template_name = "policies/menu.html"

    def get(self, request, deal_pk):
        return self._page(request, deal_of(request, deal_pk), None)

    def post(self, request, deal_pk):
        return self._page(request, deal_of(request, deal_pk), request.POST)

    def _page(self, request, deal, data):
        columns = menu_columns(request, deal, data)
        record = DemandsNeeds.objects.filter(deal=deal).select_related("recorded_by").first()
        needs = DemandsNeedsForm(products=products_offered(deal),
                                 initial=record.answers if record else None)  # fmt: skip
        return render(request, self.template_name, {
            "deal": deal, "columns": columns, "needs_form": needs, "needs_record": record,
            "held": held_quote(deal, data), "quotes": Quote.objects.filter(deal=deal)[:10],
            "quote_key": form_key_issue(user_id=request.user.pk, purpose="quote",
                                        subject=f"deal:{deal.pk}:quote"),
            "shared_form": _shared_form(columns, data), "basket": _basket(deal, columns, data),
            "shared_names": columns[0].shared if columns else (),
            "decline_form": DeclineForm(), "plan_labels": PLAN_LABELS,
            "decline_reasons": DeclineReason.choices,
        })  # fmt: skip


class RepriceView(LoginRequiredMixin, View):
    """HTMX: the whole menu's answers in, every column's price (and the shared answers'
    problems) out, each swapped into its place on the page (hx-swap-oob)."""

    def post(self, request, deal_pk):
        deal = deal_of(request, deal_pk)
        columns = menu_columns(request, deal, request.POST)
        response = render(request, "policies/includes/menu_prices.html", {
            "deal": deal, "columns": columns, "plan_labels": PLAN_LABELS,
            "shared_form": _shared_form(columns, request.POST),
            "basket": _basket(deal, columns, request.POST),
        })  # fmt: skip
        response["HX-Trigger"] = "menu-repriced"  # the cover comparison follows
        return response


class PriceView(LoginRequiredMixin, View):
    """HTMX: the price block of one column for the answers as they are now."""

    def post(self, request, deal_pk, key):
        deal = deal_of(request, deal_pk)
        column = priced(menu_column(deal, key, request.POST), deal, request.user.language,
                        rates_day(deal, request.POST))  # fmt: skip
        column.start = cover_start(column, deal.vehicle)  # its sale page says from when
        return render(request, "policies/includes/price.html",
                      {"column": column, "deal": deal, "plan_labels": PLAN_LABELS})  # fmt: skip


class DemandsNeedsView(LoginRequiredMixin, View):
    def post(self, request, deal_pk):
        deal = deal_of(request, deal_pk)
        form = DemandsNeedsForm(request.POST, products=products_offered(deal))
        if form.is_valid():
            demands_needs_record(deal=deal, answers=form.cleaned_data,
                                 recorded_by=request.user)  # fmt: skip
            messages.success(request, _("The customer's demands and needs are recorded."))
        return redirect("policies:deal-menu", deal_pk=deal.pk)


class DeclineView(LoginRequiredMixin, View):
    def post(self, request, deal_pk, code):
        deal = deal_of(request, deal_pk)
        product = get_object_or_404(products_offered(deal), code=code)
        form = DeclineForm(request.POST)
        if product.pk in policies_in_force(deal):
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


def policies_in_force(deal) -> dict[int, Policy]:
    """The policies in force on the deal, by product."""
    return {p.product_id: p for p in Policy.objects.filter(deal=deal, status=PolicyStatus.LIVE)}
