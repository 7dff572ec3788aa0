"""Lexus Comprehensive Motor's ILLUSTRATIVE starting rates and the stamp duty of each
state and territory (head office edits them)."""

from decimal import Decimal as D

RATES = {
    **{f"base:{s}": D(p) for s, p in [("NSW", "420"), ("VIC", "410"), ("QLD", "380"), ("WA", "360"),
                                      ("SA", "340"), ("TAS", "320"), ("NT", "390"), ("ACT", "350")]},
    "value_rate": D("1.15"), "loading:under_25": D("1.60"), "loading:business_use": D("1.15"),
    "discount:lifetime_rating_1": D("0.10"), "discount:voluntary_excess:500": D("0.05"),
    "discount:voluntary_excess:1000": D("0.09"), "discount:voluntary_excess:2000": D("0.14"),
    "option:excess_free_glass": D("85"),
}  # fmt: skip

STAMP_DUTY = {"NSW": "0.05", "VIC": "0.10", "QLD": "0.09", "WA": "0.10", "TAS": "0.10",
              "SA": "0.11", "NT": "0.10", "ACT": "0"}  # fmt: skip
