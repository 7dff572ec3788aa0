"""The complaints register's pages: the list (with CSV), recording a complaint for a
customer, a complaint's page with its deadlines, letters and moves. Another dealer's
complaint or customer is a 404; a move is for managers and the complaint's handler."""

import csv
import re

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from dealers.form_keys import InvalidFormKey, form_key_check, form_key_issue
from dealers.selectors import customers_for
from dealers.versioning import VersionConflict, version_of
from dealers.views import ScopedFilterView

from . import selectors, services
from .filters import ComplaintFilter
from .forms import ComplaintForm, DecisionForm, NoteForm
from .models import ComplaintLetter, LetterKind
from .tasks import daily_check_on_read
from .transitions import IllegalMove, check_move, moves_from

CSV_FIELDS = (
    ("number", _("Complaint")), ("dealer__name", _("Dealer")), ("dealer__market", _("Market")),
    ("product__name", _("Product")), ("policy__number", _("Policy")),
    ("claim__number", _("Claim")), ("category", _("About")), ("channel", _("Received by")),
    ("received_on", _("Received on")), ("acknowledge_by", _("Acknowledge by")),
    ("acknowledged_on", _("Acknowledged on")), ("resolve_by", _("Summary resolution by")),
    ("respond_by", _("Final response by")), ("resolved_on", _("Resolved on")),
    ("status", _("Status")), ("outcome", _("Outcome")), ("root_cause", _("Root cause")),
    ("redress", _("Redress paid")), ("currency", _("Currency")),
    ("breach", _("Deadline missed")), ("breached_on", _("Missed on")),
)  # fmt: skip


NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


class ComplaintListView(ScopedFilterView):
    template_name = "complaints/complaint_list.html"
    filterset_class = ComplaintFilter
    selector = staticmethod(selectors.complaints_for)

    def get(self, request, *args, **kwargs):
        daily_check_on_read()
        if "csv" not in request.GET:
            return super().get(request, *args, **kwargs)
        filterset = self.get_filterset(self.get_filterset_class())
        rows = filterset.qs if filterset.is_valid() else self.get_queryset().none()
        return register_csv(rows)

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(today=today, **kwargs)


