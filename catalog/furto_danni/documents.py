"""Polizza Furto e Danni, Italy (PRODUCTS.md §4, seed 001). Italian only: the product is
sold only in Italy, so its wording is written in Italian, as the brochure has it.

Limits and deductibles come from the rules' FurtoDanniParams (with head office's readings),
so that the schedule shows what a claim will be settled with."""

from decimal import Decimal
from typing import Any

from documents.content.common import DocumentFacts, ProductText, Section, percent
from policies.rules.furto_danni.eligibility import (
    OPTION_NAMES,
    PACKAGE_NAMES,
    SaleFacts,
    insured_value,
    vehicle_condition,
)
from policies.rules.furto_danni.params import (
    Condition,
    Deductible,
    DeductibleColumn,
    DeductibleRow,
    FurtoDanniParams,
    IncludedCover,
    Option,
    Package,
    Scoperto,
)

ARRANGED_BY = (
    "Lexus Insurance Services è un marchio di Toyota Insurance Management SE, società di "
    "intermediazione assicurativa, sede secondaria in Italia in Via Kiiciro Toyoda 2, "
    "00148 Roma, iscritta nell'Elenco annesso al R.U.I. tenuto dall'IVASS al n. "
    "UE00010813."
)
# Seed 001's customer service line and email: product settings head office edits.
CONTACTS = (
    ("Assistenza clienti (lun-ven 9:00-20:00, sab 9:00-18:00)", "enquiries_phone"),
    ("Email", "enquiries_email"),
)


def text(facts: DocumentFacts) -> ProductText:
    return ProductText(
        arranged_by=ARRANGED_BY,
        contacts=tuple((what, facts.line(key)) for what, key in CONTACTS),
        cancellation=(
            "In caso di recesso rimborsiamo il premio per i giorni di copertura non goduti, "
            "al netto degli eventuali costi, se non è stato denunciato alcun sinistro."
        ),
    )


TITLES = {"schedule": "Scheda di polizza"}  # the kinds with a template of their own
SET_INFORMATIVO = (
    "Le garanzie sono prestate alle condizioni del Set Informativo Furto e Danni, che il "
    "cliente ha ricevuto prima della sottoscrizione. Sono previste esclusioni, franchigie, "
    "scoperti e limiti di indennizzo."
)

COVER_NAMES = {
    IncludedCover.INCENDIO_FURTO: "Incendio e Furto",
    IncludedCover.ATTI_VANDALICI: "Atti vandalici",
    IncludedCover.CRISTALLI: "Cristalli",
    IncludedCover.CALAMITA_NATURALI: "Calamità naturali",
    IncludedCover.GARANZIE_SPECIALI: "Garanzie speciali",
    IncludedCover.MOBILITA: "Mobilità",
    IncludedCover.SOCCORSO_STRADALE: "Soccorso stradale",
    IncludedCover.AUTO_SOSTITUTIVA: "Auto sostitutiva",
}


def _included(facts: DocumentFacts, p: FurtoDanniParams) -> dict[IncludedCover, str]:
    m, lim = facts.limit, p.limits
    return {
        IncludedCover.INCENDIO_FURTO: (
            "Incendio, fulmine, esplosione e scoppio; furto e rapina tentati o consumati, "
            "compresi i danni al veicolo durante la circolazione dopo il furto o la rapina "
            "e il tentato furto dei bagagli."),
        IncludedCover.ATTI_VANDALICI: (
            "Atti vandalici e dolosi di ignoti diretti al veicolo, esclusi i danni da "
            "circolazione."),
        IncludedCover.CRISTALLI: (
            f"Rottura accidentale dei cristalli dell'abitacolo, esclusi gli specchietti. "
            f"Massimale {m(p.partial_caps.get('cristalli', Decimal('2500')))}; franchigia "
            f"{m(p.glass_replacement_franchigia)} solo in caso di sostituzione."),
        IncludedCover.CALAMITA_NATURALI: (
            f"Alluvioni, mareggiate, frane, grandine, trombe d'aria, uragani e venti di "
            f"portata eccezionale. Versione Base: massimale "
            f"{m(p.partial_caps.get('calamita_naturali_base', Decimal('2000')))}, stessi "
            f"scoperti della versione Premium."),
        IncludedCover.GARANZIE_SPECIALI: (
            f"Rimborso spese: autorimessaggio e trasporto {m(lim.special_garage_transport)}; "
            f"salvataggio e ricovero {m(lim.special_salvage)}; chiavi sottratte o smarrite "
            f"{m(lim.special_keys)}; trasporto vittime della strada "
            f"{m(lim.special_road_victims)}. Con furto o incendio totale: immatricolazione "
            f"{m(lim.special_re_registration)}, tassa di proprietà pro rata, documenti "
            f"{m(lim.special_documents)}. Massimo {m(lim.special_per_claim)} per sinistro."),
        IncludedCover.MOBILITA: (
            f"Con le Garanzie speciali, se non si può guidare per più di "
            f"{lim.mobility_min_days_unable} giorni (escluso il furto): fino a "
            f"{m(lim.mobility_max)}; noleggio con autista fino a "
            f"{m(lim.mobility_hire_per_day)} al giorno; pernottamento e vitto fino a "
            f"{m(lim.mobility_lodging)}."),
        IncludedCover.SOCCORSO_STRADALE: (
            "Traino fino al punto Lexus più vicino dopo incidente, incendio, furto parziale "
            "o ritrovamento dopo furto, atti vandalici ed eventi atmosferici."),
        IncludedCover.AUTO_SOSTITUTIVA: (
            f"Danno parziale in rete: fino a {lim.courtesy_car_partial_days} giorni "
            f"consecutivi; danno totale: fino a {lim.courtesy_car_total_days} giorni "
            f"consecutivi. Chilometraggio illimitato."),
    }  # fmt: skip


