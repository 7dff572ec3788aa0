"""The application's URLs plus /bench/bare, the baseline the API is measured against:
the same middleware stack, no authentication, no database, a constant JSON answer."""

from django.http import HttpRequest, JsonResponse
from django.urls import path

from config.urls import urlpatterns as application


def bare(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


# The application's patterns themselves, not include()d: its URLs resolve through the same
# levels as in production.
urlpatterns = [path("bench/bare", bare, name="bench-bare"), *application]
