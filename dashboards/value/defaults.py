"""The thresholds every product starts with (readings for head office to confirm and edit
in /admin/): plain data, read by the data migration and by thresholds_seed."""

# (measure, bound, share, reading)
DEFAULT_THRESHOLDS: tuple[tuple[str, str, str, str], ...] = (
    ("payout_share", "min", "0.2000",
     "Reading: claims paid below 20% of premium questions the product's value (the FCA "
     "found GAP paying about 6%, 2024). Head office to confirm."),
    ("commission_share", "max", "0.4000",
     "Reading: commission above 40% of premium (the FCA found up to 70% on GAP). Head "
     "office to confirm."),
    ("acceptance", "min", "0.7500",
     "Reading: fewer than three claims in four accepted. Head office to confirm."),
    ("claim_complaints", "max", "0.1000",
     "Reading: more than one complaint about claims for every ten claims. Head office to "
     "confirm."),
    ("cancelled_within", "max", "0.1000",
     "Reading: more than 10% of policies sold cancelled within the cooling-off period. "
     "Head office to confirm."),
    ("cancelled_after", "max", "0.1000",
     "Reading: more than 10% of policies sold cancelled after the cooling-off period. Head "
     "office to confirm."),
)  # fmt: skip
