"""The product rules of PRODUCTS.md as pure Python: no Django, no ORM, no settings.

One module per product. Inputs and outputs are frozen dataclasses with Decimal money.
Readings that head office may change (PRODUCTS.md "Reading:") arrive as a `...Params`
dataclass whose defaults are the documented readings; the Django side builds it from
the ProductSetting rows. A refusal is a `Refusal(code, message)` in the market's language.
"""
