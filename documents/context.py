"""What a document shows, worked out before the template lays it out: the parties, the
vehicle, the premium as itemised at the sale, the instalments, and each kind's own part
(the schedule, the cancellation, the renewal offer); a product adds its own parts (the
motor certificate's drivers, its Statement of Fact) through its ProductContent.parts."""

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dealers.models import Dealer, Vehicle
from policies.models import Policy
from policies.renewal_offer import renewal_offer
from policies.selectors import renewal_params

from . import content
from .content import DocumentFacts, content_of
from .models import DocumentKind

INSTALMENTS_PER_ROW = 4  # a year of monthly instalments in three rows, five years in fifteen

# (regulator line, company line) of the dealer as intermediary, by market. Italy's are
# Italian: its dealers and their documents are Italian only.
INTERMEDIARY_LINES = {
    "UK": (gettext_lazy("Authorised and regulated by the %(regulator)s, firm reference "
                        "%(number)s"), gettext_lazy("Company number %(company)s")),
    "IT": ("Iscritto al Registro Unico degli Intermediari (%(regulator)s) n. %(number)s",
           "P. IVA %(company)s"),
    "AU": (gettext_lazy("Authorised representative (%(regulator)s) no. %(number)s"),
           gettext_lazy("ABN %(company)s")),
}  # fmt: skip


def document_context(policy: Policy, kind: str) -> dict[str, Any]:
    facts = DocumentFacts(policy)
    dealer = policy.dealer
    context = {
        "policy": policy, "kind": kind, "title": title(policy, kind),
        "product": policy.product, "dealer": dealer, "customer": policy.customer,
        "vehicle": policy.vehicle, "currency": policy.currency,
        "language": translation.get_language() or "en-gb",
        "issued_on": timezone.localdate(), "text": content.product_text(policy),
        "intermediary": intermediary(dealer),
        "brand": policy.product.brand, "vehicle_identity": vehicle_identity(policy.vehicle),
    }  # fmt: skip
    context.update(KIND_PARTS.get(kind, _nothing)(policy, facts))
    product_part = content_of(policy.product.code).parts.get(kind)
    if product_part:
        context.update(product_part(facts))
    return context


def title(policy: Policy, kind: str) -> str:
    own = content_of(policy.product.code).titles.get(kind)  # a template of its own
    return str(own or DocumentKind(kind).label)


def intermediary(dealer: Dealer) -> list[str]:
    regulator, company = INTERMEDIARY_LINES[dealer.market]
    lines = [dealer.name, address(dealer)]
    lines += [x for x in (dealer.phone, dealer.email) if x]
    if dealer.regulator_number:
        lines.append(str(regulator) % {"regulator": dealer.regulator_name or "",
                                       "number": dealer.regulator_number})  # fmt: skip
    if dealer.company_number:
        lines.append(str(company) % {"company": dealer.company_number})
    return lines


def address(who) -> str:
    parts = (who.address_line1, who.address_line2, who.city, who.region, who.postcode)
    return ", ".join(p for p in parts if p)


def premium(breakdown: dict[str, Any]) -> dict[str, Any]:
    """The breakdown as the sale kept it, with Decimals for the money filter."""

    def d(value: Any) -> Decimal:
        return Decimal(str(value))

    return {
        "components": [(c["label"], d(c["amount"])) for c in breakdown.get("components", [])],
        "net": d(breakdown.get("net_premium", 0)),
        "taxes": [(t["label"], d(t["rate"]), d(t["amount"])) for t in breakdown.get("taxes", [])],
        "fees": [(f["label"], d(f["amount"])) for f in breakdown.get("fees", [])],
        "total": d(breakdown.get("total", 0)),
        "discount": d(breakdown.get("discount") or 0),
    }  # fmt: skip


