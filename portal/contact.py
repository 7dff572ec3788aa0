"""The customer changes their email address and phone number on their page (issue 20):
for the version of their record the page showed, kept in the audit trail as done by the
customer, and confirmed to the new address and to the old one (a change they did not
make is seen where they still read their mail). Links sent to the old address stop
working (dealers.customer_links)."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from dealers.models import Customer
from dealers.validators import validate_phone
from dealers.versioning import VersionConflict, version_claim

from .confirmations import contact_confirmation_queue
from .session import CustomerRequired, customer_email_changed


class ContactForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address"), max_length=254)
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=30,
                            validators=[validate_phone])  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput)


def contact_change(*, customer: Customer, email: str, phone: str, version: int) -> str:
    """Save the new details; the address they replace ("" if the same)."""
    with transaction.atomic():
        customer = Customer.objects.select_for_update().get(pk=customer.pk)
        version_claim(customer, version)
        old = customer.email if customer.email.strip().lower() != email.lower() else ""
        customer.email, customer.phone = email, phone
        customer._history_user = None
        customer._change_reason = "contact details changed by the customer, on their page"
        customer.save()
        contact_confirmation_queue(customer.pk, old)
    return old


class ContactView(CustomerRequired, View):
    template_name = "portal/contact.html"

    def get(self, request):
        c = request.customer
        form = ContactForm(initial={"email": c.email, "phone": c.phone, "version": c.version})
        return render(request, self.template_name, {"form": form, "customer": c,
                                                    "dealer": c.dealer})  # fmt: skip

    def post(self, request):
        c = request.customer
        form = ContactForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                contact_change(customer=c, email=d["email"], phone=d["phone"],
                               version=d["version"])  # fmt: skip
                customer_email_changed(request, d["email"])
            except VersionConflict:
                messages.error(request, _("Your details changed while the page was open: "
                                          "check them and save again."))  # fmt: skip
                return redirect("portal:contact")
            messages.success(request, _("Done: we have emailed you a confirmation."))
            return redirect("portal:home")
        return render(request, self.template_name, {"form": form, "customer": c,
                                                    "dealer": c.dealer})  # fmt: skip
