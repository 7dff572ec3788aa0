"""Asset Protector's answers: the GAP answers, priced on the term, the invoice price and
(for months 37 to 48) the finance agreement."""

from dataclasses import replace

from catalog.gap_answers import GapAnswers


class AssetProtectorAnswers(GapAnswers):
    # The price does not depend on them: the menu does not ask them but takes them from
    # the deal; the API takes them when sent.
    first_registration = replace(GapAnswers.first_registration, hidden=True)
    hire_and_reward = replace(GapAnswers.hire_and_reward, hidden=True)
