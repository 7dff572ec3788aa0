"""The demo's fixed tables: groups, dealers, staff, names, streets, models, prices."""

from dataclasses import dataclass
from decimal import Decimal

from dealers.markets import MARKETS
from dealers.models import Role

DEMO_PASSWORD = "Demo-Dealer-2026"  # nosec B105 # the demo's password, published in README
SEED = 2026
HISTORY_REASON = "Demo data (load_demo)"
DAYS_OF_DEALS = 547  # 18 months back from today


@dataclass(frozen=True)
class DemoGroup:
    name: str
    market: str
    prefix: str  # username prefix of its group manager


@dataclass(frozen=True)
class DemoDealer:
    prefix: str  # username prefix of its staff
    group: str
    market: str
    make: str
    code: str
    name: str
    address: str
    city: str
    region: str
    postcode: str
    phone: str
    regulator_number: str
    company_number: str
    plate: str  # UK DVLA memory tag or AU state, for registrations
    areas: tuple[tuple[str, str, str], ...]  # (town, region, postcode) customers live in


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    where: str  # dealer, group or "Head office"
    name: str


GROUPS = (
    DemoGroup("Lexus UK Retail", "UK", "uk"),
    DemoGroup("smart UK Retail", "UK", "smart"),
    DemoGroup("Lexus Italia Concessionarie", "IT", "it"),
    DemoGroup("Lexus Australia Dealers", "AU", "au"),
)
LUK, SUK, LIT, LAU = (g.name for g in GROUPS)
# UK postcodes here are outward codes; customers get a random inward code.
DEALERS = (
    DemoDealer("uk", LUK, "UK", "Lexus", "lexus-manchester", "Lexus Manchester",
               "Trafford Way, Trafford Park", "Manchester", "Greater Manchester", "M17 8AS",
               "+44 161 496 0102", "612345", "04512873", "MA",
               (("Manchester", "Greater Manchester", "M20"), ("Stockport", "Cheshire", "SK4"),
                ("Altrincham", "Cheshire", "WA14"), ("Salford", "Greater Manchester", "M50"),
                ("Bolton", "Greater Manchester", "BL1"), ("Sale", "Cheshire", "M33"))),
    DemoDealer("uk2", LUK, "UK", "Lexus", "lexus-leeds", "Lexus Leeds",
               "Ring Road, Seacroft", "Leeds", "West Yorkshire", "LS14 1NH",
               "+44 113 496 0345", "623871", "05128844", "YA",
               (("Leeds", "West Yorkshire", "LS6"), ("Harrogate", "North Yorkshire", "HG1"),
                ("Wakefield", "West Yorkshire", "WF1"), ("Wetherby", "West Yorkshire", "LS22"),
                ("Bradford", "West Yorkshire", "BD9"), ("York", "North Yorkshire", "YO24"))),
    DemoDealer("uk3", LUK, "UK", "Lexus", "lexus-bristol", "Lexus Bristol",
               "Cribbs Causeway", "Bristol", "", "BS10 7TL",
               "+44 117 496 0781", "634502", "06340917", "WA",
               (("Bristol", "", "BS8"), ("Bath", "Somerset", "BA1"),
                ("Portishead", "Somerset", "BS20"), ("Thornbury", "Gloucestershire", "BS35"),
                ("Cheltenham", "Gloucestershire", "GL50"), ("Clevedon", "Somerset", "BS21"))),
    DemoDealer("smart", SUK, "UK", "smart", "smart-london-west", "smart Centre London West",
               "Great West Road", "Brentford", "Middlesex", "TW8 9DW",
               "+44 20 7946 0577", "945118", "13877260", "LA",
               (("London", "", "W4"), ("Brentford", "Middlesex", "TW8"), ("London", "", "W5"),
                ("Richmond", "Surrey", "TW9"), ("Kingston upon Thames", "Surrey", "KT1"),
                ("London", "", "SW6"))),
    DemoDealer("it", LIT, "IT", "Lexus", "lexus-roma", "Lexus Roma",
               "Via Cristoforo Colombo 950", "Roma", "RM", "00144",
               "+39 06 5195 1200", "E000412385", "08123450580", "",
               (("Roma", "RM", "00144"), ("Roma", "RM", "00197"), ("Roma", "RM", "00135"),
                ("Fiumicino", "RM", "00054"), ("Tivoli", "RM", "00019"),
                ("Frascati", "RM", "00044"), ("Latina", "LT", "04100"),
                ("Viterbo", "VT", "01100"))),
    DemoDealer("it2", LIT, "IT", "Lexus", "lexus-milano", "Lexus Milano",
               "Viale Certosa 280", "Milano", "MI", "20156",
               "+39 02 3800 4100", "E000398214", "07345210152", "",
               (("Milano", "MI", "20121"), ("Milano", "MI", "20145"), ("Monza", "MB", "20900"),
                ("Sesto San Giovanni", "MI", "20099"), ("Bergamo", "BG", "24121"),
                ("Como", "CO", "22100"), ("Varese", "VA", "21100"), ("Rho", "MI", "20017"))),
    DemoDealer("it3", LIT, "IT", "Lexus", "lexus-napoli", "Lexus Napoli",
               "Via Argine 310", "Napoli", "NA", "80147",
               "+39 081 559 3300", "E000455021", "09561230633", "",
               (("Napoli", "NA", "80121"), ("Napoli", "NA", "80129"), ("Pozzuoli", "NA", "80078"),
                ("Caserta", "CE", "81100"), ("Salerno", "SA", "84121"),
                ("Torre del Greco", "NA", "80059"), ("Avellino", "AV", "83100"))),
    DemoDealer("au", LAU, "AU", "Lexus", "lexus-sydney", "Lexus of Sydney",
               "20 O'Riordan Street", "Alexandria", "NSW", "2015",
               "+61 2 5550 1234", "1278654", "51 824 753 556", "NSW",
               (("Alexandria", "NSW", "2015"), ("Bondi", "NSW", "2026"),
                ("Chatswood", "NSW", "2067"), ("Parramatta", "NSW", "2150"),
                ("Manly", "NSW", "2095"), ("Newcastle", "NSW", "2300"))),
    DemoDealer("au2", LAU, "AU", "Lexus", "lexus-melbourne", "Lexus of Melbourne",
               "372 Burwood Road", "Hawthorn", "VIC", "3122",
               "+61 3 5550 4321", "1290433", "53 617 829 345", "VIC",
               (("Hawthorn", "VIC", "3122"), ("Toorak", "VIC", "3142"),
                ("Brighton", "VIC", "3186"), ("Geelong", "VIC", "3220"),
                ("Box Hill", "VIC", "3128"), ("Albury", "NSW", "2640"))),
    DemoDealer("au3", LAU, "AU", "Lexus", "lexus-brisbane", "Lexus of Brisbane",
               "1 Breakfast Creek Road", "Newstead", "QLD", "4006",
               "+61 7 5550 8800", "1301876", "19 305 918 642", "QLD",
               (("Newstead", "QLD", "4006"), ("Paddington", "QLD", "4064"),
                ("Indooroopilly", "QLD", "4068"), ("Southport", "QLD", "4215"),
                ("Noosa Heads", "QLD", "4567"), ("Tweed Heads", "NSW", "2485"))),
)  # fmt: skip
REGULATORS = {"UK": "FCA", "IT": "IVASS", "AU": "ASIC"}
DEALER_STAFF = {
    "en": (("sales", Role.SALES_EXECUTIVE), ("sales2", Role.SALES_EXECUTIVE),
           ("business", Role.BUSINESS_MANAGER), ("manager", Role.SALES_MANAGER),
           ("principal", Role.DEALER_PRINCIPAL)),
    "it": (("vendite", Role.SALES_EXECUTIVE), ("vendite2", Role.SALES_EXECUTIVE),
           ("business", Role.BUSINESS_MANAGER), ("direttore", Role.SALES_MANAGER),
           ("titolare", Role.DEALER_PRINCIPAL)),
}  # fmt: skip
GROUP_MANAGER_WORD = {"en": "group", "it": "gruppo"}
HEAD_OFFICE = (("ho.admin", "Helen", "Okafor", True), ("ho.analyst", "Tom", "Ashworth", False))

