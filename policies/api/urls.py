from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import quote_endpoint, views

app_name = "api"

urlpatterns = [
    path("v1/calculations/gap-benefit", views.GapBenefitView.as_view(), name="gap-benefit"),
    path("v1/calculations/it-settlement", views.ItSettlementView.as_view(), name="it-settlement"),
    path(
        "v1/calculations/it-eligibility", views.ItEligibilityView.as_view(), name="it-eligibility"
    ),
    path("v1/calculations/au-excess", views.AuExcessView.as_view(), name="au-excess"),
    path("v1/calculations/ncd", views.NcdView.as_view(), name="ncd"),
    path(
        "v1/calculations/cancellation-refund",
        views.CancellationRefundView.as_view(),
        name="cancellation-refund",
    ),
    path(
        "v1/calculations/payment-options",
        views.PaymentOptionsView.as_view(),
        name="payment-options",
    ),
    path("v1/quotes", quote_endpoint.QuoteView.as_view(), name="quotes"),
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script from a URL: the page has no inline script
    # for our Content Security Policy to refuse.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="policies/api/swagger_ui.html"
        ),
        name="docs",
    ),
]
