"""Quotes at the desk: give one from the menu or the customer's screen (saved once per
page, however often sent), see it with its reference and validity, print it (PDF), email
it to the customer, and reopen it at the desk to sell while it is valid. Thin views over
policies.quote_store and documents.quotes; a quote of another dealer's deal is a 404."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from dealers.form_keys import InvalidFormKey, form_key_check
from dealers.selectors import deals_for
from policies.basket import basket_of
from policies.models import Quote, QuoteEmail
from policies.pos import deal_of, menu_columns
from policies.quote_store import QuoteRefused, quote_save

from .quotes import quote_context, quote_covers_keep, quote_email_queue, quote_filename, quote_pdf

# What a page posts of its own, not the menu's answers the quote keeps.
NOT_KEPT = ("csrfmiddlewaretoken", "quote_key", "quote", "update", "email", "print")


def quote_key_subject(deal) -> str:
    return f"deal:{deal.pk}:quote"


def quote_of(request, reference) -> Quote:
    return get_object_or_404(
        Quote.objects.select_related("deal__dealer", "deal__customer", "deal__vehicle",
                                     "created_by").filter(deal__in=deals_for(request.user)),
        reference=reference,
    )  # fmt: skip


class QuoteGiveView(LoginRequiredMixin, View):
    """POST, the menu's answers and basket: the quote saved, then its page."""

    def post(self, request, deal_pk):
        deal = deal_of(request, deal_pk)
        try:
            key = form_key_check(request.POST.get("quote_key", ""), user_id=request.user.pk,
                                 purpose="quote", subject=quote_key_subject(deal))  # fmt: skip
        except InvalidFormKey:
            messages.error(request, _("This page has expired: check the prices, then give the "
                                      "quote again."))  # fmt: skip
            return redirect("policies:deal-menu", deal_pk=deal.pk)
        columns = [c for c in menu_columns(request, deal, request.POST) if not c.sold]
        basket = basket_of(columns, request.POST.getlist("basket"), deal.vehicle)
        if basket.problems:
            for problem in basket.problems:
                messages.error(request, problem)
            return redirect("policies:deal-menu", deal_pk=deal.pk)
        answers = {name: values for name, values in request.POST.lists()
                   if name not in NOT_KEPT and not name.startswith("shown-")}  # fmt: skip
        try:
            quote = quote_save(deal=deal, columns=columns, basket=basket, answers=answers,
                               by=request.user, key=key, on=timezone.localdate())  # fmt: skip
        except QuoteRefused as refused:
            messages.error(request, str(refused))
            return redirect("policies:deal-menu", deal_pk=deal.pk)
        quote_covers_keep(quote)
        if "email" in request.POST and deal.customer.email and not quote.email_status:
            quote_email_queue(quote, deal.customer.email)
            messages.success(request, _("Quote %(reference)s is being emailed to %(email)s.") % {
                "reference": quote.reference, "email": deal.customer.email})  # fmt: skip
        if "print" in request.POST:
            return redirect("documents:quote-pdf", reference=quote.reference)
        return redirect("documents:quote-detail", reference=quote.reference)


class QuoteDetailView(LoginRequiredMixin, View):
    def get(self, request, reference):
        quote = quote_of(request, reference)
        context = quote_context(quote)
        context["valid"] = quote.valid_on(timezone.localdate())
        context["reopen"] = [(n, v) for n, vs in quote.answers.items() for v in vs]
        return render(request, "documents/quote_page.html", context)


class QuotePdfView(LoginRequiredMixin, View):
    def get(self, request, reference):
        quote = quote_of(request, reference)
        response = HttpResponse(quote_pdf(quote), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{quote_filename(quote)}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response


class QuoteEmailView(LoginRequiredMixin, View):
    """POST: the quote emailed to the customer's address on the deal (again, if asked)."""

    def post(self, request, reference):
        quote = quote_of(request, reference)
        to = quote.deal.customer.email
        if not to:
            messages.error(request, _("The customer has no email address: add one to their "
                                      "record, or print the quote."))  # fmt: skip
        elif quote.email_status == QuoteEmail.PENDING:
            messages.info(request, _("The quote is already on its way to %(email)s.")
                          % {"email": quote.email_to})  # fmt: skip
        else:
            quote_email_queue(quote, to)
            messages.success(request, _("Quote %(reference)s is being emailed to %(email)s.")
                             % {"reference": quote.reference, "email": to})  # fmt: skip
        return redirect("documents:quote-detail", reference=quote.reference)
