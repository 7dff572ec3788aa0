"""SMART Cover's answers: a term, priced alone; the sale and delivery dates judge whether
it may still be sold."""

from django.utils.translation import gettext_lazy as _

from products.answers import Answers, Question


class SmartCoverAnswers(Answers):
    # The menu offers the terms head office set (policies.menu.Questions).
    term_months = Question("int", label=_("Term"), min=1, max=120)
    # The API takes the invoice price; the price does not depend on it, so the menu takes
    # it from the deal.
    invoice_price = Question("money", label=_("Invoice price"), required=False, hidden=True)
    sale_date = Question("date", when="deal", required=False, hidden=True)
    delivery_date = Question("date", label=_("Delivery date"), when="delivery", required=False)
