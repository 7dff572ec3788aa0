"""Documents and emails on the policy page: thin views over policies_for(user), so another
dealer's document or policy is a 404."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from policies.selectors import policies_for

from . import emails, outbox
from .models import Document


class DocumentDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        document = get_object_or_404(
            Document.objects.select_related("policy").filter(policy__in=policies_for(request.user)),
            pk=pk,
        )
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=emails.attachment_name(document),
            content_type="application/pdf",
        )
        response["X-Content-Type-Options"] = "nosniff"  # whatever SecurityMiddleware says
        return response


class PolicyResendView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        policy = get_object_or_404(policies_for(request.user), pk=pk)
        send = outbox.email_queue(
            policy=policy,
            event=emails.resend_event(policy),
            requested_by=request.user,
            resend=True,
        )
        messages.success(
            request, _("The documents are being emailed to %(email)s again.") % {"email": send.to}
        )
        return redirect("policies:policy-detail", pk=policy.pk)
