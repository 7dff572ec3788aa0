"""The application's URLs plus /bench/bare, the baseline the API is measured against:
the same middleware stack, no authentication, no database, a constant JSON answer."""

from django.http import HttpRequest, JsonResponse
from django.urls import include, path


def bare(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


urlpatterns = [
    path("bench/bare", bare, name="bench-bare"),
    path("", include("config.urls")),
]
