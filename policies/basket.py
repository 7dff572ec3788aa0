"""The menu's basket: the products the customer chooses, what they pay in all, single
and monthly, and what the single premiums would add to the finance payment if financed
on the deal's own term and APR. Each product stays its own policy when sold."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from dealers.models import FinanceType, Vehicle

from .rules.finance import financed_payment
from .sales import cover_dates_for, term_months

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Line:
    key: str  # the menu column's
    name: str
    plan: str
    total: Decimal
    first: Decimal  # the first instalment (the whole, paid at once)
    count: int  # instalments
    start: date | None = None  # the day its cover would start if sold today


@dataclass
class Basket:
    currency: str
    lines: list[Line] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    finance_months: int | None = None
    finance_apr: Decimal | None = None
    financed_extra: Decimal | None = None  # a month, if the single premiums are financed

    @property
    def single_total(self) -> Decimal:
        return sum((line.total for line in self.lines if line.count == 1), ZERO)

    @property
    def monthly_total(self) -> Decimal:
        """The first month's instalments of the products paid monthly."""
        return sum((line.first for line in self.lines if line.count > 1), ZERO)

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines), ZERO)

    @property
    def keys(self) -> list[str]:
        return [line.key for line in self.lines]


def basket_of(columns: list, chosen: list[str], vehicle: Vehicle) -> Basket:
    """The columns of `chosen` keys (the menu's, at their plan and price on the screen);
    a product chosen twice (two packages) or not priced is named in `problems`."""
    basket = Basket(currency=columns[0].product.currency if columns else "")
    products: set[str] = set()
    for column in columns:
        if column.key not in chosen or column.sold:
            continue
        if column.product.code in products:
            basket.problems.append(
                _("Choose one package of %(product)s.") % {"product": column.product.name}
            )
            continue
        line = line_of(column)
        if line is None:
            basket.problems.append(
                _("%(product)s has no price yet.") % {"product": name_of(column)}
            )
            continue
        products.add(column.product.code)
        basket.lines.append(line)
    _finance(basket, vehicle)
    return basket


def name_of(column) -> str:
    return f"{column.product.name} {column.package.title()}".strip()


def line_of(column) -> Line | None:
    """The column at its plan and price on the screen; None when that plan has no price.
    Its cover start is the one policies.pos.menu_columns worked out for it."""
    plan = (column.answers or {}).get("payment_plan")
    quoted = column.quote and column.quote.eligible and next(
        (p for p in column.quote.plans if p.option.plan == plan), None
    )  # fmt: skip
    if not quoted:
        return None
    option = quoted.option
    return Line(column.key, name_of(column), plan, option.total, option.first,
                len(option.instalments), column.start)  # fmt: skip


def cover_start(column, vehicle: Vehicle) -> date | None:
    """The day the column's cover would start if sold today, by its product's rule (a
    chosen day for motor, delivery for Asset Protector); None when the rule cannot say."""
    answers = column.answers or {}
    today = timezone.localdate()
    (start, _end), refused = cover_dates_for(
        column.product, vehicle.deal, answers, term_months(answers), today, "en"
    )
    return None if refused else start


def _finance(basket: Basket, vehicle: Vehicle) -> None:
    if vehicle.finance_type == FinanceType.CASH or not vehicle.finance_term_months:
        return
    basket.finance_months, basket.finance_apr = vehicle.finance_term_months, vehicle.finance_apr
    if vehicle.finance_apr is not None and basket.single_total:
        basket.financed_extra = financed_payment(
            basket.single_total, vehicle.finance_apr, vehicle.finance_term_months
        )
