"""The customer's address page: the form, then the policies the new address changes with
their premium differences to confirm (portal/address.py), as staff's change page previews
and confirms (servicing/views.py). The confirmation posts back the address and, for each
policy shown, its version and the difference shown: if anything moved since (a record
saved meanwhile, the day turned), the new figures are shown to confirm again."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from dealers.versioning import VersionConflict, version_of

from .address import AddressForm, AddressRefused, address_change, address_moves
from .session import CustomerRequired


class AddressView(CustomerRequired, View):
    def get(self, request):
        c = request.customer
        initial = {f: getattr(c, f) for f in AddressForm.Meta.fields} | {"version": c.version}
        return self.form_page(AddressForm(initial=initial, customer=c))

    def post(self, request):
        customer = request.customer
        form = AddressForm(request.POST, customer=customer)
        if not form.is_valid() or request.POST.get("action") == "edit":
            return self.form_page(form)
        address = form.address()
        try:
            moves = address_moves(customer, address, timezone.localdate())
        except AddressRefused as refused:
            form.add_error("postcode", str(refused))
            return self.form_page(form)
        if request.POST.get("action") != "confirm":
            return self.confirm_page(form, moves)
        shown = {m.policy.pk: request.POST.get(f"policy-{m.policy.pk}") for m in moves}
        posted = {k for k in request.POST if k.startswith("policy-")}
        if posted != {f"policy-{pk}" for pk in shown} or any(
            shown[m.policy.pk] != m.shown for m in moves
        ):
            return self.confirm_page(form, moves, figures_changed=True)
        versions = {m.policy.pk: m.policy.version for m in moves}
        try:
            address_change(customer=customer, address=address, moves=moves, versions=versions,
                           version=version_of(form.cleaned_data["version"]) or 0)  # fmt: skip
        except VersionConflict:
            messages.error(request, _("Your details or your policies changed while the page "
                                      "was open, so nothing was saved: enter the address "
                                      "again."))  # fmt: skip
            return redirect("portal:address")
        messages.success(request, _("Done: your address is changed, and we have emailed you "
                                    "a confirmation."))  # fmt: skip
        return redirect("portal:home")

    def form_page(self, form):
        c = self.request.customer
        return render(self.request, "portal/address.html",
                      {"form": form, "customer": c, "dealer": c.dealer})  # fmt: skip

    def confirm_page(self, form, moves, figures_changed=False):
        c = self.request.customer
        context = {"form": form, "customer": c, "dealer": c.dealer, "moves": moves,
                   "address": form.address(), "figures_changed": figures_changed}  # fmt: skip
        return render(self.request, "portal/address_confirm.html", context)
