"""HTML templates to PDF with WeasyPrint: A4, print CSS, fonts embedded, PDF/A-3b."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

from policies.models import Policy

PDF_VARIANT = "pdf/a-3b"


def document_context(policy: Policy, kind: str) -> dict:
    return {"policy": policy, "kind": kind, "dealer": policy.dealer,
            "customer": policy.customer, "vehicle": policy.vehicle,
            "product": policy.product, "instalments": list(policy.instalments.all())}  # fmt: skip


def render_html(*, policy: Policy, kind: str, language: str) -> str:
    with translation.override(language):
        return render_to_string(f"documents/{kind}.html", document_context(policy, kind))


def html_to_pdf(html: str) -> bytes:
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant=PDF_VARIANT)


def render_document(*, policy: Policy, kind: str, language: str) -> bytes:
    return html_to_pdf(render_html(policy=policy, kind=kind, language=language))
