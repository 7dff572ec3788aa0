"""The customer notifies a claim on their own page and follows it (issue 20).

The form is their product's own claim form, the one staff notify with (claims.forms.
form_for), with the same checks on photos and documents (claims.forms.FilesForm). The
claim is reported today: the customer does not choose the date reported, which the
assessment reads (SMART Cover: within 30 days of knowing of the damage). The form carries
a key issued to this customer for this policy (dealers.form_keys): posted twice, it makes
one claim. Staff see the claim as notified by the customer online; the audit trail
records it as done by the customer; the customer is sent a confirmation.

What the customer sees of a claim is its status and the dates it moved, what happened,
and what they sent themselves: never staff's notes, figures or files.
"""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from claims.forms import ClaimForm, FilesForm, event_label, form_for
from claims.models import Claim, ClaimStatus
from claims.services import claim_for_key, claim_notify
from dealers.form_keys import InvalidFormKey, form_key_check, form_key_issue
from policies.models import Policy, PolicyStatus

from .confirmations import claim_confirmation_queue
from .session import CustomerRequired

PURPOSE = "customer-claim"  # never a staff form's purpose: their keys are not the customer's
STATUS_TEXT = {
    ClaimStatus.NOTIFIED: gettext_lazy("We have your claim: it will be assessed, and we will "
                                       "contact you if we need to know more."),
    ClaimStatus.UNDER_ASSESSMENT: gettext_lazy("Your claim is being assessed."),
    ClaimStatus.APPROVED: gettext_lazy("Your claim is approved: the repair or the payment "
                                       "follows."),
    ClaimStatus.DECLINED: gettext_lazy("Your claim was declined: ask us why, at the contact "
                                       "details below."),
    ClaimStatus.SETTLED: gettext_lazy("Your claim is settled."),
    ClaimStatus.CLOSED: gettext_lazy("Your claim is closed."),
}  # fmt: skip


def claim_refusal(policy: Policy, today) -> str:
    """Why the customer cannot notify a claim on the policy online ("" : they can)."""
    if policy.status != PolicyStatus.LIVE:
        status = policy.get_status_display().lower()
        return _("Policy %(number)s is not in force (%(status)s): to make a claim on it, "
                 "contact %(dealer)s.") % {"number": policy.number, "status": status,
                                           "dealer": policy.dealer.name}  # fmt: skip
    if policy.start_date > today:
        return _("Your cover starts on %(start)s: a claim can be made from that day.") % {
            "start": f"{policy.start_date:%d/%m/%Y}"  # as the page shows every day
        }
    return ""


def claim_notify_online(*, policy: Policy, form: ClaimForm, files, key: str) -> tuple[Claim, bool]:
    """The claim notified by the customer, and whether it is new (False: the same form
    was posted before, and that claim is given back). Confirmed to the customer once."""
    with transaction.atomic():
        # The lock claim_notify takes: a second post of the form waits here for the first.
        Policy.objects.select_for_update().filter(pk=policy.pk).first()
        if (done := claim_for_key(key)) is not None:
            return done, False
        claim = claim_notify(policy=policy, form=form, files=files, notified_by=None,
                             submission_key=key)  # fmt: skip
        claim_confirmation_queue(claim.pk)
    return claim, True


def _customer_form(policy: Policy, data=None) -> ClaimForm:
    """The product's claim form, in the customer's words, reported today whatever was
    posted."""
    if data is not None:
        data = data.copy()
        data["reported_date"] = timezone.localdate().isoformat()
    form = form_for(policy, data)
    form.fields["reported_date"].widget = forms.HiddenInput()
    for name, label in form.CUSTOMER_LABELS.items():
        form.fields[name].label = label
    return form


class ClaimNotifyView(CustomerRequired, View):
    template_name = "portal/claim_notify.html"

    def policy(self) -> Policy:
        return get_object_or_404(Policy.objects.select_related("product", "vehicle", "dealer"),
                                 pk=self.kwargs["pk"], customer=self.request.customer)  # fmt: skip

    def get(self, request, pk):
        policy = self.policy()
        if refusal := claim_refusal(policy, timezone.localdate()):
            messages.error(request, refusal)
            return redirect("portal:home")
        return self.show(policy, _customer_form(policy), FilesForm())

    def post(self, request, pk):
        policy = self.policy()
        if refusal := claim_refusal(policy, timezone.localdate()):
            messages.error(request, refusal)
            return redirect("portal:home")
        form = _customer_form(policy, request.POST)
        files = FilesForm(request.POST, request.FILES)
        try:
            key = self.key_check(policy, request.POST.get("submission_key", "").strip())
        except InvalidFormKey:
            messages.error(request, _("This form has expired: check your answers, then send "
                                      "the claim again."))  # fmt: skip
            return self.show(policy, form, files, key="")
        if (done := claim_for_key(key)) is not None:  # the same form posted again
            return self.already(done)
        if not (form.is_valid() and files.is_valid()):
            return self.show(policy, form, files)
        claim, new = claim_notify_online(policy=policy, form=form, key=key,
                                         files=files.cleaned_data["files"])  # fmt: skip
        if not new:
            return self.already(claim)
        messages.success(request, _("Your claim %(number)s is sent: we have emailed you a "
                                    "confirmation.") % {"number": claim.number})  # fmt: skip
        return redirect("portal:claim", pk=claim.pk)

    def already(self, claim: Claim):
        messages.info(self.request, _("You have already sent this claim: %(number)s.")
                      % {"number": claim.number})  # fmt: skip
        return redirect("portal:claim", pk=claim.pk)

    def key_check(self, policy: Policy, posted: str) -> str:
        return form_key_check(posted, user_id=self.request.customer.pk, purpose=PURPOSE,
                              subject=f"policy:{policy.pk}")  # fmt: skip

    def show(self, policy: Policy, form, files, key=None):
        """The form, keeping the key it was posted with (shown again with its errors, it
        still makes one claim), or with a new one."""
        posted = self.request.POST.get("submission_key", "").strip() if key is None else key
        try:
            self.key_check(policy, posted)
        except InvalidFormKey:
            posted = form_key_issue(user_id=self.request.customer.pk, purpose=PURPOSE,
                                    subject=f"policy:{policy.pk}")  # fmt: skip
        customer = self.request.customer
        return render(self.request, self.template_name, {
            "policy": policy, "form": form, "files_form": files, "submission_key": posted,
            "customer": customer, "dealer": customer.dealer, "today": timezone.localdate(),
        })  # fmt: skip


class ClaimView(CustomerRequired, View):
    """One of the customer's claims: where it is and when it got there."""

    def get(self, request, pk):
        claim = get_object_or_404(Claim.objects.select_related("policy__product",
                                                               "policy__vehicle"),
                                  pk=pk, policy__customer=request.customer)  # fmt: skip
        customer = request.customer
        return render(request, "portal/claim.html", {
            "claim": claim, "event": event_label(claim),
            "status_text": STATUS_TEXT.get(claim.status, ""),
            "changes": claim.changes.order_by("changed_at", "pk"),
            # Theirs alone: what staff added to the claim is staff's.
            "files": claim.files.filter(uploaded_by__isnull=True),
            "customer": customer, "dealer": customer.dealer,
        })  # fmt: skip
