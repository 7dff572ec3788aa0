"""What each column of the menu covers, side by side: the covers and excesses of the
documents the policy would have, read from the product's own content (ProductContent)
for the answers on the screen, so that the comparison and the policy's documents say the
same. Columns of one product (Italy's packages) share a table: Giallo's "Non inclusa"
for vandalism sits beside Rosso's cover."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from policies.sales import policy_preview

from .content import content_of
from .content.common import DocumentFacts, Section


@dataclass
class Table:
    title: str
    heads: list[str]  # a column's name each
    rows: list[tuple[str, list[str]]] = field(default_factory=list)  # label, cell per column


def comparison(
    columns: list[Any], *, deal: Any, names: list[str], on: date, lang: str
) -> list[Table]:
    """`columns`: the menu's priced columns (policies.menu.Column) not sold; `names`: a
    heading for each. A column not priced yet (its answers incomplete) is left out."""
    by_product: dict[str, list[tuple[str, list[Section]]]] = {}
    for column, name in zip(columns, names, strict=True):
        if column.answers is None:
            continue
        policy = policy_preview(
            deal=deal, product=column.product,
            answers=column.answers, quote=column.quote, plan="single", on=on, lang=lang,
        )  # fmt: skip
        facts, content = DocumentFacts(policy), content_of(column.product.code)
        sections = [*content.covers(facts), *content.excesses(facts)]
        by_product.setdefault(column.product.code, []).append((name, sections))
    return [table for priced in by_product.values() for table in tables_of(priced)]


def policy_covers(policy: Any) -> list[Table]:
    """A sold policy's covers and excesses, as its documents give them."""
    facts, content = DocumentFacts(policy), content_of(policy.product.code)
    return tables_of([(policy.product.name, [*content.covers(facts), *content.excesses(facts)])])


def tables_of(priced: list[tuple[str, list[Section]]]) -> list[Table]:
    heads = [name for name, _sections in priced]
    count = max(len(sections) for _name, sections in priced)
    tables = []
    for i in range(count):
        found = [sections[i] if i < len(sections) else None for _name, sections in priced]
        titles = {s.title for s in found if s is not None}
        # the packages' own titles differ by the package's name ("...: pacchetto Blu")
        title = titles.pop() if len(titles) == 1 else min(titles).split(":")[0]
        cells: dict[str, list[str]] = {}
        for n, section in enumerate(found):
            for label, text in _rows(section):
                cells.setdefault(label, ["—"] * len(found))[n] = text
        tables.append(Table(title, heads, list(cells.items())))
    return tables


def _rows(section: Section | None) -> list[tuple[str, str]]:
    if section is None:
        return []
    heads = section.head[1:]
    out = []
    for label, *values in section.rows:
        if len(values) > 1 and len(heads) == len(values):
            text = " · ".join(f"{h}: {v}" for h, v in zip(heads, values, strict=True))
        else:
            text = " · ".join(v for v in values if v)
        out.append((label, text))
    return out
