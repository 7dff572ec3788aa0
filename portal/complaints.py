"""The customer raises a complaint on their own page (issue 21): recorded in the dealer's
register as received online today, acknowledged at once with its letter (the dates by
which we will respond, in their language), and followed on their page."""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from complaints.forms import CustomerComplaintForm
from complaints.models import Channel, Complaint, ComplaintLetter
from complaints.services import About, complaint_for_key, complaint_move, complaint_record
from dealers.form_keys import InvalidFormKey, form_key_check, form_key_issue

from .session import CustomerRequired

PURPOSE = "customer-complaint"


def raised_today(customer) -> int:
    return Complaint.objects.filter(customer=customer, channel=Channel.ONLINE,
                                    received_on=timezone.localdate()).count()  # fmt: skip


class ComplaintView(CustomerRequired, View):
    template_name = "portal/complaint.html"

    def get(self, request):
        return self.show(CustomerComplaintForm(customer=request.customer))

    def post(self, request):
        customer = request.customer
        form = CustomerComplaintForm(request.POST, customer=customer)
        try:
            key = form_key_check(request.POST.get("submission_key", ""), user_id=customer.pk,
                                 purpose=PURPOSE, subject=f"customer:{customer.pk}")  # fmt: skip
        except InvalidFormKey:
            messages.error(request, _("This form has expired: please send it again."))
            return self.show(form)
        if complaint_for_key(key) is None:
            if not form.is_valid():
                return self.show(form, key)
            if raised_today(customer) >= settings.PORTAL_COMPLAINTS_PER_DAY:
                text = _("You have sent us several complaints today: please call %(dealer)s.")
                messages.error(request, text % {"dealer": customer.dealer.name})
                return self.show(form, key, status=429)
            with transaction.atomic():
                complaint = complaint_record(
                    customer=customer, about=About(policy=form.cleaned_data["policy"]),
                    category=form.cleaned_data["category"], summary=form.cleaned_data["summary"],
                    received_on=timezone.localdate(), channel=Channel.ONLINE, recorded_by=None,
                    submission_key=key,
                )  # fmt: skip
                complaint_move(complaint=complaint, action="acknowledge", by=None,
                               expected_version=complaint.version)  # fmt: skip
        messages.success(request, _("We have your complaint and have emailed you our "
                                    "acknowledgement."))  # fmt: skip
        return redirect("portal:home")

    def show(self, form, key: str | None = None, status: int = 200):
        customer = self.request.customer
        key = key or form_key_issue(user_id=customer.pk, purpose=PURPOSE,
                                    subject=f"customer:{customer.pk}")  # fmt: skip
        return render(self.request, self.template_name,
                      {"form": form, "customer": customer, "dealer": customer.dealer,
                       "submission_key": key}, status=status)  # fmt: skip


class ComplaintLetterView(CustomerRequired, View):
    """A letter of one of the customer's own complaints (another's is a 404)."""

    def get(self, request, pk, kind):
        letter = get_object_or_404(ComplaintLetter, complaint__pk=pk, kind=kind,
                                   complaint__customer=request.customer)  # fmt: skip
        return FileResponse(letter.file.open("rb"), content_type="application/pdf",
                            filename=f"{letter.complaint.number}-{kind}.pdf")  # fmt: skip