def _optional(facts: DocumentFacts, p: FurtoDanniParams) -> dict[Option, str]:
    m, lim = facts.limit, p.limits
    kasko = ("Danni al veicolo da urto, collisione con altri veicoli, identificati o meno, "
             "uscita di strada e ribaltamento, a prescindere dalla responsabilità; "
             "collisione con animali selvatici inclusa.")  # fmt: skip
    collisione = ("Danni da collisione con altri veicoli identificati durante la "
                  "circolazione; collisione con animali selvatici inclusa.")  # fmt: skip
    base = (f" Danno parziale: massimale {m(lim.base_partial_per_year)} per anno "
            f"({m(p.partial_caps.get('kasko_base', Decimal('2000')))} per sinistro).")  # fmt: skip
    restart = ("Dopo un danno totale da incendio, furto o rapina, la differenza tra il prezzo "
               "di fattura e l'indennizzo Incendio e Furto, fino a {limit}.")  # fmt: skip
    return {
        Option.RESTART_10K: restart.format(limit=m(lim.restart[Option.RESTART_10K])),
        Option.RESTART_20K: restart.format(limit=m(lim.restart[Option.RESTART_20K])),
        Option.KASKO_PREMIUM: kasko,
        Option.KASKO_BASE: kasko + base,
        Option.COLLISIONE_PREMIUM: collisione,
        Option.COLLISIONE_BASE: collisione + base,
        Option.KASKO_FINANZIARIA: (
            "In caso di danno totale Kasko, il debito residuo verso Lexus Financial Services "
            "alla data del sinistro."),
        Option.PROTEZIONE_FRANCHIGIA: (
            f"Rimborsa lo scoperto o la franchigia del danno parziale riparato in rete, se il "
            f"danno la supera: fino a {m(lim.protezione_franchigia_per_year)} per anno "
            f"assicurativo."),
        Option.FATTURA_RIMBORSATA: (
            f"Con furto o rapina totale, le fatture dei centri Lexus dei 12 mesi precedenti, "
            f"fino a {m(lim.fattura_rimborsata_max)}."),
        Option.PROTEZIONE_PNEUMATICI: (
            f"Riparazione o sostituzione per foratura accidentale: {lim.tyres_per_year} "
            f"pneumatico per anno, fino a {m(lim.tyre_max)} per sinistro e anno."),
    }  # fmt: skip


def package(facts: DocumentFacts) -> Package:
    return Package(facts.answer("package", "blu"))


def options(facts: DocumentFacts) -> list[Option]:
    return [Option(o) for o in facts.answer("options", [])]


def cover_sections(facts: DocumentFacts) -> list[Section]:
    p = facts.params(FurtoDanniParams)
    pkg = package(facts)
    held = p.package_covers[pkg]
    texts = _included(facts, p)
    included = tuple((COVER_NAMES[c], texts[c] if c in held else "Non inclusa")
                     for c in IncludedCover)  # fmt: skip
    chosen = options(facts)
    optional = _optional(facts, p)
    rows = tuple((OPTION_NAMES[o], optional[o]) for o in chosen) or (("Nessuna", ""),)
    return [
        Section(f"Garanzie incluse: pacchetto {PACKAGE_NAMES[pkg]}", included,
                head=("Garanzia", "Cosa copre e limiti")),
        Section("Garanzie opzionali", rows, head=("Garanzia", "Cosa copre e limiti")),
    ]  # fmt: skip


def _deductible(rule: Deductible, facts: DocumentFacts) -> str:
    if isinstance(rule, Scoperto):
        return f"scoperto {percent(rule.pct)}, minimo {facts.limit(rule.minimum)}"
    return f"franchigia {facts.limit(rule.amount)}"


