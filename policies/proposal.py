"""What a product's proposal asks at the sale beyond the priced answers (motor: each named
driver's details), for the sale page and the basket: its form for a column's answers, and
what the policy keeps of it (SaleRequest.proposal)."""

from products.registry import product_definition


def proposal_form(column, deal, data=None, prefix=""):
    """The product's proposal form for the column's answers, bound to `data` if given;
    None for a product that asks nothing more."""
    form_class = product_definition(column.product.code).proposal_form
    if form_class is None:
        return None
    return form_class(data, prefix=prefix or f"proposal-{column.key}",
                      answers=column.answers or {}, customer=deal.customer)  # fmt: skip


def proposal_shown(column, deal, data):
    """The form as a page shows it: bound to `data` if that carries the column's proposal
    (a page shown again keeps what was typed), else starting from the customer's record."""
    prefix = f"proposal-{column.key}-"
    carried = any(name.startswith(prefix) for name in data)
    return proposal_form(column, deal, data if carried else None)


def kept(form) -> dict | None:
    """What the policy keeps of a valid proposal form (None: no form)."""
    return form.proposal() if form is not None else None
