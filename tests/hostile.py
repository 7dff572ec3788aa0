"""Hypothesis strategies for what a hostile or careless browser can POST to a form: any
text (control characters, right-to-left marks, very long strings), numbers that are
huge, negative, not numbers or written another way, dates that do not exist, fields
missing, fields repeated (a list where one value is expected) and fields nobody asked for.

`mutations_of(valid)` starts from a submission that is accepted and spoils a few of its
fields, so that the spoiled field is checked with every other field valid (a wholly
random form is refused at its first field and reaches nothing deeper)."""

import os
from datetime import date

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Bounded and reproducible, for CI: the same examples on every run. A bigger run by hand:
# FORM_FUZZ_EXAMPLES=1000 .venv/bin/python -m pytest tests/policies/test_form_fuzzing.py
FUZZ = settings(
    max_examples=int(os.environ.get("FORM_FUZZ_EXAMPLES", "60")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Text a browser can send: no lone surrogates (they cannot be encoded in a request).
ANY_CHAR = st.characters(codec="utf-8")
CONTROL_CHAR = st.characters(codec="utf-8", categories=["Cc", "Cf", "Zl", "Zp", "Zs"])
TEXT = st.one_of(
    st.text(ANY_CHAR, max_size=40),
    st.text(CONTROL_CHAR, min_size=1, max_size=10),
    st.builds(
        lambda s, n: s * n,
        st.sampled_from(["9", "a", "é", "\u202e", "\x00", "🚗"]),
        st.integers(1_000, 100_000),
    ),  # fmt: skip
)
NUMBER = st.one_of(
    st.integers(-(10**40), 10**40).map(str),
    st.floats().map(str),  # nan, inf, 1e+300
    st.decimals(allow_nan=True).map(str),  # sNaN, -Infinity, 1E+999999
    st.sampled_from(["-1", "-0.01", "0", "0.001", "1e3", "1,000.00", "1.000,00", "0x10",
                     "1_000", "١٢٣", "１２", "½", " 12 ", "99999999999999.99"]),
)  # fmt: skip
DATE = st.one_of(
    st.dates(date(1, 1, 1), date(9999, 12, 31)).map(date.isoformat),
    # the first and last years a date can have: a date computed from them overflows
    st.dates(date(1, 1, 1), date(10, 12, 31)).map(date.isoformat),
    st.dates(date(9990, 1, 1), date(9999, 12, 31)).map(date.isoformat),
    st.sampled_from(["2026-02-30", "2026-13-01", "0000-01-01", "31/12/2026", "12/31/2026",
                     "2026-1-1", "20260101", "2026-01-01T25:00", "9999-12-31T23:59",
                     "yesterday", "١٤٤٧-٠١-٠١"]),
)  # fmt: skip
WORD = st.sampled_from(["", " ", "on", "off", "True", "False", "None", "null", "[]", "{}",
                        "<script>alert(1)</script>", "' OR 1=1 --", "{{ 7*7 }}",
                        "%s%n"])  # fmt: skip
SCALAR = st.one_of(TEXT, NUMBER, DATE, WORD)
VALUE = st.one_of(SCALAR, st.lists(SCALAR, min_size=2, max_size=3))
MISSING = None


def mutations_of(valid: dict, keys=None, *, at_most: int = 4) -> st.SearchStrategy[dict]:
    """`valid` with up to `at_most` of `keys` (all its keys by default) replaced by a
    hostile value or left out, and up to two fields added that the form never asked for."""
    keys = sorted(keys if keys is not None else valid)
    spoiled = st.dictionaries(st.sampled_from(keys), st.one_of(st.none(), VALUE),
                              min_size=1, max_size=at_most)  # fmt: skip
    # (names as a browser sends them: it escapes quotes and line breaks in a name)
    name = st.text(
        st.characters(codec="utf-8", exclude_characters='"\r\n'), min_size=1, max_size=12
    )
    extra = st.dictionaries(name, VALUE, max_size=2)

    def apply(changes, added):
        body = {**added, **valid}
        for key, value in changes.items():
            if value is MISSING:
                body.pop(key, None)
            else:
                body[key] = value
        return body

    return st.builds(apply, spoiled, extra)
