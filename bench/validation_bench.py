"""Validating a quote request, three ways, on the bodies `make bench` sends: the request
serializer derived from the product's answers schema run by DRF, the same serializer's
fast path (policies/api/fast.py, what the API runs), and a pydantic v2 model generated
from the same schema (issue 18: "choose the library by measurement").

    make bench-validation          # or: .venv/bin/python -m bench.validation_bench

Prints microseconds per validation (the median of BENCH_ROUNDS rounds of BENCH_CALLS
calls). pydantic is measured when it is installed (`pip install pydantic`), else skipped.
No server and no database: validation alone.
"""

import os
import statistics
import time
from datetime import date
from decimal import Decimal
from typing import Any, Literal

import django

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
CALLS = int(os.environ.get("BENCH_CALLS", "2000"))


def pydantic_model(answers: type) -> Any:
    """A pydantic model with the schema's priced questions and its check()."""
    from pydantic import BaseModel, Field, create_model, model_validator

    from products.answers import NO_DEFAULT

    def annotation(q) -> Any:
        kinds = {"int": int, "money": Decimal, "bool": bool, "date": date, "text": str}
        if q.kind == "choice":
            return Literal[tuple(q.values)]
        if q.kind == "choices":
            return list[Literal[tuple(q.values)]]
        return kinds[q.kind]

    fields: dict[str, Any] = {"product": (str, ...), "quote_date": (date | None, None)}
    for name, q in answers.questions.items():
        if not q.priced:
            continue
        bounds = {"ge": q.min, "le": q.max} if q.kind in ("int", "money") else {}
        if q.kind == "money":
            bounds.update(ge=max(q.min or 0, 0), decimal_places=2)
        if q.kind == "text":
            bounds = {"max_length": q.max_length}
        default = ... if q.required else q.default_value()
        if default is NO_DEFAULT:  # unanswered: left out (DRF), None (here)
            fields[name] = (annotation(q) | None, Field(default=None, **bounds))
            continue
        fields[name] = (annotation(q), Field(default=default, **bounds))

    class Checked(BaseModel):
        @model_validator(mode="after")
        def _check(self):
            problems = answers.check(self.model_dump())
            if problems:
                raise ValueError(problems)
            return self

    return create_model(f"{answers.__name__}Model", __base__=Checked, **fields)


def per_call(validate, body) -> float:
    """Microseconds per call: the median round."""
    rounds = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(CALLS):
            validate(body)
        rounds.append((time.perf_counter() - start) / CALLS * 1e6)
    return statistics.median(rounds)


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from bench.api_bench import TARGETS
    from policies.api.fast import quick_validate
    from policies.api.quote_endpoint import quote_request_of
    from products.registry import product_definition

    try:
        import pydantic  # noqa: F401
    except ImportError:
        pydantic_installed = False
    else:
        pydantic_installed = True
    print(f"{'quote body':<26}{'DRF':>10}{'fast path':>12}{'pydantic':>12}   (µs per call)")
    for target in (t for t in TARGETS if t.name.startswith("quote ")):
        body, code = target.body, target.body["product"]
        serializer = quote_request_of(code)

        def drf(b, serializer=serializer, code=code):
            s = serializer(data=b)
            if not s.is_valid():
                raise SystemExit(f"{code}: the bench body is refused: {s.errors}")
            return s.validated_data

        if quick_validate(serializer, body) is None:
            raise SystemExit(f"{code}: the bench body left the fast path")
        fast = per_call(lambda b, s=serializer: quick_validate(s, b), body)
        figures = [per_call(drf, body), fast]
        if pydantic_installed:
            model = pydantic_model(product_definition(code).answers)
            model.model_validate(body)
            figures.append(per_call(model.model_validate, body))
        shown = "".join(f"{f:>10.1f}  " for f in figures)
        print(f"{target.name:<26}{shown}{'' if pydantic_installed else '  (not installed)'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
