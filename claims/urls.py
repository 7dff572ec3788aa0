from django.urls import path

from . import views

app_name = "claims"

urlpatterns = [
    path("", views.ClaimListView.as_view(), name="claim-list"),
    path("new/<int:policy_pk>/", views.ClaimNotifyView.as_view(), name="claim-notify"),
    path("<int:pk>/", views.ClaimDetailView.as_view(), name="claim-detail"),
    path("<int:pk>/edit/", views.ClaimEditView.as_view(), name="claim-edit"),
    path("<int:pk>/move/<str:action>/", views.ClaimMoveView.as_view(), name="claim-move"),
    path("<int:pk>/files/", views.ClaimFilesView.as_view(), name="claim-files"),
    path("files/<int:pk>/", views.ClaimFileDownloadView.as_view(), name="claim-file"),
]
