"""Claim pages: thin views over the scoped selectors and the services (another dealer's
claim or policy is a 404)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from dealers.form_keys import InvalidFormKey, form_key_check, form_key_issue
from dealers.views import ScopedDetailView, ScopedFilterView
from policies.selectors import policies_for

from . import selectors, services
from .assessment import PAYEES, assess
from .filters import ClaimFilter
from .forms import FilesForm, event_label, facts_shown, form_data, form_for
from .models import ClaimFile
from .workflow import IllegalMove, moves_from


class ClaimListView(ScopedFilterView):
    template_name = "claims/claim_list.html"
    filterset_class = ClaimFilter
    selector = staticmethod(selectors.claims_for)


class ClaimNotifyView(LoginRequiredMixin, View):
    """Notify a claim against a policy, on the customer's behalf. The form carries a key
    issued to this user for this policy: posted twice, it makes one claim."""

    template_name = "claims/claim_notify.html"
    PURPOSE = "claim"

    def policy(self):
        return get_object_or_404(policies_for(self.request.user), pk=self.kwargs["policy_pk"])

    def get(self, request, policy_pk):
        policy = self.policy()
        return self.show(policy, form_for(policy), FilesForm())

    def post(self, request, policy_pk):
        policy = self.policy()
        form = form_for(policy, request.POST)
        files = FilesForm(request.POST, request.FILES)
        try:
            key = self.key_check(policy, request.POST.get("submission_key", "").strip())
        except InvalidFormKey:
            messages.error(request, _("This form has expired or was not opened by you: check "
                                      "the answers, then notify the claim again."))  # fmt: skip
            return self.show(policy, form, files, key="")
        if (done := services.claim_for_key(key)) is not None:  # the same form posted again
            return self.already(done)
        if not (form.is_valid() and files.is_valid()):
            return self.show(policy, form, files)
        claim = services.claim_notify(policy=policy, form=form,
                                      files=files.cleaned_data["files"],
                                      notified_by=request.user, submission_key=key)  # fmt: skip
        messages.success(request, _("Claim %(number)s is notified.") % {"number": claim.number})
        return redirect("claims:claim-detail", pk=claim.pk)

    def already(self, claim):
        messages.info(self.request, _("This claim was already notified: %(number)s.")
                      % {"number": claim.number})  # fmt: skip
        return redirect("claims:claim-detail", pk=claim.pk)

    def key_check(self, policy, posted: str) -> str:
        return form_key_check(posted, user_id=self.request.user.pk, purpose=self.PURPOSE,
                              subject=f"policy:{policy.pk}")  # fmt: skip

    def show(self, policy, form, files, key=None):
        """The form, keeping the key it was posted with (a page shown again with its
        errors still makes one claim), or with a new one."""
        posted = self.request.POST.get("submission_key", "").strip() if key is None else key
        try:
            self.key_check(policy, posted)
        except InvalidFormKey:
            posted = form_key_issue(user_id=self.request.user.pk, purpose=self.PURPOSE,
                                    subject=f"policy:{policy.pk}")  # fmt: skip
        context = {"policy": policy, "form": form, "files_form": files, "submission_key": posted}
        return render(self.request, self.template_name, context)


class MoveForm(forms.Form):
    reason = forms.CharField(required=False, max_length=2000)
    amount = forms.DecimalField(required=False, min_value=0, max_digits=12, decimal_places=2)
    payee = forms.CharField(required=False, max_length=200)


class ClaimDetailView(ScopedDetailView):
    template_name = "claims/claim_detail.html"
    selector = staticmethod(selectors.claims_for)
    context_object_name = "claim"

    def get_context_data(self, **kwargs):
        claim, user = self.object, self.request.user
        assessment = assess(claim)
        payee = {"customer": str(claim.policy.customer),
                 "finance_company": _("The finance company")}.get(assessment.payee, "")  # fmt: skip
        amount = claim.approved_amount if claim.status == "approved" else assessment.payable
        return super().get_context_data(
            assessment=assessment, payees=PAYEES, facts=facts_shown(claim),
            event=event_label(claim), default_amount=amount, default_payee=claim.payee or payee,
            moves=moves_from(claim.status, head_office=user.is_head_office),
            editable=claim.status in services.EDITABLE,
            changes=claim.changes.select_related("changed_by"), files=claim.files.all(),
            files_form=FilesForm(), **kwargs,
        )  # fmt: skip


class ClaimEditView(LoginRequiredMixin, View):
    template_name = "claims/claim_edit.html"

    def claim(self):
        return get_object_or_404(selectors.claims_for(self.request.user), pk=self.kwargs["pk"])

    def get(self, request, pk):
        claim = self.claim()
        return self.show(claim, form_for(claim.policy, initial=form_data(claim)))

    def post(self, request, pk):
        claim = self.claim()
        form = form_for(claim.policy, request.POST)
        if not form.is_valid():
            return self.show(claim, form)
        try:
            services.claim_facts_update(claim=claim, form=form, changed_by=request.user)
        except services.ClaimLocked as e:
            messages.error(request, str(e))
        else:
            messages.success(request, _("The facts are saved; the assessment below uses them."))
        return redirect("claims:claim-detail", pk=claim.pk)

    def show(self, claim, form):
        return render(self.request, self.template_name, {"claim": claim, "form": form})


class ClaimMoveView(LoginRequiredMixin, View):
    """POST: one move of the workflow (the action is in the URL)."""

    def post(self, request, pk, action):
        claim = get_object_or_404(selectors.claims_for(request.user), pk=pk)
        form = MoveForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
            return redirect("claims:claim-detail", pk=claim.pk)
        data = form.cleaned_data
        try:
            claim = services.claim_move(claim=claim, action=action, by=request.user,
                                        reason=data["reason"], amount=data["amount"],
                                        payee=data["payee"])  # fmt: skip
        except IllegalMove as e:
            messages.error(request, str(e))
        else:
            messages.success(request, _("Claim %(number)s is now %(status)s.")
                             % {"number": claim.number,
                                "status": claim.get_status_display().lower()})  # fmt: skip
        return redirect("claims:claim-detail", pk=claim.pk)


class ClaimFilesView(LoginRequiredMixin, View):
    def post(self, request, pk):
        claim = get_object_or_404(selectors.claims_for(request.user), pk=pk)
        form = FilesForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors.get("files", [])))
        elif files := form.cleaned_data["files"]:
            stored, already = services.claim_files_add(claim=claim, files=files,
                                                       uploaded_by=request.user)  # fmt: skip
            if stored:
                messages.success(request, _("%(n)s file(s) added.") % {"n": len(stored)})
            if already:
                messages.info(request, _("Already on the claim, not added again: %(names)s.")
                              % {"names": ", ".join(already)})  # fmt: skip
        return redirect("claims:claim-detail", pk=claim.pk)


class ClaimFileDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        record = get_object_or_404(
            ClaimFile.objects.filter(claim__in=selectors.claims_for(request.user)), pk=pk
        )
        response = FileResponse(record.file.open("rb"), as_attachment=True,
                                filename=record.name, content_type=record.content_type)  # fmt: skip
        # Never shown in the browser as anything but the type checked at upload.
        response["X-Content-Type-Options"] = "nosniff"
        return response
