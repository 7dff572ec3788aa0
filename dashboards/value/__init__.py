"""The value measures (issue 21): the FCA's general insurance value measures (SUP 16.27,
SUP 16 Annex 48BG) per product, dealer and month, head office's thresholds on them, the
daily report of breaches and the fair value pack."""