def instalment_groups(amounts) -> list[tuple[int, Decimal]]:
    """(count, amount) for each run of equal instalments: 1 × £43.19 then 11 × £43.14."""
    groups: list[tuple[int, Decimal]] = []
    for amount in amounts:
        if groups and groups[-1][1] == amount:
            groups[-1] = (groups[-1][0] + 1, amount)
        else:
            groups.append((1, amount))
    return groups


def instalment_rows(instalments: list, per_row: int = INSTALMENTS_PER_ROW) -> list[list]:
    return [instalments[i : i + per_row] for i in range(0, len(instalments), per_row)]


def vehicle_identity(v: Vehicle) -> str:
    """The vehicle as a document names it: by its registration mark and, for a new car not
    yet registered, by make, model and VIN, which identify it until it has a mark."""
    car = " ".join(x for x in (v.make, v.model, v.derivative) if x)
    if v.registration:
        return _("%(registration)s (%(car)s, VIN %(vin)s)") % {
            "registration": v.registration, "car": car, "vin": v.vin}  # fmt: skip
    return _("Not yet registered: %(car)s, VIN %(vin)s") % {"car": car, "vin": v.vin}


def vehicle_rows(policy: Policy, facts: DocumentFacts) -> list[tuple[str, str]]:
    v: Vehicle = policy.vehicle
    rows = [
        (_("Vehicle"), " ".join(x for x in (v.make, v.model, v.derivative) if x)),
        (_("Registration"), v.registration or _("Not yet registered")),
        (_("VIN"), v.vin),
    ]
    if v.first_registration_date:
        rows.append((_("First registered"), v.first_registration_date.strftime("%d/%m/%Y")))
    product = content_of(policy.product.code)
    rows += product.vehicle_rows(facts)
    value = product.value  # None: not shown
    if value:
        rows.append((str(value[1]), facts.money(facts.answer(value[0], v.invoice_price))))
    return rows


def _schedule(policy: Policy, facts: DocumentFacts) -> dict[str, Any]:
    instalments = list(policy.instalments.all())
    return {
        "vehicle_rows": vehicle_rows(policy, facts),
        "sections": content.cover_sections(policy),
        "excesses": content.excess_sections(policy),
        "premium": premium(policy.breakdown),
        "instalments": instalments,
        "instalment_rows": instalment_rows(instalments),
    }


def _nothing(policy: Policy, facts: DocumentFacts) -> dict[str, Any]:
    return {}


def _cancellation(policy: Policy, facts: DocumentFacts) -> dict[str, Any]:
    product = content_of(policy.product.code)
    due = [i for i in policy.instalments.all()
           if policy.cancelled_on and i.due_date > policy.cancelled_on]  # fmt: skip
    return {
        "reason": policy.cancellation_reason,
        "extras": [product.extra_labels.get(c, c) for c in policy.cancelled_extras],
        "key_protect_ends": product.key_protect,
        "still_due": due,
        "still_due_total": sum((i.amount for i in due), Decimal(0)),
    }


def _renewal(policy: Policy, facts: DocumentFacts) -> dict[str, Any]:
    offer = renewal_offer(policy)
    auto_renewal = content_of(policy.product.code).auto_renewal
    params = renewal_params(policy.product)  # the daily job's own figures
    payment_on = offer.starts - timedelta(days=params.payment_days)
    return {
        "offer": offer,
        "premium": premium(offer.breakdown),
        "choices": [
            {"plan": c.plan, "total": c.total, "parts": instalment_groups(c.instalments)}
            for c in offer.choices
        ],
        "ncd_years": offer.answers.get("ncd_years") if auto_renewal else None,
        "auto_renewal": auto_renewal,
        "payment_on": payment_on if auto_renewal else None,
        "preferences_days": params.preference_cutoff_days,
    }


KIND_PARTS: dict[str, Callable[[Policy, DocumentFacts], dict[str, Any]]] = {
    DocumentKind.SCHEDULE: _schedule,
    DocumentKind.CANCELLATION: _cancellation,
    DocumentKind.RENEWAL_INVITATION: _renewal,
}
