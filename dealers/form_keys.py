"""Idempotency keys for the forms that create something (a sale, a claim, a deal).

The server issues the key with the form: a random nonce signed together with who may use
it and for what (`purpose`, e.g. "sale", and a `subject`, e.g. "deal:12:smart-cover").
The browser only hands it back. A key that was not issued by this server, or was issued
to another user, for another purpose or another record, is refused; so a salesperson
cannot post another dealer's key and learn what it created, nor take a key a job will
use. What is stored with the record created is `stored_key(...)`: "form:" and the nonce,
a name no job uses (jobs name theirs "renewal:<pk>" and the like).
"""

import secrets

from django.core import signing

SALT = "dealers.form_keys"
PREFIX = "form:"
MAX_AGE = 60 * 60 * 24  # a form left open over a day is shown again with a new key


class InvalidFormKey(Exception):
    """The key was not issued by this server for this user, purpose and subject."""


def form_key_issue(*, user_id: int, purpose: str, subject: str) -> str:
    """A new key for one form shown to `user_id`."""
    return signing.dumps(
        {"u": user_id, "p": purpose, "s": subject, "n": secrets.token_hex(12)},
        salt=SALT,
        compress=False,
    )


def form_key_check(key: str, *, user_id: int, purpose: str, subject: str) -> str:
    """The stored form of a key handed back by the browser, or InvalidFormKey."""
    if not key or len(key) > 300:
        raise InvalidFormKey(key)
    try:
        data = signing.loads(key, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature as error:  # SignatureExpired is a BadSignature
        raise InvalidFormKey(key) from error
    if not isinstance(data, dict) or (data.get("u"), data.get("p"), data.get("s")) != (
        user_id,
        purpose,
        subject,
    ):
        raise InvalidFormKey(key)
    return stored_key(str(data.get("n", "")))


def stored_key(nonce: str) -> str:
    """What the created record keeps (fits a CharField of 64)."""
    return f"{PREFIX}{nonce}"
