"""Lexus SMART Cover, UK (seed 000): what its documents say, the covers with the limits the
claim rules apply (SmartCoverParams) and the right to cancel with head office's fee."""

from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.uk_wording import AUTOPROTECT
from documents.content.common import DocumentFacts, ProductText, Section, number
from policies.rules.smart_cover import SmartCoverParams
from policies.selectors import NotConfigured, fee_in_force


def smart_cover_text(facts: DocumentFacts) -> ProductText:
    params = facts.params(SmartCoverParams)
    try:
        on = timezone.localdate()
        fee = facts.money(fee_in_force(facts.policy.product, "cancellation", on).amount)
    except NotConfigured:
        fee = facts.money(0)
    return ProductText(
        arranged_by=str(AUTOPROTECT),
        contacts=(
            (
                _("To claim (within %(days)s days)") % {"days": params.report_within_days},
                facts.line("claims_phone"),
            ),
        ),  # fmt: skip
        cancellation=_(
            "You can cancel within the first %(days)s days and receive a full refund, provided "
            "no claim has been made. After %(days)s days you receive a pro-rata refund less an "
            "administration fee of %(fee)s, provided no claim has been made."
        )
        % {"days": params.cooling_off_days, "fee": fee},
    )


def smart_cover_covers(facts: DocumentFacts) -> list[Section]:
    p = facts.params(SmartCoverParams)
    mm = _("%(width)s mm across and %(depth)s mm deep")
    rows = (
        (_("Scratches, scuffs and dents"),
         _("Up to %(size)s, including the front and rear valances.")
         % {"size": mm % {"width": number(p.max_diameter_mm), "depth": number(p.max_depth_mm)}}),
        (_("Stone chips"), _("Up to %(size)s.")
         % {"size": mm % {"width": number(p.chip_max_diameter_mm),
                          "depth": number(p.chip_max_depth_mm, 1)}}),
        (_("Larger damage"), _("Not covered.")),
        (_("Repairs"), _("By a SMART repair technician, at your home or place of work, with "
                         "exact paint matches.")),
        (_("Reporting damage"), _("Within %(days)s days of becoming aware of it.")
         % {"days": p.report_within_days}),
        (_("Delivery"), _("Bought when the vehicle was ordered, before delivery on %(date)s.")
         % {"date": _date(facts.day("delivery_date"))}),
    )  # fmt: skip
    return [Section(_("What is covered"), rows)]


def _date(day) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"
