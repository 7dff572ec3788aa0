"""A customer's own link to their page (portal): a signed, expiring token naming one
customer and the address it was sent to. It travels in the link's fragment
(`/my/enter/#<token>`), which browsers never send to a server: so it is in no server's
log and in no Referer; the page's script posts it once and the customer lands on a clean
URL. A link sent to an address the customer no longer has stops working."""

from datetime import timedelta

from django.conf import settings
from django.core import signing

SALT = "dealers.customer_links"
MAX_TOKEN = 400


class BadLink(Exception):
    """Not a link this server made, made for another address, or too old."""


def customer_link_token(customer) -> str:
    return signing.dumps({"c": customer.pk, "e": customer.email.strip().lower()}, salt=SALT,
                         compress=False)  # fmt: skip


def customer_link_check(token: str) -> tuple[int, str]:
    """(customer pk, the address the link was sent to), or BadLink."""
    if not token or len(token) > MAX_TOKEN:
        raise BadLink
    try:
        data = signing.loads(token, salt=SALT,
                             max_age=timedelta(days=settings.CUSTOMER_LINK_DAYS))  # fmt: skip
    except signing.BadSignature as e:  # SignatureExpired is one
        raise BadLink from e
    if not isinstance(data, dict) or not isinstance(data.get("c"), int):
        raise BadLink
    return data["c"], str(data.get("e", ""))


def customer_link_url(customer) -> str:
    """The link every email to the customer carries."""
    return f"{settings.SITE_URL.rstrip('/')}/my/enter/#{customer_link_token(customer)}"
