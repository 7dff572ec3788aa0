"""A product's typed answers: one schema, with types, ranges and choices.

A product declares its answers once, as a subclass of `Answers` whose class attributes are
`Question`s. Everything else is derived from it, so it cannot drift: the menu's form
(policies/answer_forms.py), the quote API's serializer and so its OpenAPI schema
(policies/api/answer_serializers.py), and the JSON the answers are stored as.

Stored answers carry the schema's `version`. When a product's questions change, the schema
takes the next version and an upgrade from the one before (`upgrades[n]` turns version n
JSON into version n + 1 JSON), so a policy sold years ago still reads. Decoding goes by the
schema, never by the look of a value: a text answer "2024-01-01" stays a string.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from dealers.plausibility import WINDOWS

KINDS = ("int", "money", "bool", "date", "choice", "choices", "text")
NO_DEFAULT: Any = object()  # a question left out when not answered (DRF: no default)


@dataclass(frozen=True)
class Question:
    """One answer: its kind ("int", "money", "bool", "date", "choice", "choices": a list
    of choices, "text") and what is allowed. `when`: the plausibility window of a date
    (dealers/plausibility.py). `priced`: False for what staff are asked but the price does
    not depend on (the quote API does not take it). `default`: what an unanswered question
    that is not required reads as; None gives False for a bool, [] for choices, and leaves
    the others out, as DRF does."""

    kind: str
    label: Any = ""  # a lazy string
    required: bool = True
    default: Any = None
    min: int | Decimal | None = None
    max: int | Decimal | None = None
    choices: tuple[tuple[Any, Any], ...] = ()  # (value, label)
    when: str = "any"
    max_length: int = 40
    priced: bool = True
    help_text: Any = ""
    # The menu's starting value when the deal tells nothing (a required question's too).
    initial: Any = None
    # Shown, never typed: the value comes from the deal (the menu's initial answers), and
    # whatever the browser posts for it is ignored (Django keeps a disabled field's
    # initial value).
    hidden: bool = False
    radio: bool = False  # a choice shown as radio buttons, not a drop-down

    def __post_init__(self) -> None:
        # A schema that cannot be right fails at import, not at the first customer.
        if self.kind not in KINDS:
            raise ValueError(f"Unknown kind of question {self.kind!r}: one of {KINDS}")
        if self.when not in WINDOWS:
            raise ValueError(f"Unknown date window {self.when!r}: one of {tuple(WINDOWS)}")
        if self.kind in ("choice", "choices") and not self.choices:
            raise ValueError(f"A {self.kind!r} question needs choices")
        if self.required and self.default is not None:
            raise ValueError("Only a question that is not required has a default")
        if isinstance(self.min, float) or isinstance(self.max, float):
            raise TypeError("Bounds are int or Decimal, never float")

    @property
    def values(self) -> list[Any]:
        """The values of the choices, in order."""
        return [value for value, _label in self.choices]

    def default_value(self) -> Any:
        """What the question reads as when not answered; NO_DEFAULT: left out."""
        if self.required:
            return NO_DEFAULT
        if self.default is not None:
            return list(self.default) if self.kind == "choices" else self.default
        return {"bool": False, "choices": []}.get(self.kind, NO_DEFAULT)

    def encode(self, value: Any) -> Any:
        if value is None:
            return None
        if self.kind == "date":
            return value.isoformat() if isinstance(value, date) else value
        if self.kind == "money":
            if isinstance(value, float):
                raise TypeError("Money is a Decimal, never a float")
            return str(value)  # as given: Decimal("12.50") is "12.50"
        if self.kind == "choices":
            return list(value)
        return value

    def decode(self, value: Any) -> Any:
        if value is None:
            return None
        if self.kind == "date":
            return value if isinstance(value, date) else date.fromisoformat(value)
        if self.kind == "money":
            return _decimal(value)
        if self.kind == "int":
            return value if type(value) is int else int(value)
        if self.kind == "choice":
            return self._choice(value)
        if self.kind == "choices":
            return [self._choice(item) for item in value]
        return value

    def _choice(self, value: Any) -> Any:
        """The choice's own value (5, not "5"). A value no longer among the choices is
        read as stored: an old policy still reads after a choice is withdrawn."""
        if value in self.values:
            return value
        return {str(v): v for v in self.values}.get(str(value), value)


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"Not an amount: {value!r}")
    try:  # a float goes through its shortest text: 12.5 is Decimal("12.5"), not 12.4999…
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(f"Not an amount: {value!r}") from exc


class Answers:
    """A product's answers. A subclass declares its questions as class attributes, in the
    order they are asked; `version` and `upgrades` keep old stored answers readable; and
    `check` the problems between answers (field name -> message)."""

    questions: ClassVar[dict[str, Question]] = {}
    version: ClassVar[int] = 1
    upgrades: ClassVar[dict[int, Callable[[dict[str, Any]], dict[str, Any]]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = {name: q for name, q in vars(cls).items() if isinstance(q, Question)}
        cls.questions = {**cls.questions, **own}  # a parent's questions first
        if cls.version < 1:
            raise ValueError(f"{cls.__name__}.version starts at 1")
        missing = [n for n in range(1, cls.version) if n not in cls.upgrades]
        if missing:  # refused at import: a policy of that version would not read
            raise ValueError(f"{cls.__name__} has no upgrade from version(s) {missing}")

    @classmethod
    def check(cls, values: dict[str, Any]) -> dict[str, str]:
        """Problems between answers, field name -> message; {} when there are none.
        `values` may lack answers (one that failed its own check, or not priced: the
        quote API does not take those), so read them with .get."""
        return {}

    @classmethod
    def encode(cls, values: dict[str, Any]) -> dict[str, Any]:
        """The answers as stored (JSON): dates "YYYY-MM-DD", money a string as given.
        Keys the schema does not know (the facts the sale adds) are kept, their dates and
        Decimals written the same way so that the whole is JSON."""
        out = {}
        for name, value in values.items():
            question = cls.questions.get(name)
            out[name] = question.encode(value) if question else json_ready(value)
        return out

    @classmethod
    def decode(cls, stored: dict[str, Any], version: int | None = None) -> dict[str, Any]:
        """Stored answers of `version` (None: the current one) upgraded to the current
        version, then each answer the schema knows turned to its type. Keys it does not
        know come back as stored: nothing is guessed from how a value looks."""
        version = cls.version if version is None else version
        if version > cls.version:
            raise ValueError(
                f"{cls.__name__} answers of version {version}: this schema reads up to "
                f"version {cls.version}"
            )
        if version < 1:
            raise ValueError(f"{cls.__name__} has no version {version}")
        values = dict(stored)
        for n in range(version, cls.version):
            values = cls.upgrades[n](dict(values))
        out = {}
        for name, value in values.items():
            question = cls.questions.get(name)
            try:
                out[name] = question.decode(value) if question else value
            except (TypeError, ValueError) as exc:
                raise ValueError(f"{cls.__name__}.{name}: cannot read {value!r}") from exc
        return out

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The answers as an OpenAPI object schema (every question, priced or not)."""
        properties = {name: _property(q) for name, q in cls.questions.items()}
        required = [name for name, q in cls.questions.items() if q.required]
        return {"type": "object", "properties": properties, "required": required}


