"""The smart GAPs' answers: the GAP answers, priced on the term, the invoice price and
the vehicle's age and use; the finance agreement is asked and kept with the policy, but
the price does not depend on it (the quote API does not take it)."""

from dataclasses import replace

from catalog.gap_answers import GapAnswers


class SmartGapAnswers(GapAnswers):
    finance_agreement = replace(GapAnswers.finance_agreement, required=True, priced=False)
    finance_term_months = replace(GapAnswers.finance_term_months, priced=False)
