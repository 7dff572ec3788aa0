"""Lexus Motor Insurance's Important Information document (PRODUCTS.md §3, seed 002).

The wording makes it part of the policy and sends the customer to it for "the level of
any charge" for changes, for "our administration fee which is charged at cancellation",
and says the premium "does not include any charges levied by us in our Important
Information Document". The seed does not reproduce the document itself: this one says
what the wording says of those matters (fees, cancellation, claims, complaints, the
Financial Ombudsman Service and the FSCS), nothing more. Fees are head office's fee data
(policies.Fee), numbers and addresses product settings, limits the rules' parameters."""

from django.utils import timezone
from django.utils.translation import gettext as _

from documents.content.common import DocumentFacts, Section
from policies.rules.motor_key_protect import KeyProtectParams
from policies.selectors import fees_in_force

CANCELLATION_FEE = "cancellation"
CHANGE_FEE = "change"


def sections(facts: DocumentFacts) -> list[Section]:
    return [_fees(facts), _cancellation(facts), _claims(facts), *_complaints(facts)]


def _fees(facts: DocumentFacts) -> Section:
    """Every fee head office has in force for the product; the wording's fee for changes
    is listed as none until head office sets one (no change is charged a fee today)."""
    fees = fees_in_force(facts.policy.product, timezone.localdate())
    when = {
        CANCELLATION_FEE: _("When the policy is cancelled, by you or by us, and no claim was "
                            "made in the period (section 14.6)"),
        CHANGE_FEE: _("For certain changes to your policy, in addition to any premium"),
    }  # fmt: skip
    rows = [(fee.label, facts.money(fee.amount), str(when.get(fee.code, ""))) for fee in fees]
    if CHANGE_FEE not in {fee.code for fee in fees}:
        rows.append((_("Changes to your policy"), _("None"),
                     _("Any additional or returned premium is shown to you before the change "
                       "is made")))  # fmt: skip
    note = _("These charges are not part of your premium, the amount shown on your Schedule.")
    return Section(_("Our fees and charges"), tuple(rows),
                   head=(_("Charge"), _("Amount"), _("When")), widths=(30, 16, 54),
                   note=note)  # fmt: skip


def _fee(facts: DocumentFacts, code: str) -> str:
    fees = {fee.code: fee for fee in fees_in_force(facts.policy.product, timezone.localdate())}
    return facts.money(fees[code].amount if code in fees else 0)


def _cancellation(facts: DocumentFacts) -> Section:
    changes = facts.settings.get("max_car_changes", 3)
    rows = (
        (_("You can cancel"),
         _("At any time, including in the 14 day cooling off period. Cancellation can take "
           "effect immediately or from a later date; it cannot be backdated.")),
        (_("No claim in the current period"),
         _("We refund the premium paid less a charge on a proportionate basis for the period "
           "of cover you have had and our administration fee charged at cancellation, "
           "%(fee)s.") % {"fee": _fee(facts, CANCELLATION_FEE)}),
        (_("A claim in the current period"),
         _("The full annual premium is due and no premium is refunded.")),
        (_("Optional extras and Key Protect"),
         _("Cancelling the car insurance policy cancels every optional extra and Key Protect "
           "with it. Key Protect is included as standard at no additional premium: no refund "
           "applies to it.")),
        (_("We can cancel"),
         _("From the start date if the premium is not paid; or by writing to you at your last "
           "known address 7 days in advance on serious grounds, such as documents we asked "
           "for not provided, more than %(n)s changes of car in a period of cover, use other "
           "than the Certificate of Motor Insurance allows, fraud or misrepresentation, or "
           "threatening or abusive behaviour.") % {"n": changes}),
        (_("Paying by monthly instalments"),
         _("The Direct Debit and the credit agreement are provided by Premium Credit Limited. "
           "You may cancel the credit agreement within 14 days of Premium Credit Limited "
           "receiving it signed; cancelling it does not cancel your policy.")),
    )  # fmt: skip
    return Section(_("Cancelling your policy"), rows)


def _claims(facts: DocumentFacts) -> Section:
    k = facts.params(KeyProtectParams)
    line = facts.line
    rows = (
        (_("An accident, fire or theft"),
         _("Call us on %(phone)s, 24 hours a day, 365 days a year, as soon as possible and no "
           "later than 24 hours after discovering the incident. Wherever possible, speak to "
           "us before you arrange any replacement or repair.") % {"phone": line("claims_phone")}),
        (_("Theft"),
         _("Tell the police and obtain a crime reference number, then call us on %(phone)s "
           "within 24 hours of discovering the theft.") % {"phone": line("claims_phone")}),
        (_("Windscreen or windows"),
         _("Call %(phone)s before any work is carried out.")
         % {"phone": line("windscreen_claims_phone")}),
        (_("Key Protect"),
         _("Claim at %(website)s or call %(phone)s, within %(days)s days of discovering the "
           "loss; a theft or loss must be reported to the police within %(hours)s hours.")
         % {"website": line("key_protect_claims_website"),
            "phone": line("key_protect_claims_phone"), "days": k.report_within_days,
            "hours": k.police_within_hours}),
        (_("Insurance fraud"),
         _("We are members of the Insurance Fraud Bureau. If you suspect insurance fraud, "
           "report it on its confidential cheat line, %(phone)s.")
         % {"phone": line("fraud_cheat_line")}),
    )  # fmt: skip
    return Section(_("How to make a claim"), rows)


def _complaints(facts: DocumentFacts) -> list[Section]:
    """Whom to complain to, each address, email and number on a row of its own (an email
    wrapped over two lines is one a customer cannot copy)."""
    line = facts.line

    def reach(prefix: str, phone: str) -> tuple[tuple[str, str], ...]:
        return ((_("Address"), line(f"{prefix}_address")), (_("Email"), line(f"{prefix}_email")),
                (_("Telephone"), line(phone)))  # fmt: skip

    quote = _("Please quote your policy number, %(number)s, and explain the nature of your "
              "complaint: we will write to you with our final decision.")  # fmt: skip
    ours = ((_("About your policy"), quote % {"number": facts.policy.number}),
            *reach("complaints", "complaints_phone"))  # fmt: skip
    keys = ((_("About a Key Protect claim"),
             _("Davies Group handles Key Protect claims and responds within four weeks of "
               "receiving a complaint.")),
            *reach("key_protect_complaints", "key_protect_claims_phone"))  # fmt: skip
    ombudsman = ((_("When"),
                  _("If you are not satisfied with our final decision, or have not received it "
                    "within eight weeks. You must approach it within 6 months of our final "
                    "response.")),
                 (_("Website"), line("ombudsman_website")),
                 *reach("ombudsman", "ombudsman_phone"))  # fmt: skip
    scheme = ((_("Compensation"),
               _("Each insurer is covered by the FSCS. If we cannot meet our liabilities you may "
                 "be entitled to compensation under the scheme.")),
              (_("Website"), line("compensation_scheme_website")))  # fmt: skip
    return [Section(_("If we do not provide the expected service"), (*ours, *keys)),
            Section(_("Financial Ombudsman Service"), ombudsman),
            Section(_("Financial Services Compensation Scheme"), scheme)]  # fmt: skip