# First names by sex (needed for the title and the codice fiscale), then surnames.
FIRST_NAMES = {
    "M": {"UK": ("Oliver", "James", "Harry", "George", "Thomas", "Daniel", "Matthew", "Samuel",
                 "Richard", "Arjun"),
          "IT": ("Marco", "Luca", "Giuseppe", "Alessandro", "Francesco", "Andrea", "Matteo",
                 "Lorenzo", "Davide", "Stefano"),
          "AU": ("Jack", "Liam", "Noah", "William", "Lachlan", "Cooper", "Ethan", "Mitchell",
                 "Hamish", "Wei")},
    "F": {"UK": ("Amelia", "Olivia", "Emily", "Sophie", "Charlotte", "Jessica", "Hannah", "Lucy",
                 "Rachel", "Priya"),
          "IT": ("Giulia", "Francesca", "Chiara", "Sara", "Martina", "Valentina", "Alessia",
                 "Elena", "Federica", "Silvia"),
          "AU": ("Charlotte", "Isla", "Mia", "Olivia", "Chloe", "Zoe", "Sienna", "Ruby", "Emma",
                 "Mei")},
}  # fmt: skip
LAST_NAMES = {
    "UK": ("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
           "Robinson", "Wright", "Thompson", "Evans", "Walker", "Hughes", "Khan", "Clarke", "Hall",
           "Wood", "Harrison"),
    "IT": ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
           "Marino", "Greco", "Bruno", "Gallo", "Conti", "Mancini", "Costa", "Giordano", "Rizzo",
           "Lombardi", "Moretti", "Barbieri"),
    "AU": ("Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor", "Nguyen", "Johnson",
           "Martin", "White", "Anderson", "Walker", "Thompson", "Kelly", "Ryan", "Chen",
           "Campbell", "Murphy", "Singh", "Mitchell"),
}  # fmt: skip
COMPANIES = {  # "<word> <trade> <suffix>"; in Italy "<trade> <surname> <suffix>"
    "UK": (("Pennine", "Castlefield", "Ridgeway", "Albion", "Kestrel", "Severn", "Oakwood"),
           ("Dental", "Logistics", "Consulting", "Property", "Legal", "Engineering"), "Ltd"),
    "IT": (LAST_NAMES["IT"],
           ("Costruzioni", "Trasporti", "Immobiliare", "Studio Tecnico", "Consulenze", "Ottica"),
           "S.r.l."),
    "AU": (("Harbourside", "Bluegum", "Coastal", "Wattle", "Banksia", "Eastside", "Ironbark"),
           ("Dental", "Logistics", "Consulting", "Property", "Legal", "Physio"), "Pty Ltd"),
}  # fmt: skip
STREETS = {
    "UK": ("High Street", "Church Lane", "Station Road", "Park Avenue", "Victoria Road"),
    "IT": ("Via Roma", "Via Garibaldi", "Via Mazzini", "Corso Vittorio Emanuele II", "Via Dante"),
    "AU": ("George Street", "Pacific Highway", "Smith Street", "Beach Road", "Ocean Parade"),
}
TITLES = {"UK": {"M": ("Mr", "Dr"), "F": ("Mrs", "Ms", "Dr")}, "IT": {"M": ("Sig.", "Dott."),
          "F": ("Sig.ra", "Dott.ssa")}, "AU": {"M": ("Mr",), "F": ("Mrs", "Ms")}}  # fmt: skip