def json_ready(value: Any) -> Any:
    """A value as JSON keeps it: a date "YYYY-MM-DD", a Decimal its text as given."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _property(q: Question) -> dict[str, Any]:
    schema: dict[str, Any] = _TYPES[q.kind](q)
    if q.label:
        schema["title"] = str(q.label)
    if q.help_text:
        schema["description"] = str(q.help_text)
    default = q.default_value()
    if default is not NO_DEFAULT:
        schema["default"] = q.encode(default)
    return schema


def _bounds(low: int | Decimal | None, high: int | Decimal | None) -> dict[str, Any]:
    return {
        **({"minimum": low} if low is not None else {}),
        **({"maximum": high} if high is not None else {}),
    }


def money_floor(q: Question) -> int | Decimal:
    """The least amount a money question takes: never below zero (fields.Money)."""
    return 0 if q.min is None else max(0, q.min)


def _enum(values: list[Any]) -> dict[str, Any]:
    kinds = {type(v) for v in values}
    name = (
        {int: "integer", str: "string", bool: "boolean"}.get(kinds.pop())
        if len(kinds) == 1
        else None
    )
    return {"type": name, "enum": values} if name else {"enum": values}


_TYPES: dict[str, Callable[[Question], dict[str, Any]]] = {
    "int": lambda q: {"type": "integer", **_bounds(q.min, q.max)},
    # money is a string in the API and in storage ("9000.00"); its bounds as declared,
    # never below zero (policies/api/fields.Money)
    "money": lambda q: {"type": "string", "format": "decimal", **_bounds(money_floor(q), q.max)},
    "bool": lambda q: {"type": "boolean"},
    "date": lambda q: {"type": "string", "format": "date"},
    "choice": lambda q: _enum(q.values),
    "choices": lambda q: {"type": "array", "items": _enum(q.values)},
    "text": lambda q: {"type": "string", "maxLength": q.max_length},
}
