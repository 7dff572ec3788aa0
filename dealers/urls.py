from django.urls import path

from . import edit_views, views

app_name = "dealers"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("customers/", views.CustomerListView.as_view(), name="customer-list"),
    path("customers/new/", edit_views.CustomerCreateView.as_view(), name="customer-create"),
    path("customers/<int:pk>/", views.CustomerDetailView.as_view(), name="customer-detail"),
    path(
        "customers/<int:pk>/edit/", edit_views.CustomerUpdateView.as_view(), name="customer-update"
    ),
    path(
        "customers/<int:customer_pk>/deals/new/",
        edit_views.DealCreateView.as_view(),
        name="customer-deal-create",
    ),
    path("vehicles/<int:pk>/edit/", edit_views.VehicleUpdateView.as_view(), name="vehicle-update"),
    path("deals/", views.DealListView.as_view(), name="deal-list"),
    path("deals/new/", edit_views.DealCreateView.as_view(), name="deal-create"),
    path("deals/<int:pk>/", views.DealDetailView.as_view(), name="deal-detail"),
    path("deals/<int:pk>/edit/", edit_views.DealUpdateView.as_view(), name="deal-update"),
]
