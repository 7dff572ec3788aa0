from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("", views.ComplaintListView.as_view(), name="complaint-list"),
    path("new/<int:customer_pk>/", views.ComplaintRecordView.as_view(), name="complaint-record"),
    path("<int:pk>/", views.ComplaintDetailView.as_view(), name="complaint-detail"),
    path("<int:pk>/letters/<slug:kind>/", views.LetterView.as_view(), name="complaint-letter"),
    path("<int:pk>/<slug:action>/", views.ComplaintMoveView.as_view(), name="complaint-move"),
]
