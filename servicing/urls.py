"""The pages after the sale, in the `policies` namespace (config/urls.py) beside the
policy's own pages."""

from django.urls import path

from .views import PolicyCancelView, PolicyChangeView

urlpatterns = [
    path("<int:pk>/cancel/", PolicyCancelView.as_view(), name="policy-cancel"),
    path("<int:pk>/change/", PolicyChangeView.as_view(), name="policy-change"),
]
