from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="sales"),
    path("value/pack/", views.ValuePackView.as_view(), name="value-pack"),
    path("<str:page>/", views.DashboardView.as_view(), name="page"),
]
