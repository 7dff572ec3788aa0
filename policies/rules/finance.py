"""What financing an amount adds to a monthly finance payment: the menu's basket shows it
for the single premiums, on the deal's own term and APR.

Reading: the APR is an annual percentage rate of charge, an effective yearly rate (UK
CONC App 1.2; Italy's TAEG and Australia's comparison rate alike), so the monthly rate
is (1 + APR)^(1/12) - 1; the amount is repaid in equal monthly payments in arrears."""

from decimal import Decimal, localcontext

from dealers.money import round_money

ONE = Decimal(1)


def financed_payment(amount: Decimal, apr_percent: Decimal, months: int) -> Decimal:
    """The monthly payment that repays `amount` over `months` at `apr_percent`, rounded
    half-up to the cent at the end."""
    if months < 1:
        raise ValueError("A finance term is at least one month.")
    if amount < 0 or apr_percent < 0:
        raise ValueError("An amount and an APR cannot be negative.")
    with localcontext() as ctx:
        ctx.prec = 34
        if apr_percent == 0:
            return round_money(amount / months)
        monthly = (ONE + apr_percent / 100) ** (ONE / 12) - 1
        payment = amount * monthly / (ONE - (ONE + monthly) ** -months)
    return round_money(payment)
