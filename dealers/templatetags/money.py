from django import template

from dealers.markets import format_money

register = template.Library()


@register.filter
def money(amount, currency):
    """{{ vehicle.invoice_price|money:dealer.currency }} -> £32,000.00 / 32.000,00 €"""
    return format_money(amount, currency)
