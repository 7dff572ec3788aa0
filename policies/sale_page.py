"""A product's sale page: its answers (still editable, re-priced as they change), the
product information given and acknowledged, the way to pay, and the sale at the price
on the screen. Over policies.disclosure and policies.sales; the menu's columns come from
policies.pos."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from dealers.form_keys import InvalidFormKey, form_key_check, form_key_issue

from . import sales
from .basket import cover_start
from .disclosure import (
    NotAllowed,
    default_document,
    deferral_rule,
    disclosure_acknowledge,
    disclosure_correct,
    disclosure_give,
)
from .distance import distance_offer_make
from .menu import PLAN_LABELS, answers_of, priced
from .models import Disclosure, DisclosureMethod, DistanceOffer
from .pos import column_tier, deal_of, held_quote, menu_column, policies_in_force, rates_day
from .proposal import kept, proposal_form, proposal_shown
from .refusals import SaleRefused
from .rules.sale_timing import earliest_sale
from .signatures import BadSignature, signature_png, signer_of, statements_of, statements_sign


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


def sale_key_subject(deal, column) -> str:
    return f"deal:{deal.pk}:{column.key}"


def _shown_total(request, plan: str) -> Decimal | None:
    """The total of `plan` that the page showed when it was submitted."""
    return shown_amount(request.POST.get(f"shown-{plan}", ""))


def shown_amount(text: str) -> Decimal | None:
    """An amount a page showed and posted back: None when not shown, or not a price."""
    try:
        shown = Decimal(text)
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
        deal = deal_of(request, deal_pk)
        column = menu_column(deal, key)
        return self._page(request, deal, priced(column, deal, request.user.language),
                          DisclosureForm(prefix="disclosure"), [])  # fmt: skip

    def post(self, request, deal_pk, key):
        deal = deal_of(request, deal_pk)
        column = priced(menu_column(deal, key, request.POST), deal, request.user.language,
                        rates_day(deal, request.POST))  # fmt: skip
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
                purpose="sale", subject=sale_key_subject(deal, column),
            )  # fmt: skip
        except InvalidFormKey:
            return self._page(request, deal, column, DisclosureForm(prefix="disclosure"),
                              [_("This sale page has expired or was not opened by you: check "
                                "the answers and the price, then sell again.")])  # fmt: skip
        plan = answers.pop("payment_plan")
        shown = _shown_total(request, plan)
        proposal = proposal_form(column, deal, request.POST)
        if proposal is not None and not proposal.is_valid():
            disclosure = DisclosureForm(request.POST, prefix="disclosure")
            return self._page(request, deal, column, disclosure,
                              [_("Complete the drivers' details below.")])  # fmt: skip
        sale = sales.SaleRequest(deal, column.product.code, answers, plan, submission_key, shown,
                                 rates_day(deal, request.POST), kept(proposal))  # fmt: skip
        if (done := sales.policy_for_key(sale)) is not None:  # the same page submitted again
            messages.info(request, _("This sale was already made: policy %(number)s.")
                          % {"number": done.number})  # fmt: skip
            return redirect("policies:deal-menu", deal_pk=deal.pk)
        if shown is None:
            disclosure = DisclosureForm(request.POST, prefix="disclosure")
            return self._page(request, deal, column, disclosure,
                              [_("The price was not on the screen: check it with the customer, "
                                 "then sell again.")])  # fmt: skip
        waived, today = d.get("customer_initiated", False), timezone.localdate()
        words = d.get("written_confirmation", "") if waived else ""
        try:
            png = signature_png(drawn) if (drawn := request.POST.get("signature", "")) else None
        except BadSignature as bad:
            disclosure = DisclosureForm(request.POST, prefix="disclosure")
            return self._page(request, deal, column, disclosure, [str(bad)])
        try:
            disclosure_acknowledge(
                deal=deal, product=column.product, acknowledged_by=request.user,
                customer_initiated_on=today if waived else None, written_confirmation=words,
            )  # fmt: skip
            with transaction.atomic():  # signed with the sale, or not at all
                policy = sales.policy_sell(sale=sale, sold_by=request.user)
                if png is not None:
                    early = {column.product.code: words} if waived else {}
                    statements_sign(deal=deal, png=png, by=request.user,
                                    statements=statements_of(deal, [column.product], early),
                                    signer_name=signer_of(request, deal))  # fmt: skip
        except SaleRefused as refused:
            disclosure = DisclosureForm(request.POST, prefix="disclosure")
            return self._page(request, deal, column, disclosure,
                              [r.message for r in refused.refusals])  # fmt: skip
        messages.success(request, _("Policy %(number)s issued.") % {"number": policy.number})
        self._email_message(request, policy)
        # back to the menu: the product marked sold (with its policy), the next one ready
        return redirect("policies:deal-menu", deal_pk=deal.pk)

    def _give_information(self, request, deal, column):
        form = GiveInformationForm(request.POST, prefix="give")
        if form.is_valid():
            with transaction.atomic():
                given = disclosure_give(
                    deal=deal, product=column.product, how=form.cleaned_data["how"],
                    document=default_document(deal, column.product), given_by=request.user,
                )  # fmt: skip
                offer = self._price_held(given, column)
            messages.success(request, _("The product information is recorded as given today."))
            if offer is not None:
                emailed = _("The information and the price are emailed to %(email)s, with a "
                            "link to buy online from %(day)s.")  # fmt: skip
                messages.info(
                    request,
                    emailed
                    % {"email": offer.emailed_to, "day": offer.concludes_from.strftime("%d/%m/%Y")},
                )
            elif deferral_rule(column.product).clear_days:
                messages.warning(request, _("No price on the screen yet, so none was emailed: "
                                            "the customer buys at the desk."))  # fmt: skip
        return self._page(request, deal, column, DisclosureForm(prefix="disclosure"), [])

    @staticmethod
    def _price_held(given, column):
        """A deferred (GAP) sale's price on the screen, held and emailed to the customer
        with the information (policies.distance), when the answers price it."""
        answers = answers_of(column.form) if column.form.is_bound else None
        if answers is None or not (column.quote and column.quote.eligible):
            return None
        plan = answers.pop("payment_plan")
        quoted = next((p for p in column.quote.plans if p.option.plan == plan), None)
        if quoted is None:
            return None
        return distance_offer_make(disclosure=given, answers=answers, plan=plan,
                                   total=quoted.option.total, package=column.package)  # fmt: skip

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
                "The documents are queued to be emailed to %(email)s: the policy's page shows"
                " when they have gone."
            )
        else:
            return
        messages.info(request, text % {"email": send.to})

    def _page(self, request, deal, column, disclosure_form, refusals):
        posted = request.POST.get("submission_key", "")
        try:
            form_key_check(posted, user_id=request.user.pk, purpose="sale",
                           subject=sale_key_subject(deal, column))  # fmt: skip
            submission_key = posted  # a page shown again keeps its key: it sells once
        except InvalidFormKey:
            submission_key = form_key_issue(user_id=request.user.pk, purpose="sale",
                                            subject=sale_key_subject(deal, column))  # fmt: skip
        product = column.product
        column.start = cover_start(column, deal.vehicle) if column.quote else None
        given = Disclosure.objects.filter(deal=deal, product=product).select_related(
            "given_by").first()  # fmt: skip
        rule = deferral_rule(product)
        if not rule.clear_days:
            del disclosure_form.fields["customer_initiated"]
            del disclosure_form.fields["written_confirmation"]
        return render(request, self.template_name, {
            "deal": deal, "column": column, "disclosure_form": disclosure_form,
            "refusals": refusals, "submission_key": submission_key,
            "tier": column_tier(column), "plan_labels": PLAN_LABELS, "deferral": rule,
            "sold": policies_in_force(deal).get(product.pk), "given": given,
            "distance": DistanceOffer.objects.filter(disclosure=given).first() if given else None,
            "earliest_sale": earliest_sale(given.given_on, rule) if given else None,
            "give_form": GiveInformationForm(prefix="give"),
            "correct_form": CorrectDisclosureForm(prefix="correct",
                                                  initial={"given_on": given and given.given_on}),
            "may_correct": request.user.is_manager or request.user.is_head_office,
            "document": default_document(deal, product),
            "held": held_quote(deal, request.POST),
            "statements": statements_of(deal, [product], {}),
            "signer_name": signer_of(request, deal),
            "proposal": proposal_shown(column, deal, request.POST),
        })  # fmt: skip