def excess_sections(facts: DocumentFacts) -> list[Section]:
    p = facts.params(FurtoDanniParams)
    vehicle = facts.policy.vehicle
    luxury = vehicle.luxury_brand
    columns = ((DeductibleColumn.LUSSO_IN_RETE, DeductibleColumn.LUSSO_FUORI_RETE) if luxury
               else (DeductibleColumn.IN_RETE, DeductibleColumn.FUORI_RETE))  # fmt: skip
    chosen = set(options(facts))
    held = p.package_covers[package(facts)]
    vandalism = ", Atti vandalici" if IncludedCover.ATTI_VANDALICI in held else ""
    named = [("Furto, Incendio" + vandalism, DeductibleRow.FURTO_INCENDIO_ATTI_VANDALICI)]
    if IncludedCover.CALAMITA_NATURALI in held:
        named.append(("Calamità naturali", DeductibleRow.CALAMITA_NATURALI))
    commercial = vehicle.commercial_use or vehicle.finance_type == "lease"
    if chosen & {Option.KASKO_PREMIUM, Option.COLLISIONE_PREMIUM}:
        row = DeductibleRow.KASKO_COLLISIONE_PREMIUM
        named.append(("Kasko/Collisione Premium",
                      p.commercial_rows.get(row, row) if commercial else row))  # fmt: skip
    if chosen & {Option.KASKO_BASE, Option.COLLISIONE_BASE}:
        named.append(("Kasko/Collisione Base", DeductibleRow.KASKO_COLLISIONE_BASE))
    rows = [(name, *(_cell(p, row, col, facts) for col in columns)) for name, row in named]
    glass = f"franchigia {facts.limit(p.glass_replacement_franchigia)} (solo sostituzione)"
    rows.append(("Cristalli", glass, glass))
    note = "Valori per veicolo di brand di lusso." if luxury else ""
    partial = Section("Scoperti e franchigie: danno parziale", tuple(rows),
                      head=("Garanzia", "In rete Lexus", "Fuori rete"), note=note,
                      widths=(34, 33, 33))  # fmt: skip
    return [partial, _total_loss(facts, p), _depreciation(facts, p)]


def _cell(
    p: FurtoDanniParams, row: DeductibleRow, column: DeductibleColumn, facts: DocumentFacts
) -> str:
    cells = p.partial_deductibles[row]
    fallback = DeductibleColumn.IN_RETE if "in_rete" in column else DeductibleColumn.FUORI_RETE
    return _deductible(cells.get(column) or cells[fallback], facts)


def province(facts: DocumentFacts) -> str:
    return str(facts.answer("province") or facts.policy.customer.region or "").upper()


def _total_loss(facts: DocumentFacts, p: FurtoDanniParams) -> Section:
    where = province(facts)
    rule = p.province_total_loss.get(where, p.total_loss)

    def pct(x: Decimal) -> str:
        return "nessuna franchigia" if not x else f"scoperto {percent(x)}"

    note = f"Scoperti della provincia di {where}." if where in p.province_total_loss else ""
    rows = (("Con rimpiazzo del veicolo", pct(rule.with_replacement)),
            ("Senza rimpiazzo", pct(rule.without_replacement)))  # fmt: skip
    return Section("Danno totale (pari o superiore al "
                   f"{percent(p.total_loss_threshold)} del valore assicurato)", rows,
                   note=note)  # fmt: skip


def condition(facts: DocumentFacts, p: FurtoDanniParams) -> Condition:
    first = facts.day("first_registration") or facts.policy.start_date
    return vehicle_condition(first, facts.day("sale_date") or facts.policy.start_date, p)


def _depreciation(facts: DocumentFacts, p: FurtoDanniParams) -> Section:
    cond = condition(facts, p)
    years = int(facts.answer("duration_years", 1))
    table = p.depreciation[cond]
    rows = tuple((f"{y}° anno", percent(table[y])) for y in range(1, years + 1) if y in table)
    kind = "veicolo nuovo" if cond == Condition.NEW else "veicolo usato"
    return Section(f"Deprezzamento in caso di danno totale ({kind})", rows,
                   head=("Anno di polizza", "Valore indennizzato"))  # fmt: skip


def insured(facts: DocumentFacts) -> Decimal | None:
    """The insured value the policy was priced on (the invoice; capped for used cars)."""
    p = facts.params(FurtoDanniParams)
    sale = SaleFacts(
        package=package(facts), options=tuple(options(facts)),
        vehicle_type=facts.answer("vehicle_type", "autovettura"),
        first_registration=facts.day("first_registration") or facts.policy.start_date,
        sale_date=facts.day("sale_date") or facts.policy.start_date,
        invoice_price=facts.decimal("invoice_price") or Decimal(0),
        duration_years=int(facts.answer("duration_years", 1)),
        market_value=facts.decimal("market_value"),
    )  # fmt: skip
    try:
        return insured_value(sale, condition(facts, p), p)
    except ValueError:
        return facts.decimal("invoice_price")


def vehicle_rows(facts: DocumentFacts) -> tuple[tuple[str, str], ...]:
    p = facts.params(FurtoDanniParams)
    return (
        ("Prezzo di fattura", facts.money(facts.answer("invoice_price"))),
        ("Valore assicurato", facts.money(insured(facts))),
        ("Condizione", "nuovo" if condition(facts, p) == Condition.NEW else "usato"),
        ("Provincia", province(facts) or "—"),
    )


def schedule(facts: DocumentFacts) -> dict[str, Any]:
    """The Italian schedule's own rows and references (its template, furto-danni/)."""
    return {"furto_vehicle_rows": vehicle_rows(facts), "set_informativo": SET_INFORMATIVO}
