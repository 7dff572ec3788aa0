from django.urls import path

from . import basket_page, distance_page, pos, present_page, sale_page, views

app_name = "policies"

urlpatterns = [
    path("", views.PolicyListView.as_view(), name="policy-list"),
    path("<int:pk>/", views.PolicyDetailView.as_view(), name="policy-detail"),
    path("jobs/", views.JobRunListView.as_view(), name="job-runs"),
    path("gap-follow-up/", distance_page.DistanceListView.as_view(), name="distance-list"),
    path("<int:pk>/renewal/", views.RenewalPreferenceView.as_view(), name="policy-renewal"),
    path("menu/<int:deal_pk>/", pos.MenuView.as_view(), name="deal-menu"),
    path("menu/<int:deal_pk>/prices/", pos.RepriceView.as_view(), name="deal-reprice"),
    path("menu/<int:deal_pk>/basket/", basket_page.BasketSellView.as_view(), name="deal-basket"),
    path("menu/<int:deal_pk>/present/", present_page.PresentView.as_view(), name="deal-present"),
    path("menu/<int:deal_pk>/needs/", pos.DemandsNeedsView.as_view(), name="deal-needs"),
    path("menu/<int:deal_pk>/price/<str:key>/", pos.PriceView.as_view(), name="deal-price"),
    path("menu/<int:deal_pk>/decline/<str:code>/", pos.DeclineView.as_view(), name="deal-decline"),
    path("menu/<int:deal_pk>/sell/<str:key>/", sale_page.SellView.as_view(), name="deal-sell"),
]
