"""Motor at renewal: section 12 of the wording, the No Claim Discount after the period's
claims (one more year without a claim), read from claims."""

from typing import Any

from claims.selectors import claims_in_period, policies_with_claims
from policies.models import Policy
from policies.renewal_offer import claim_chain
from policies.rules.motor_uk import ClaimKind, NcdRequest, ncd_next_renewal

from .claim_history import claim_in_past_two_periods, ncd_kinds, previous_periods


def policies_claimed(policies: list[Policy]) -> set[int]:
    """Which of the policies, and the periods before them that their NCD reads, have
    claims: one query for a chunk of renewals."""
    return policies_with_claims(pk for p in policies for pk in claim_chain(p))


def ncd_at_renewal(
    policy: Policy, answers: dict[str, Any], claimed: set[int] | None
) -> dict[str, Any]:
    """Section 12: the NCD at renewal from the years held and the period's claims (with
    table B after a claim in the two periods before); and the fault claims of the past two
    years, which decide whether NCD protection can still be sold. `claimed`: the policies
    known to have claims (the renewal job asks once for a chunk), None to look."""
    held = int(answers.get("ncd_years") or 0)
    chain = claim_chain(policy)
    if not (policies_with_claims(chain) if claimed is None else claimed).intersection(chain):
        return {"ncd_years": held + 1, "fault_claims_past_two_years": 0}  # no claim: + 1
    protected = bool(answers.get("ncd_protected")) and held >= 2
    kinds = ncd_kinds(claims_in_period(policy))
    request = NcdRequest(held, protected, claim_in_past_two_periods(policy), kinds)
    last_two = kinds + tuple(k for p in previous_periods(policy, 1)
                             for k in ncd_kinds(claims_in_period(p)))  # fmt: skip
    return {
        "ncd_years": ncd_next_renewal(request).years_next_renewal,
        "fault_claims_past_two_years": sum(1 for k in last_two if k == ClaimKind.AT_FAULT),
    }
