from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("", views.AuditTrailView.as_view(), name="trail"),
    path("customers/<int:pk>/", views.CustomerPrivacyView.as_view(), name="customer-privacy"),
    path("customers/<int:pk>/export/", views.CustomerExportView.as_view(), name="customer-export"),
]
