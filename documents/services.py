"""Writes of documents: make a policy's PDF (a new version each time) and store it.

Emails that carry the documents are queued by documents.emails (after the transaction
commits) and sent by documents.tasks.
"""

import hashlib
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from dealers.models import User
from policies.models import Policy

from .content import kinds_due
from .models import Document, DocumentKind
from .rendering import render_document


def policy_state(policy: Policy) -> dict:
    """What the document was made from: enough to tell two versions apart later."""
    latest = policy.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return {
        "status": policy.status,
        "total_premium": str(policy.total_premium),
        "history_id": latest,
        "cancelled_on": policy.cancelled_on.isoformat() if policy.cancelled_on else None,
        "refund": str(policy.refund) if policy.refund is not None else None,
    }


def document_generate(*, policy: Policy, kind: str, created_by: User | None = None) -> Document:
    """Render `kind` for the policy as PDF/A and store it as the next version. The render
    (a second or so) happens before the transaction that numbers and stores it: on
    SQLite an open write transaction would hold up every other writer meanwhile."""
    kind = DocumentKind(kind)
    pdf = render_document(policy=policy, kind=kind, language=policy.dealer.language)
    return document_store(policy=policy, kind=kind, pdf=pdf, created_by=created_by)


def document_store(
    *, policy: Policy, kind: str, pdf: bytes, created_by: User | None = None
) -> Document:
    """Store a PDF rendered for the policy as the next version of `kind`."""
    kind = DocumentKind(kind)
    language = policy.dealer.language
    with transaction.atomic():
        last = (
            Document.objects.select_for_update()
            .filter(policy=policy, kind=kind)
            .aggregate(v=Max("version"))["v"]
        )
        version = (last or 0) + 1
        document = Document(
            policy=policy, kind=kind, version=version, language=language,
            checksum=hashlib.sha256(pdf).hexdigest(), size=len(pdf),
            policy_state=policy_state(policy), created_by=created_by,
        )  # fmt: skip
        name = f"{policy.number}-{kind}-v{version}.pdf"
        document.file.save(name, ContentFile(pdf), save=False)
        document.save()
    return document


def latest_documents(policy: Policy) -> list[Document]:
    """The newest version of each kind the policy has."""
    seen, latest = set(), []
    for document in policy.documents.order_by("kind", "-version"):
        if document.kind not in seen:
            seen.add(document.kind)
            latest.append(document)
    return latest


def documents_missing_generate(
    *, policy: Policy, on: date | None = None, created_by: User | None = None
) -> list[Document]:
    """Make the kinds of document due for the policy on `on` (documents.content.kinds_due)
    that it has no version of yet; a kind already made is left as it is."""
    made = set(policy.documents.values_list("kind", flat=True))
    due = kinds_due(policy, on or timezone.localdate())
    return [
        document_generate(policy=policy, kind=kind, created_by=created_by)
        for kind in due
        if kind not in made
    ]
