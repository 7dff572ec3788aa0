from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path(
        "documents/<int:pk>/download/",
        views.DocumentDownloadView.as_view(),
        name="document-download",
    ),
    path("policies/<int:pk>/resend/", views.PolicyResendView.as_view(), name="policy-resend"),
]
