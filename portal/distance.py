"""The customer buys online the GAP cover whose information and price the seller gave them
(policies.distance; FCA ICOBS 6A.1): from the day the deferral ends, or earlier at their
request in their own words, kept as the written confirmation the rule asks for. The
price is the one held; payment is collected by the dealer, as at the desk."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from documents.distance import distance_context, distance_filename, distance_pdf
from policies.distance import NotOffered, distance_accept, offers_of_customer, sold_at_the_desk
from policies.models import DistanceOffer, DistanceState
from policies.refusals import SaleRefused

from .session import CustomerRequired


class BuyForm(forms.Form):
    read = forms.BooleanField(label=gettext_lazy(
        "I have read the product information and what is not covered"))  # fmt: skip
    early_request = forms.CharField(
        label=gettext_lazy("In your own words: you want to buy it now, before the days to "
                           "think it over have passed, and why"),
        required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip

    def __init__(self, *args, early: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not early:
            del self.fields["early_request"]
        else:
            self.fields["early_request"].required = True


def offers_shown(customer, on) -> list[tuple[DistanceOffer, str]]:
    """The customer's offers not bought yet, with their state on `on`."""
    offers = [o for o in offers_of_customer(customer) if not o.policy_id]
    sold = sold_at_the_desk(offers)
    return [(o, o.state_on(on, o.pk in sold)) for o in offers]


class OfferView(CustomerRequired, View):
    template_name = "portal/offer.html"

    def get(self, request, pk):
        offer = self._offer(request, pk)
        return self._page(request, offer, self._form(offer, None))

    def post(self, request, pk):
        offer = self._offer(request, pk)
        form = self._form(offer, request.POST)
        may_buy = self._may_buy(offer, self._state(offer))
        if may_buy and not form.is_valid():
            return self._page(request, offer, form)
        words = form.cleaned_data.get("early_request", "") if may_buy else ""
        try:  # not to be bought today: distance_accept says why (or finds it bought)
            policy = distance_accept(offer=offer, on=timezone.localdate(), early_request=words)
        except NotOffered as refused:
            messages.error(request, str(refused))
            return redirect("portal:offer", pk=offer.pk)
        except SaleRefused as refused:
            for r in refused.refusals:
                messages.error(request, r.message)
            messages.info(request, _("Nothing was bought: contact your dealer."))
            return redirect("portal:offer", pk=offer.pk)
        messages.success(request, _("Done: you are covered under policy %(number)s. Its "
                                    "documents are on their way to you by email.")
                         % {"number": policy.number})  # fmt: skip
        return redirect("portal:home")

    def _offer(self, request, pk) -> DistanceOffer:
        return get_object_or_404(
            DistanceOffer.objects.select_related("deal__customer", "deal__dealer",
                                                 "deal__vehicle", "product", "given_by"),
            pk=pk, deal__customer=request.customer,
        )  # fmt: skip

    def _form(self, offer, data) -> BuyForm:
        return BuyForm(data, early=timezone.localdate() < offer.concludes_from)

    @staticmethod
    def _state(offer) -> DistanceState:
        return offer.state_on(timezone.localdate(), offer.pk in sold_at_the_desk([offer]))

    @staticmethod
    def _may_buy(offer, state) -> bool:
        return state == DistanceState.READY or (
            state == DistanceState.WAITING and timezone.localdate() >= offer.early_from
        )

    def _page(self, request, offer, form):
        state = self._state(offer)
        context = distance_context(offer) | {
            "state": state, "form": form, "states": DistanceState,
            "may_buy": self._may_buy(offer, state),
            "early": timezone.localdate() < offer.concludes_from,
        }  # fmt: skip
        return render(request, self.template_name, context)


class OfferPdfView(CustomerRequired, View):
    def get(self, request, pk):
        offer = get_object_or_404(DistanceOffer.objects.select_related("deal", "product"),
                                  pk=pk, deal__customer=request.customer)  # fmt: skip
        response = HttpResponse(distance_pdf(offer), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{distance_filename(offer)}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response