# Belfiore codes of towns of birth, for the codice fiscale.
BIRTH_TOWNS = ("H501", "F205", "F839", "L219", "A944", "D612", "A662", "G273", "D969")
IT_PROVINCE_OFFICE = {"RM": "058", "MI": "015", "NA": "063"}  # partita IVA office codes

# (model, UK list price in GBP, popularity weight); other markets scale the price.
MODELS = {
    "Lexus": (("LBX", 31000, 5), ("UX 300h", 38000, 6), ("NX 350h", 50000, 9),
              ("NX 450h+", 61000, 4), ("RX 350h", 70000, 4), ("RX 500h", 86000, 1),
              ("ES 300h", 45000, 4), ("RZ 450e", 66000, 2), ("LM 350h", 115000, 1)),
    "smart": (("#1", 36000, 6), ("#3", 38000, 4)),
}  # fmt: skip
TRIMS = {
    "Lexus": {"UK": ("Premium Pack", "F Sport", "Takumi"),
              "IT": ("Business", "Executive", "F Sport", "Luxury"),
              "AU": ("Luxury", "F Sport", "Sports Luxury")},
    "smart": {m: ("Pro+", "Premium", "BRABUS") for m in MARKETS},
}  # fmt: skip
PRICE_FACTOR = {"UK": Decimal("1.00"), "IT": Decimal("1.18"), "AU": Decimal("1.92")}
WMI = {"Lexus": ("JTH", "JTJ"), "smart": ("WME",)}
VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
VIN_YEARS = "ABCDEFGHJKLMNPRSTVWXY123456789"  # model-year codes from 2010
PLATE_LETTERS = "ABCDEFGHJKLMNPRSTVWXYZ"  # never I, O, Q or U on plates
LUXURY_IN_ITALY = ("RX", "LM")  # "brand di lusso" for the Furto e Danni deductibles
FINANCE_MIX = {  # share of each way to pay, per market
    "UK": {"cash": 25, "pcp": 45, "finance": 15, "lease": 15},
    "IT": {"cash": 35, "finance": 35, "pcp": 15, "lease": 15},
    "AU": {"cash": 35, "finance": 45, "lease": 20},
}
FINANCE_TERMS = {"pcp": (36, 48), "finance": (36, 48, 60), "lease": (24, 36, 48)}
BALLOON = {
    "cash": Decimal(0),
    "finance": Decimal(0),
    "pcp": Decimal("0.40"),
    "lease": Decimal("0.45"),
}
OTHER_LENDER = {"UK": "Close Brothers Motor Finance", "IT": "Santander Consumer Bank",
                "AU": "Macquarie Leasing"}  # fmt: skip
# Registrations peak with the UK plate change (March, September) and the Australian end of
# the financial year (June); Italy slows down in August.
SEASON = {"UK": {3: 2.0, 9: 2.0}, "IT": {8: 0.4}, "AU": {6: 1.6}}
