"""Head office's pages: the audit trail, and a customer's requests about their personal
data (export, erasure)."""

import json

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from dealers.models import Customer, User

from . import privacy
from .forms import ErasureForm, PrivacyReferenceForm, TrailFilterForm
from .models import RequestOutcome
from .trail import KINDS, TrailQuery, trail_page


class HeadOfficeMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_head_office:
            raise PermissionDenied(_("Only head office can see this page."))
        return super().dispatch(request, *args, **kwargs)


class AuditTrailView(HeadOfficeMixin, View):
    def get(self, request):
        form = TrailFilterForm(request.GET or None)
        entries, more, query = [], False, None
        if not request.GET or form.is_valid():
            query = _trail_query(form.cleaned_data if request.GET else {})
            entries, more = trail_page(query) if query else ([], False)
        context = {"form": form, "entries": entries, "more": more,
                   "next_cursor": entries[-1].cursor if more else "",
                   "unknown_user": query is None and form.is_bound and form.is_valid()}  # fmt: skip
        return render(request, "audit/trail.html", context)


def _trail_query(data: dict) -> TrailQuery | None:
    """The form's filter as a query; None when it names a member of staff that does not
    exist (nothing can match)."""
    user_id = None
    if data.get("who"):
        user_id = (User.objects.filter(username__iexact=data["who"].strip())
                   .values_list("pk", flat=True).first())  # fmt: skip
        if user_id is None:
            return None
    return TrailQuery(
        kinds=(data["kind"],) if data.get("kind") else tuple(KINDS),
        object_id=data.get("object"), user_id=user_id, since=data.get("since"),
        until=data.get("until"), before=data.get("before") or "",
    )  # fmt: skip


class CustomerExportView(HeadOfficeMixin, View):
    """POST: the customer's personal data as a JSON file (the export is recorded)."""

    def post(self, request, pk):
        customer = get_object_or_404(Customer.objects.select_related("dealer"), pk=pk)
        form = PrivacyReferenceForm(request.POST, prefix="export")
        if not form.is_valid():
            messages.error(request, _("Give the reference of the customer's request."))
            return redirect("audit:customer-privacy", pk=customer.pk)
        data = privacy.customer_data_export(
            customer=customer, requested_by=request.user, reference=form.cleaned_data["reference"]
        )
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="customer-{customer.pk}-personal-data.json"'
        )
        response["Cache-Control"] = "no-store"
        return response


class CustomerPrivacyView(HeadOfficeMixin, View):
    """What is held, what an erasure would remove and keep, whether the law allows it
    today; the export and the erasure (confirmed) from here."""

    template_name = "audit/customer_privacy.html"

    def _render(self, request, customer, form, status=200):
        context = {
            "customer": customer,
            "form": form,
            "export_form": PrivacyReferenceForm(prefix="export"),
            "retention": privacy.customer_retention(customer),
            "requests": customer.privacy_requests.select_related("requested_by"),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        customer = get_object_or_404(Customer.objects.select_related("dealer"), pk=pk)
        return self._render(request, customer, ErasureForm())

    def post(self, request, pk):
        customer = get_object_or_404(Customer.objects.select_related("dealer"), pk=pk)
        form = ErasureForm(request.POST)
        if not form.is_valid():
            return self._render(request, customer, form, status=400)
        try:
            done = privacy.customer_erase(customer=customer, requested_by=request.user,
                                          reference=form.cleaned_data["reference"])  # fmt: skip
        except privacy.PrivacyRefused as refused:
            messages.error(request, str(refused))
            return redirect("audit:customer-privacy", pk=customer.pk)
        if done.outcome == RequestOutcome.DONE:
            messages.success(request, _("The customer's personal data has been erased."))
        else:
            messages.warning(request, _("Not erased: %s The refusal is recorded.") % done.detail)
        return redirect("audit:customer-privacy", pk=customer.pk)
