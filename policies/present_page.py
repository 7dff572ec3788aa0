"""The screen turned towards the customer: the products on offer (the basket's, or every
one priced), what each costs single and monthly, and what each covers, in the customer's
language, with nothing of the seller's (no commission, no notes, no decline reasons, no
menu). Posted the menu's answers, it carries them on and back to the menu."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render
from django.views import View

from .basket import basket_of
from .pos import deal_of, held_quote, menu_columns

# What the page carries of the menu's answers: all but the CSRF token.
NOT_CARRIED = ("csrfmiddlewaretoken",)


class PresentView(LoginRequiredMixin, View):
    template_name = "policies/present.html"

    def post(self, request, deal_pk):
        deal = deal_of(request, deal_pk)
        columns = [c for c in menu_columns(request, deal, request.POST) if not c.sold]
        basket = basket_of(columns, request.POST.getlist("basket"), deal.vehicle)
        chosen = set(basket.keys)
        shown = [c for c in columns if c.quote and c.quote.eligible
                 and (not chosen or c.key in chosen)]  # fmt: skip
        plans = {line.key: line.plan for line in basket.lines}
        offered = []  # each product with the ways to pay shown: the basket's, or every one
        for c in shown:  # its cover start: worked out with its price (menu_columns)
            wanted = plans.get(c.key)
            offered.append((c, [p for p in c.quote.plans
                                if wanted is None or p.option.plan == wanted]))  # fmt: skip
        carried = [(name, values) for name, values in request.POST.lists()
                   if name not in NOT_CARRIED and not name.startswith("shown-")]  # fmt: skip
        return render(request, self.template_name, {
            "deal": deal, "offered": offered, "basket": basket if chosen else None,
            "carried": carried, "only": ",".join(c.key for c in shown),
            "held": held_quote(deal, request.POST),
        })  # fmt: skip
