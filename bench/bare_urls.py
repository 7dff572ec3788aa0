"""The application's URLs plus two baselines:
- /bench/bare, what the API is measured against: the same middleware stack, no
  authentication, no database, a constant JSON answer;
- /bench/bare-page, what a page costs before it does anything: a logged-in request that
  renders the site's layout (base.html) around nothing (the dashboards bench)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import engines
from django.urls import path

from config.urls import urlpatterns as application

EMPTY_PAGE = engines["django"].from_string('{% extends "base.html" %}')


def bare(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


@login_required
def bare_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(EMPTY_PAGE.render({}, request))


# The application's patterns themselves, not include()d: its URLs resolve through the same
# levels as in production.
urlpatterns = [
    path("bench/bare", bare, name="bench-bare"),
    path("bench/bare-page", bare_page, name="bench-bare-page"),
    *application,
]
