"""Polizza Furto e Danni's ILLUSTRATIVE starting rates (head office edits them)."""

from decimal import Decimal as D

RATES = {
    "package:blu": D("2.10"), "package:rosso": D("1.75"), "package:giallo": D("1.20"),
    "assistance:blu": D("40"), "assistance:rosso": D("35"), "assistance:giallo": D("30"),
    "option_rate:kasko_premium": D("2.40"), "option_rate:kasko_base": D("1.50"),
    "option_rate:collisione_premium": D("1.30"), "option_rate:collisione_base": D("0.85"),
    "option_rate:kasko_finanziaria": D("0.35"),
    "option:restart_10k": D("110"), "option:restart_20k": D("190"),
    "option:protezione_franchigia": D("55"), "option:fattura_rimborsata": D("25"),
    "option:protezione_pneumatici": D("48"),
    **{f"duration:{y}": D(f) for y, f in [(1, "1.00"), (2, "0.97"), (3, "0.95"), (4, "0.93"), (5, "0.91")]},
}  # fmt: skip
