"""Sentences for refusals and reasons, by code and language ("en" or "it").

Kept as data next to the rules (no Django gettext here, so the rules stay pure). A code
missing in a language falls back to English; a code missing altogether is a bug.
"""

MESSAGES: dict[str, dict[str, str]] = {}


def register(code: str, en: str, it: str | None = None) -> None:
    MESSAGES[code] = {"en": en, **({"it": it} if it else {})}


def text(code: str, lang: str = "en", **params: object) -> str:
    by_lang = MESSAGES[code]
    template = by_lang.get(lang[:2], by_lang["en"])
    return template.format(**params) if params else template
