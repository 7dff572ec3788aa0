"""Policy pages: thin views over the scoped selectors (another dealer's policy is a 404)."""

from dealers.views import ScopedDetailView, ScopedFilterView
from documents.services import latest_documents

from . import selectors
from .filters import PolicyFilter


class PolicyListView(ScopedFilterView):
    template_name = "policies/policy_list.html"
    filterset_class = PolicyFilter
    selector = staticmethod(selectors.policies_for)


class PolicyDetailView(ScopedDetailView):
    template_name = "policies/policy_detail.html"
    selector = staticmethod(selectors.policies_for)
    context_object_name = "policy"

    def get_context_data(self, **kwargs):
        policy = self.object
        return super().get_context_data(
            instalments=policy.instalments.all(),
            changes=policy.changes.select_related("made_by"),
            history=policy.history.select_related("history_user").order_by("-history_date"),
            documents=latest_documents(policy),
            emails=policy.emails.select_related("requested_by").order_by("-requested_at", "-pk"),
            **kwargs,
        )
