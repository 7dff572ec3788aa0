"""HTML templates to PDF with WeasyPrint: A4, print CSS, fonts embedded, PDF/A-3b.

A product may have its own template for a kind (`documents/<product code>/<kind>.html`,
such as the Italian schedule of furto-danni); otherwise `documents/<kind>.html` serves
every product, with the product's covers and limits from documents.content.

The print stylesheet (templates/documents/print.css) is the same for every document, so
it is parsed once per thread, with one font configuration that every render shares;
only the page headers and footers, which name the policy, are in each document.
"""

import contextlib
import gc
import threading
from collections.abc import Iterator

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from policies.models import Policy

from .context import document_context

PDF_VARIANT = "pdf/a-3b"
PRINT_CSS = settings.BASE_DIR / "templates" / "documents" / "print.css"

_kept = threading.local()  # WeasyPrint's font configuration is not shared across threads


def _fonts() -> FontConfiguration:
    if not hasattr(_kept, "fonts"):
        _kept.fonts = FontConfiguration()
    return _kept.fonts


def print_stylesheet() -> CSS:
    if not hasattr(_kept, "css"):
        _kept.css = CSS(filename=str(PRINT_CSS), font_config=_fonts())
    return _kept.css


def template_names(policy: Policy, kind: str) -> list[str]:
    return [f"documents/{policy.product.code}/{kind}.html", f"documents/{kind}.html"]


def render_html(*, policy: Policy, kind: str, language: str) -> str:
    with translation.override(language):
        return render_to_string(template_names(policy, kind), document_context(policy, kind))


@contextlib.contextmanager
def collected_once() -> Iterator[None]:
    """Keep the garbage collector out of a render, then collect its garbage in one go.

    A render allocates some 30,000 objects (boxes, styles) that live exactly as long as
    the render. Collected as usual, young collections in the middle of the render promote
    them, and the promotions set off full collections of the whole process (Django and
    all: ~150,000 objects, ~80 ms each), about one every three documents: a quarter of the
    time of a schedule (bench/README.md). Collected once at the end, they are still young.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
            gc.collect(0)


def html_to_pdf(html: str, *, stylesheets: list[CSS] | None = None) -> bytes:
    """PDF/A-3b of `html` with the print stylesheet (or `stylesheets`, if given)."""
    sheets = [print_stylesheet()] if stylesheets is None else stylesheets
    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    with collected_once():
        return document.write_pdf(pdf_variant=PDF_VARIANT, stylesheets=sheets, font_config=_fonts())


def render_document(*, policy: Policy, kind: str, language: str) -> bytes:
    return html_to_pdf(render_html(policy=policy, kind=kind, language=language))
