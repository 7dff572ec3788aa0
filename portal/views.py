"""The customer's own pages (issue 20): entered from the link in any of our emails, their
policies with the dealer, cover dates, what each covers, documents, instalments, renewal
and claims. Nothing here is a staff page, and nothing reaches past the customer's own
records: every query starts from `request.customer`."""

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from claims.models import Claim
from complaints.selectors import customer_complaints
from dealers.customer_links import BadLink, customer_link_check
from dealers.markets import format_money
from dealers.models import Customer
from dealers.versioning import VersionConflict
from documents.compare import policy_covers
from documents.emails import attachment_name
from documents.models import Document
from documents.services import latest_documents
from policies.models import Policy
from policies.renewal_offer import renewal_offer
from policies.renewal_preferences import (
    PreferenceTooLate,
    RenewalPriceChanged,
    preference_closes_on,
    renewal_accept,
    renewal_acceptable,
    renewal_preference_set,
)
from policies.sale_page import shown_amount

from .confirmations import RENEWAL_ACCEPTED, RENEWAL_OFF, RENEWAL_ON, confirmation_queue
from .distance import offers_shown
from .links import link_request, over_limit
from .session import CustomerRequired, customer_enter, customer_leave


class EnterView(View):
    """GET: the page whose script posts the link's token (from the fragment, which no
    server sees). POST: the token checked, the customer's session started, and a redirect
    to their page, so the address bar shows a clean URL."""

    def get(self, request):
        response = render(request, "portal/enter.html", {})
        response["Referrer-Policy"] = (
            "same-origin"  # never to another site; a POST keeps its Origin
        )
        return response

    def post(self, request):
        try:
            pk, sent_to = customer_link_check(request.POST.get("token", ""))
        except BadLink:
            return self._refused(request)
        customer = Customer.objects.filter(pk=pk, erased_at__isnull=True).first()
        if customer is None or customer.email.strip().lower() != sent_to:
            return self._refused(request)
        customer_enter(request, customer)
        return redirect("portal:home")

    def _refused(self, request):
        messages.error(request, _("This link has expired or is not valid: ask for a new one "
                                  "below."))  # fmt: skip
        return redirect("portal:link")


class LinkRequestForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Your email address"), max_length=254)
    policy_number = forms.CharField(label=gettext_lazy("One of your policy numbers"),
                                    max_length=30)  # fmt: skip


class LinkRequestView(View):
    def get(self, request):
        return render(request, "portal/link.html", {"form": LinkRequestForm()})

    def post(self, request):
        form = LinkRequestForm(request.POST)
        if not form.is_valid():
            return render(request, "portal/link.html", {"form": form})
        email = form.cleaned_data["email"].lower()
        ip = request.META.get("REMOTE_ADDR", "")
        if over_limit(f"ip:{ip}", f"email:{email}"):
            messages.error(request, _("Too many requests: try again in an hour."))
            return render(request, "portal/link.html", {"form": form}, status=429)
        link_request(email, form.cleaned_data["policy_number"])
        messages.success(request, _("If these details match one of our policies, a new link "
                                    "is on its way to that address."))  # fmt: skip
        return redirect("portal:link")


class LeaveView(View):
    def post(self, request):
        customer_leave(request)
        messages.info(request, _("You have left your page."))
        return redirect("portal:link")


class HomeView(CustomerRequired, View):
    def get(self, request):
        customer = request.customer
        policies = list(Policy.objects.filter(customer=customer)
                        .select_related("product", "vehicle")
                        .prefetch_related("instalments").order_by("-start_date"))  # fmt: skip
        claims = {}
        for claim in Claim.objects.filter(policy__customer=customer).order_by("-reported_date"):
            claims.setdefault(claim.policy_id, []).append(claim)
        today = timezone.localdate()
        rows = [{"policy": p, "claims": claims.get(p.pk, []), "documents": latest_documents(p),
                 "covers": policy_covers(p), "closes_on": (closes := preference_closes_on(p)),
                 "may_change": closes is not None and today <= closes,
                 "offer": _offer_of(p, today)}
                for p in policies]  # fmt: skip
        return render(request, "portal/home.html", {
            "customer": customer, "rows": rows, "dealer": customer.dealer,
            "offers": offers_shown(customer, today),
            "complaints": customer_complaints(customer).order_by("-received_on", "-pk"),
        })  # fmt: skip


def _offer_of(policy: Policy, on) -> dict | None:
    """The renewal the customer may accept on the page: its period and price."""
    if not renewal_acceptable(policy, on):
        return None
    offer = renewal_offer(policy)
    return {"starts": offer.starts, "ends": offer.ends, "repriced": offer.repriced,
            "choice": offer.choice(policy.payment_plan)}  # fmt: skip


class RenewalView(CustomerRequired, View):
    """POST: automatic renewal on or off, up to the product's cut-off, for the version of
    the policy the page showed; confirmed by email and kept in the audit trail as done by
    the customer."""

    def post(self, request, pk):
        policy = get_object_or_404(Policy, pk=pk, customer=request.customer)
        wanted = request.POST.get("auto_renew") == "on"
        try:
            renewal_preference_set(policy=policy, auto_renew=wanted, on=timezone.localdate(),
                                   changed_by=None,
                                   expected_version=_version(request.POST.get("version", "")),
                                   by_customer=True)  # fmt: skip
        except VersionConflict:
            messages.error(request, _("Your policy changed while the page was open: check it "
                                      "below and choose again."))  # fmt: skip
        except PreferenceTooLate as too_late:
            messages.error(request, str(too_late))
        else:
            confirmation_queue(policy, RENEWAL_ON if wanted else RENEWAL_OFF)
            messages.success(request, _("Done: we have emailed you a confirmation."))
        return redirect("portal:home")


class RenewalAcceptView(CustomerRequired, View):
    """POST: the customer accepts the renewal offered for a policy that does not renew by
    itself, at the price the page showed, for the version it showed."""

    def post(self, request, pk):
        policy = get_object_or_404(Policy, pk=pk, customer=request.customer)
        try:
            choice = renewal_accept(
                policy=policy, on=timezone.localdate(),
                shown_total=shown_amount(request.POST.get("shown", "")),
                expected_version=_version(request.POST.get("version", "")),
            )  # fmt: skip
        except VersionConflict:
            messages.error(request, _("Your policy changed while the page was open: check it "
                                      "below and choose again."))  # fmt: skip
        except RenewalPriceChanged:
            messages.error(request, _("The price of your renewal has changed since the page "
                                      "was shown: check the new price below."))  # fmt: skip
        except PreferenceTooLate as too_late:
            messages.error(request, str(too_late))
        else:
            confirmation_queue(policy, RENEWAL_ACCEPTED,
                               total=format_money(choice.total, policy.currency))  # fmt: skip
            messages.success(request, _("Done: your policy will renew. We have emailed you a "
                                        "confirmation."))  # fmt: skip
        return redirect("portal:home")


def _version(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return -1


class DocumentView(CustomerRequired, View):
    def get(self, request, pk):
        document = get_object_or_404(Document, pk=pk, policy__customer=request.customer)
        if not document.file:
            raise Http404
        response = FileResponse(document.file.open("rb"), as_attachment=True,
                                filename=attachment_name(document),
                                content_type="application/pdf")  # fmt: skip
        response["X-Content-Type-Options"] = "nosniff"
        return response
