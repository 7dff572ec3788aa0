from django.urls import path

from . import quote_views, views

app_name = "documents"

urlpatterns = [
    path(
        "documents/<int:pk>/download/",
        views.DocumentDownloadView.as_view(),
        name="document-download",
    ),
    path("deals/<int:deal_pk>/covers/", views.DealComparisonView.as_view(), name="deal-covers"),
    path("policies/<int:pk>/covers/", views.PolicyCoversView.as_view(), name="policy-covers"),
    path(
        "statements/<int:pk>/download/",
        views.StatementDownloadView.as_view(),
        name="statement-download",
    ),  # fmt: skip
    path("deals/<int:deal_pk>/quote/", quote_views.QuoteGiveView.as_view(), name="deal-quote"),
    path("quotes/<str:reference>/", quote_views.QuoteDetailView.as_view(), name="quote-detail"),
    path("quotes/<str:reference>/pdf/", quote_views.QuotePdfView.as_view(), name="quote-pdf"),
    path("quotes/<str:reference>/email/", quote_views.QuoteEmailView.as_view(), name="quote-email"),
    path("policies/<int:pk>/resend/", views.PolicyResendView.as_view(), name="policy-resend"),
]
