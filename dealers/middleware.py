from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.shortcuts import render
from django.utils import translation

from .limits import size_text


class DealerLanguageMiddleware:
    """Staff see the application in their dealer's language (Italian dealers: Italian),
    whatever their browser asks for. Anonymous pages keep LocaleMiddleware's choice."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = user.language
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if user is not None and user.is_authenticated:
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


def too_large(request, status: int = 413):
    """The page that says what was too large (templates/413.html)."""
    return render(request, "413.html", status=status, context={
        "request_limit": size_text(settings.REQUEST_BODY_MAX_BYTES),
        "file_limit": size_text(settings.CLAIM_FILE_MAX_BYTES),
        "files_limit": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
    })  # fmt: skip


class RequestSizeLimitMiddleware:
    """Requests too large to read: refused with a page that says what the limits are.

    A body over REQUEST_BODY_MAX_BYTES is answered 413 from its Content-Length, before any of
    it is read: Django itself bounds only the fields other than files
    (DATA_UPLOAD_MAX_MEMORY_SIZE) and streams any number of file bytes to disk. The form data
    of a page is read here before CsrfViewMiddleware reads it, so that Django's own limits
    (fields too large, too many fields or files) get the same page instead of a bare 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads such a body as empty
        if length > settings.REQUEST_BODY_MAX_BYTES:
            return too_large(request)
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        # Views exempt from CSRF (the API) read their body themselves, as JSON.
        if request.method != "POST" or getattr(view, "csrf_exempt", False):
            return None
        try:
            request.POST  # noqa: B018 - parsed here, where its limits can be answered
        except RequestDataTooBig:
            return too_large(request)
        except (TooManyFieldsSent, TooManyFilesSent):
            return too_large(request, status=400)
        return None
