"""Lexus Motor Insurance's rating area (A to F, `area` in its answers) from the
customer's postcode, for an address changed by the customer (issue 20).

Which postcodes fall in which area is head office's data: the product setting
`postcode_rating_areas`, keyed by a postcode's outward code ("SW1A", "M14"), the district
a lettered one belongs to ("SW1") or its area ("SW", "M"), the most precise match
winning. POSTCODE_RATING_AREAS is the starting table: every postcode area of Great
Britain and Northern Ireland, ILLUSTRATIVE (seed 002 prices by area but gives no table):
A rural, F inner London. The Channel Islands and the Isle of Man (GY, JE, IM) are outside
the UK's motor market: not rated."""

import re
from collections.abc import Mapping

AREA_OF = {
    "A": "AB CA DD DG HR HS IV KW LA LD LL PH SY TD TR ZE",
    "B": "CB CO DH DL DT EX FK GL HG IP KA KY LN ML NR PA PE PL SN SP TA TF TQ WR YO",
    "C": "AL BA BH BN BS BT CF CH CM CT CW DA DE DN DY EH FY GU HD HP HU HX LE LU ME MK "
    "NE NG NN NP OX PO PR RG RH SA SG SK SL SO SR SS ST TN TS WA WD WF WN",
    "D": "BB BD BL CV LS OL S WS WV",
    "E": "B BR CR EN G HA IG KT L M RM SM TW UB",
    "F": "E EC N NW SE SW W WC",
}
POSTCODE_RATING_AREAS = {code: area for area, codes in AREA_OF.items() for code in codes.split()}

_OUTWARD = re.compile(r"^([A-Z]{1,2})([0-9][0-9A-Z]?)$")


def rating_area(postcode: str, areas: Mapping[str, str]) -> str | None:
    """The rating area of `postcode` in `areas` (None: not covered), matching its
    outward code, then its district, then its area."""
    outward = postcode.replace(" ", "").upper()[:-3]  # the inward code: the last three
    match = _OUTWARD.match(outward)
    if not match:
        return None
    letters = match.group(1)
    district = outward[:-1] if outward[-1].isalpha() else outward  # SW1A: in SW1
    for key in (outward, district, letters):
        if key in areas:
            return areas[key]
    return None
