from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path(
        "documents/<int:pk>/download/",
        views.DocumentDownloadView.as_view(),
        name="document-download",
    ),
    path("deals/<int:deal_pk>/covers/", views.DealComparisonView.as_view(), name="deal-covers"),
    path("policies/<int:pk>/covers/", views.PolicyCoversView.as_view(), name="policy-covers"),
    path("policies/<int:pk>/resend/", views.PolicyResendView.as_view(), name="policy-resend"),
]
