from django import template

from ..views import format_cell

register = template.Library()


@register.simple_tag
def cell(row, column):
    """A table cell as the market writes it: money in the row's currency, shares in %."""
    return format_cell(row.get(column.key), column.kind, row.get("currency"))
