"""The customer signs at the desk: the statements of a sale in the deal's language (their
demands and needs as recorded, the receipt of each product's information, a request to
conclude a GAP sale early with their own words), one drawn signature for them all. The
signature comes from the browser: it is checked to be a PNG of a signature's size with
something drawn on it before anything is kept. documents makes each statement a PDF
once the sale commits (policies.events.statements_signed)."""

import base64
import binascii
import hashlib
import io
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from dealers.models import Deal, User

from .disclosure import default_document
from .events import statements_signed_send
from .models import DemandsNeeds, Disclosure, Product, SignedStatement, StatementKind
from .pos import needs_of, products_offered

PREFIX = "data:image/png;base64,"
MAX_PNG_BYTES = 200_000
MAX_WIDTH, MAX_HEIGHT = 2000, 1000
MIN_WIDTH, MIN_HEIGHT = 100, 40


class BadSignature(ValueError):
    """Not a signature drawn on the screen."""


def signature_png(data_url: str) -> bytes:
    """The PNG of a drawn signature posted as a data URL, or BadSignature."""
    refused = BadSignature(_("The signature could not be read: ask the customer to sign again."))
    if not data_url.startswith(PREFIX) or len(data_url) > MAX_PNG_BYTES * 4 // 3 + 100:
        raise refused
    try:
        png = base64.b64decode(data_url[len(PREFIX) :], validate=True)
        with Image.open(io.BytesIO(png)) as image:
            image.verify()
        with Image.open(io.BytesIO(png)) as image:
            size, drawn = image.size, image.convert("LA").getchannel("A").getbbox()
            kind = image.format
    except (binascii.Error, UnidentifiedImageError, OSError, ValueError, SyntaxError) as e:
        raise refused from e
    width, height = size
    if kind != "PNG" or not (
        MIN_WIDTH <= width <= MAX_WIDTH and MIN_HEIGHT <= height <= MAX_HEIGHT
    ):
        raise refused
    if drawn is None:  # a transparent canvas: nothing drawn
        raise BadSignature(_("The signature is empty: ask the customer to sign in the box."))
    return png


@dataclass(frozen=True)
class Statement:
    kind: str
    product: Product | None
    text: str


def statements_of(deal: Deal, products: list[Product], early: dict[str, str]) -> list[Statement]:
    """What the customer signs for a sale of `products` on `deal`, in the deal's language:
    the demands and needs if recorded, the information of each product, and for each
    product code in `early` a request to conclude the sale early in the customer's words."""
    out = []
    with translation.override(deal.dealer.language):
        record = DemandsNeeds.objects.filter(deal=deal).first()
        if record is not None:
            out.append(Statement(StatementKind.DEMANDS_NEEDS, None, _needs_text(deal, record)))
        for product in products:
            given = Disclosure.objects.filter(deal=deal, product=product).first()
            document = given.document if given else default_document(deal, product)
            on = given.given_on if given else timezone.localdate()
            out.append(Statement(StatementKind.INFORMATION_RECEIVED, product, _(
                "I have received and read %(document)s, given to me on %(on)s, before "
                "buying %(product)s.") % {"document": document, "on": f"{on:%d/%m/%Y}",
                                           "product": product.name}))  # fmt: skip
            if product.code in early:
                out.append(Statement(StatementKind.EARLY_CONCLUSION, product, _(
                    "I started this purchase of %(product)s myself and ask to conclude it "
                    "now, before the end of the period after I received its information. In "
                    "my own words: %(words)s") % {"product": product.name,
                                                  "words": early[product.code]}))  # fmt: skip
    return out


def _needs_text(deal: Deal, record: DemandsNeeds) -> str:
    labels = dict(needs_of(products_offered(deal)))
    answers = record.answers or {}
    needs = ", ".join(str(labels.get(n, n)) for n in answers.get("needs", [])) or "—"
    text = _("My demands and needs, as recorded on %(on)s: I want to protect %(needs)s.") % {
        "on": f"{timezone.localtime(record.recorded_at):%d/%m/%Y}", "needs": needs}  # fmt: skip
    if answers.get("existing_cover"):
        text += " " + _("Cover I already have: %(cover)s.") % {"cover": answers["existing_cover"]}
    if answers.get("budget"):
        text += " " + _("My budget: %(budget)s.") % {"budget": answers["budget"]}
    return text


def signer_of(request, deal: Deal) -> str:
    """Who signs: the name typed on the page, else the deal's customer."""
    return (request.POST.get("signer_name") or deal.customer.display_name).strip()[:120]


def statements_sign(
    *, deal: Deal, statements: list[Statement], signer_name: str, png: bytes, by: User
) -> list[SignedStatement]:
    """Keep each statement signed with `png`, seen by `by`; in the caller's transaction
    (the sale's: no sale, nothing signed)."""
    digest = hashlib.sha256(png).hexdigest()
    signed = [
        SignedStatement.objects.create(
            deal=deal,
            product=s.product,
            kind=s.kind,
            text=s.text,
            signer_name=signer_name.strip()[:120],
            signature=png,
            signature_sha256=digest,
            witnessed_by=by,
            language=deal.dealer.language,
        )  # fmt: skip
        for s in statements
    ]
    statements_signed_send(statements=signed)
    return signed


def statements_of_policy(policy) -> list[SignedStatement]:
    """What the customer signed for the policy: its product's statements on the deal and
    the deal's demands and needs."""
    return list(
        SignedStatement.objects.filter(deal_id=policy.deal_id)
        .filter(Q(product__isnull=True) | Q(product_id=policy.product_id))
        .exclude(file="")
        .select_related("product")
    )
