"""A customer's session on their own pages: started only by a valid link
(dealers.customer_links), held under a key of its own, so that it reaches none of
staff's pages (those ask for a staff login) and no other customer's records (every page
reads through `customer_of`)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _

from dealers.models import Customer

KEY = "portal_customer"


def customer_enter(request, customer: Customer) -> None:
    request.session.cycle_key()  # a new session id: nothing carried over from before
    request.session[KEY] = customer.pk


def customer_leave(request) -> None:
    request.session.pop(KEY, None)
    request.session.cycle_key()


def customer_of(request) -> Customer | None:
    pk = request.session.get(KEY)
    if not isinstance(pk, int):
        return None
    return Customer.objects.select_related("dealer").filter(pk=pk, erased_at__isnull=True).first()


class CustomerRequired:
    """A view of the customer's own page: in their dealer's language, for their records
    only; without a customer session, the page to ask for a new link."""

    def dispatch(self, request, *args, **kwargs):
        customer = customer_of(request)
        if customer is None:
            messages.info(request, _("Open your page from the link in one of our emails, or "
                                     "ask for a new link here."))  # fmt: skip
            return redirect("portal:link")
        request.customer = customer
        with translation.override(customer.dealer.language):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        response["Referrer-Policy"] = (
            "same-origin"  # never to another site; a POST keeps its Origin
        )
        response["Cache-Control"] = "private, no-store"
        return response
