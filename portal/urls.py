from django.urls import path

from . import address_page, cancellation, complaints, contact, distance, views
from .claims import ClaimNotifyView, ClaimView

app_name = "portal"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("enter/", views.EnterView.as_view(), name="enter"),
    path("link/", views.LinkRequestView.as_view(), name="link"),
    path("leave/", views.LeaveView.as_view(), name="leave"),
    path("contact/", contact.ContactView.as_view(), name="contact"),
    path("complaint/", complaints.ComplaintView.as_view(), name="complaint"),
    path(
        "complaints/<int:pk>/<slug:kind>/",
        complaints.ComplaintLetterView.as_view(),
        name="complaint-letter",
    ),
    path("address/", address_page.AddressView.as_view(), name="address"),
    path("documents/<int:pk>/", views.DocumentView.as_view(), name="document"),
    path("policies/<int:pk>/renewal/", views.RenewalView.as_view(), name="renewal"),
    path("offers/<int:pk>/", distance.OfferView.as_view(), name="offer"),
    path("offers/<int:pk>/pdf/", distance.OfferPdfView.as_view(), name="offer-pdf"),
    path("policies/<int:pk>/renew/", views.RenewalAcceptView.as_view(), name="renew"),
    path("policies/<int:pk>/claim/", ClaimNotifyView.as_view(), name="claim-notify"),
    path("claims/<int:pk>/", ClaimView.as_view(), name="claim"),
    path("policies/<int:pk>/cancel/", cancellation.CancelView.as_view(), name="cancel"),
]
