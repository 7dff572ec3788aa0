"""Keys for create forms: issued and signed by the server, bound to user, purpose and
subject (dealers.form_keys)."""

import pytest
from django.core import signing

from dealers.form_keys import InvalidFormKey, form_key_check, form_key_issue


def test_a_key_comes_back_as_the_same_stored_key_every_time():
    key = form_key_issue(user_id=7, purpose="sale", subject="deal:3:smart-cover")

    first = form_key_check(key, user_id=7, purpose="sale", subject="deal:3:smart-cover")
    again = form_key_check(key, user_id=7, purpose="sale", subject="deal:3:smart-cover")

    assert first == again
    assert first.startswith("form:") and len(first) <= 64


def test_two_forms_shown_get_two_keys():
    a = form_key_issue(user_id=7, purpose="sale", subject="deal:3:smart-cover")
    b = form_key_issue(user_id=7, purpose="sale", subject="deal:3:smart-cover")

    assert form_key_check(a, user_id=7, purpose="sale", subject="deal:3:smart-cover") != (
        form_key_check(b, user_id=7, purpose="sale", subject="deal:3:smart-cover")
    )


@pytest.mark.parametrize(
    ("user_id", "purpose", "subject"),
    [(8, "sale", "deal:3:smart-cover"), (7, "claim", "deal:3:smart-cover"),
     (7, "sale", "deal:4:smart-cover"), (7, "sale", "deal:3:motor-uk")],
)  # fmt: skip
def test_a_key_is_refused_for_another_user_purpose_or_record(user_id, purpose, subject):
    key = form_key_issue(user_id=7, purpose="sale", subject="deal:3:smart-cover")

    with pytest.raises(InvalidFormKey):
        form_key_check(key, user_id=user_id, purpose=purpose, subject=subject)


@pytest.mark.parametrize(
    "key",
    ["", "renewal:12", "0123456789abcdef0123456789abcdef", "x" * 5000,
     signing.dumps({"u": 7, "p": "sale", "s": "deal:3:smart-cover", "n": "1"}, salt="other")],
)  # fmt: skip
def test_a_key_the_server_did_not_issue_is_refused(key):
    with pytest.raises(InvalidFormKey):
        form_key_check(key, user_id=7, purpose="sale", subject="deal:3:smart-cover")


def test_a_tampered_key_is_refused():
    key = form_key_issue(user_id=7, purpose="sale", subject="deal:3:smart-cover")
    _payload, rest = key.split(":", 1)
    forged = signing.b64_encode(b'{"u":8,"p":"sale","s":"deal:3:smart-cover","n":"1"}')

    with pytest.raises(InvalidFormKey):
        form_key_check(f"{forged.decode()}:{rest}", user_id=8, purpose="sale",
                       subject="deal:3:smart-cover")  # fmt: skip
