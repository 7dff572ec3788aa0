"""Documents and emails on the policy page: thin views over policies_for(user), so another
dealer's document or policy is a 404."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from dealers.selectors import deals_for
from policies.models import SignedStatement
from policies.pos import menu_columns
from policies.selectors import policies_for

from . import emails, outbox
from .compare import comparison, policy_covers
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


class StatementDownloadView(LoginRequiredMixin, View):
    """A statement the customer signed at the desk, as its PDF (another dealer's: 404)."""

    def get(self, request, pk):
        statement = get_object_or_404(
            SignedStatement.objects.filter(deal__in=deals_for(request.user)).exclude(file=""),
            pk=pk,
        )
        response = FileResponse(statement.file.open("rb"), as_attachment=True,
                                filename=f"{statement.kind}-{statement.pk}.pdf",
                                content_type="application/pdf")  # fmt: skip
        response["X-Content-Type-Options"] = "nosniff"
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


class DealComparisonView(LoginRequiredMixin, View):
    """HTMX, under the menu: what each product or package covers for the answers on the
    menu (posted with it, or the deal's own on GET), side by side."""

    def get(self, request, deal_pk):
        return self._tables(request, deal_pk, None)

    def post(self, request, deal_pk):
        return self._tables(request, deal_pk, request.POST)

    def _tables(self, request, deal_pk, data):
        deal = get_object_or_404(deals_for(request.user), pk=deal_pk)
        # a product's sale page: its column alone; the customer's screen: what it shows
        only = set(request.GET["column"].split(",")) if "column" in request.GET else None
        columns = [c for c in menu_columns(request, deal, data)
                   if not c.sold and (only is None or c.key in only)]  # fmt: skip
        names = [f"{c.product.name} {c.package.title()}".strip() for c in columns]
        tables = comparison(columns, deal=deal, names=names, on=timezone.localdate(),
                            lang=request.user.language)  # fmt: skip
        return render(request, "documents/comparison.html", {"tables": tables})


class PolicyCoversView(LoginRequiredMixin, View):
    """HTMX, on the policy page: what the policy covers and its excesses, as its
    documents say."""

    def get(self, request, pk):
        policy = get_object_or_404(policies_for(request.user), pk=pk)
        return render(request, "documents/comparison.html", {"tables": policy_covers(policy)})
