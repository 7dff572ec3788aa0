"""The basket sold in one step: the products the customer chose on the menu, each with
its product information acknowledged, sold together at the prices on the screen, each
its own policy with its own documents and refund. All or none: a refusal of one sells
none, and says which and why. Then back to the menu, the products marked sold and the
next ready."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from dealers.form_keys import InvalidFormKey, form_key_check, form_key_issue

from . import sales
from .basket import Basket, basket_of
from .disclosure import default_document, disclosure_acknowledge
from .menu import answers_of
from .models import Disclosure
from .pos import deal_of, menu_columns, rates_day
from .proposal import kept, proposal_form, proposal_shown
from .refusals import SaleRefused
from .sale_page import sale_key_subject, shown_amount
from .signatures import BadSignature, signature_png, signer_of, statements_of, statements_sign

# What the basket page posts of its own; everything else it carries is the menu's.
OWN = ("csrfmiddlewaretoken", "sell_basket", "ack-", "key-", "shown-", "signature",
       "signer_name", "proposal-")  # fmt: skip


class BasketSellView(LoginRequiredMixin, View):
    template_name = "policies/basket_sell.html"

    def post(self, request, deal_pk):
        deal = deal_of(request, deal_pk)
        columns = menu_columns(request, deal, request.POST)
        basket = basket_of(columns, request.POST.getlist("basket"), deal.vehicle)
        by_key = {c.key: c for c in columns}
        if not basket.lines or basket.problems:
            messages.error(request, _("Put one or more priced products in the basket first."))
            return redirect("policies:deal-menu", deal_pk=deal.pk)
        if "sell_basket" not in request.POST:
            return self._page(request, deal, basket, by_key, [])
        missing = [line.name for line in basket.lines if f"ack-{line.key}" not in request.POST]
        if missing:
            problems = [_("Confirm the customer has received and read the product information "
                          "of %(product)s.") % {"product": name} for name in missing]  # fmt: skip
            return self._page(request, deal, basket, by_key, problems)
        return self._sell(request, deal, basket, by_key)

    def _sell(self, request, deal, basket: Basket, by_key):
        try:
            png = signature_png(drawn) if (drawn := request.POST.get("signature", "")) else None
        except BadSignature as bad:
            return self._page(request, deal, basket, by_key, [str(bad)])
        requests = []
        for line in basket.lines:
            column = by_key[line.key]
            try:
                key = form_key_check(request.POST.get(f"key-{line.key}", ""),
                                     user_id=request.user.pk, purpose="sale",
                                     subject=sale_key_subject(deal, column))  # fmt: skip
            except InvalidFormKey:
                return self._page(request, deal, basket, by_key, [
                    _("This basket page has expired or was not opened by you: check the "
                      "prices with the customer, then sell again.")])  # fmt: skip
            answers = answers_of(column.form)
            if answers is None:
                return redirect("policies:deal-menu", deal_pk=deal.pk)
            proposal = proposal_form(column, deal, request.POST)
            if proposal is not None and not proposal.is_valid():
                return self._page(
                    request,
                    deal,
                    basket,
                    by_key,
                    [_("Complete the drivers' details of %(product)s.") % {"product": line.name}],
                )
            plan = answers.pop("payment_plan")
            shown = shown_amount(request.POST.get(f"shown-{line.key}", ""))
            sale = sales.SaleRequest(deal, column.product.code, answers, plan, key, shown,
                                     rates_day(deal, request.POST), kept(proposal))  # fmt: skip
            requests.append((column, sale))
        sold, refusals = [], []
        done_before = [s for _c, s in requests if sales.policy_for_key(s) is not None]
        products = [column.product for column, _sale in requests]
        try:
            with transaction.atomic():
                for column, sale in requests:
                    if (done := sales.policy_for_key(sale)) is not None:
                        sold.append(done)  # this page submitted again: sold once
                        continue
                    disclosure_acknowledge(deal=deal, product=column.product,
                                           acknowledged_by=request.user)  # fmt: skip
                    try:
                        sold.append(sales.policy_sell(sale=sale, sold_by=request.user))
                    except SaleRefused as refused:
                        refusals += [f"{column.product.name}: {r.message}"
                                     for r in refused.refusals]  # fmt: skip
                if refusals:
                    raise _NoneSold
                if png is not None and len(sold) > len(done_before):
                    statements_sign(deal=deal, png=png, by=request.user,
                                    statements=statements_of(deal, products, {}),
                                    signer_name=signer_of(request, deal))  # fmt: skip
        except _NoneSold:
            return self._page(request, deal, basket, by_key, refusals)
        messages.success(request, _("Issued: %(numbers)s. Each policy's documents go to the "
                                    "customer by email.")
                         % {"numbers": ", ".join(p.number for p in sold)})  # fmt: skip
        return redirect("policies:deal-menu", deal_pk=deal.pk)

    def _page(self, request, deal, basket: Basket, by_key, problems):
        carried = [(name, values) for name, values in request.POST.lists()
                   if not name.startswith(OWN)]  # fmt: skip
        rows = []
        for line in basket.lines:
            column = by_key[line.key]
            subject = sale_key_subject(deal, column)
            posted = request.POST.get(f"key-{line.key}", "")
            try:
                form_key_check(posted, user_id=request.user.pk, purpose="sale", subject=subject)
                key = posted  # shown again: keeps its key, sells once
            except InvalidFormKey:
                key = form_key_issue(user_id=request.user.pk, purpose="sale", subject=subject)
            given = Disclosure.objects.filter(deal=deal, product=column.product).first()
            rows.append({"line": line, "key": key, "given": given,
                         "document": default_document(deal, column.product),
                         "acknowledged": f"ack-{line.key}" in request.POST,
                         "proposal": proposal_shown(column, deal, request.POST)})  # fmt: skip
        return render(request, self.template_name, {
            "deal": deal, "basket": basket, "rows": rows, "carried": carried,
            "problems": problems, "signer_name": signer_of(request, deal),
            "statements": statements_of(deal, [by_key[line.key].product
                                               for line in basket.lines], {}),
        })  # fmt: skip


class _NoneSold(Exception):
    """Takes back every sale of the basket when one is refused."""
