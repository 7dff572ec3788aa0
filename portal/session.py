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
EMAIL = "portal_customer_email"  # the address the session was opened for


def customer_enter(request, customer: Customer) -> None:
    request.session.cycle_key()  # a new session id: nothing carried over from before
    request.session[KEY] = customer.pk
    request.session[EMAIL] = customer.email.strip().lower()


def customer_leave(request) -> None:
    request.session.pop(KEY, None)
    request.session.cycle_key()


def customer_of(request) -> Customer | None:
    """The customer of the session, while their record still has the address the session
    was opened for: an address changed by staff (a mailbox taken over) ends it."""
    pk = request.session.get(KEY)
    if not isinstance(pk, int):
        return None
    customer = (Customer.objects.select_related("dealer")
                .filter(pk=pk, erased_at__isnull=True).first())  # fmt: skip
    if customer is None or customer.email.strip().lower() != request.session.get(EMAIL):
        return None
    return customer


def customer_email_changed(request, email: str) -> None:
    """The customer changed their own address: their session goes on with it."""
    request.session[EMAIL] = email.strip().lower()


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