def register_csv(rows) -> HttpResponse:
    """The register as filtered: one row a complaint, raw values (ISO dates, 0.00)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="complaints.csv"'
    writer = csv.writer(response)
    writer.writerow([str(label) for _field, label in CSV_FIELDS])
    for row in rows.values_list(*(field for field, _label in CSV_FIELDS)).iterator():
        writer.writerow(["" if v is None else _cell(v) for v in row])
    return response


def _cell(value) -> str:
    text = str(value)
    # a cell a spreadsheet would run as a formula is written as text (a number is not one)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") and not NUMBER.fullmatch(text) else text


class ComplaintRecordView(LoginRequiredMixin, View):
    """Record a complaint a customer made; the form's key makes a double post one."""

    PURPOSE = "complaint"

    def customer(self):
        return get_object_or_404(customers_for(self.request.user).select_related("dealer"),
                                 pk=self.kwargs["customer_pk"])  # fmt: skip

    def get(self, request, customer_pk):
        customer = self.customer()
        initial = {k: request.GET[k] for k in ("policy", "claim", "deal")
                   if request.GET.get(k, "").isdigit()}  # fmt: skip
        if "claim" in initial:
            initial["category"] = "claim"
        return self.show(customer, ComplaintForm(customer=customer, initial=initial))

    def post(self, request, customer_pk):
        customer = self.customer()
        form = ComplaintForm(request.POST, customer=customer)
        try:
            key = form_key_check(
                request.POST.get("submission_key", ""),
                user_id=request.user.pk,
                purpose=self.PURPOSE,
                subject=f"customer:{customer.pk}",
            )
        except InvalidFormKey:
            messages.error(request, _("This form has expired or was not opened by you: check "
                                      "it, then record the complaint again."))  # fmt: skip
            return self.show(customer, form)
        if (done := services.complaint_for_key(key)) is not None:
            return redirect("complaints:complaint-detail", pk=done.pk)
        if not form.is_valid():
            return self.show(customer, form, key)
        data = form.cleaned_data
        about = services.About(deal=data["deal"], policy=data["policy"], claim=data["claim"],
                               product=data["product"])  # fmt: skip
        try:
            complaint = services.complaint_record(
                customer=customer, about=about, category=data["category"],
                summary=data["summary"], received_on=data["received_on"],
                channel=data["channel"], recorded_by=request.user, handler=data["handler"],
                submission_key=key,
            )  # fmt: skip
        except ValidationError as error:
            _add_errors(form, error)
            return self.show(customer, form, key)
        messages.success(request, _("Complaint %(number)s is recorded.")
                         % {"number": complaint.number})  # fmt: skip
        return redirect("complaints:complaint-detail", pk=complaint.pk)

    def show(self, customer, form, key: str | None = None):
        key = key or form_key_issue(
            user_id=self.request.user.pk, purpose=self.PURPOSE, subject=f"customer:{customer.pk}"
        )
        due, rule = services.complaint_deadlines(customer.dealer, timezone.localdate())
        return render(self.request, "complaints/complaint_record.html",
                      {"customer": customer, "form": form, "submission_key": key,
                       "rule": rule, "due_today": due})  # fmt: skip


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class ComplaintDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        daily_check_on_read()
        complaint = get_object_or_404(selectors.complaints_for(request.user), pk=pk)
        return self.show(complaint)

    def show(self, complaint, posted=None, status=200):
        """The page; `posted`: the move's form as posted, shown again with its errors."""
        user, today = self.request.user, timezone.localdate()
        past_summary = complaint.resolve_by is not None and today > complaint.resolve_by
        moves = moves_from(complaint.status) if selectors.may_handle(user, complaint) else []
        if complaint.resolve_by is None or past_summary:
            moves = [m for m in moves if m.action != "summary_resolution"]
        forms = [(m, posted if posted and posted.prefix == m.action else _form_of(m))
                 for m in moves]  # fmt: skip
        return render(self.request, "complaints/complaint_detail.html", {
            "complaint": complaint, "moves": forms, "today": today,
            "letters": complaint.letters.order_by("created_at"),
            "changes": complaint.changes.select_related("changed_by"),
            "past_summary": past_summary,
        }, status=status)  # fmt: skip


def _form_of(move, data=None):
    """The move's form, prefixed with its action: two on one page never share an id."""
    if move.decides:
        return DecisionForm(data, prefix=move.action)
    if move.action == "holding":
        return NoteForm(data, prefix=move.action)
    return None


class ComplaintMoveView(ComplaintDetailView):
    """POST: one move of the table, with its decision or note, at the version shown."""

    def get(self, request, pk, action):
        return redirect("complaints:complaint-detail", pk=pk)

    def post(self, request, pk, action):
        complaint = get_object_or_404(selectors.complaints_for(request.user), pk=pk)
        if not selectors.may_handle(request.user, complaint):
            raise PermissionDenied
        try:
            move = check_move(complaint.status, action)
            form = _form_of(move, request.POST)
            if form is not None and not form.is_valid():
                return self.show(complaint, posted=form, status=400)
            data = form.cleaned_data if form is not None else {}
            services.complaint_move(
                complaint=complaint, action=action, by=request.user,
                expected_version=version_of(request.POST.get("version")),
                decision=services.Decision(**data) if move.decides else None,
                note=data.get("note", ""),
            )  # fmt: skip
        except (IllegalMove, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect("complaints:complaint-detail", pk=pk)
        except VersionConflict:
            messages.error(request, _("Someone else moved this complaint on after you opened "
                                      "it: here it is as it is now."))  # fmt: skip
            return redirect("complaints:complaint-detail", pk=pk)
        messages.success(request, _("Done: %(move)s.") % {"move": move.label})
        return redirect("complaints:complaint-detail", pk=pk)


class LetterView(LoginRequiredMixin, View):
    def get(self, request, pk, kind):
        complaint = get_object_or_404(selectors.complaints_for(request.user), pk=pk)
        if kind not in LetterKind.values:
            return HttpResponse(status=404)
        letter = get_object_or_404(ComplaintLetter, complaint=complaint, kind=kind)
        return FileResponse(letter.file.open("rb"), content_type="application/pdf",
                            filename=f"{complaint.number}-{kind}.pdf")  # fmt: skip
