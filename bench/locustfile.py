"""Staff at the point of sale, for the load run (bench/load_bench.py, `make bench-load`).

Each simulated user logs in as a member of staff of its own (BENCH_LOAD_STAFF, a JSON file
the bench writes: one login each, never shared) through the login page, as a browser
would: the CSRF token from the form, the session cookie, the static files the page links
to. Then, with a pause between actions, it mostly browses (home, customers and their
search, deals, policies) and now and then:

- quotes through the JSON API with its own token (POST /api/v1/quotes and a calculation),
  as the dealer's system would while staff talk to the customer;
- sells: a new customer (the customer form), a deal for them (the vehicle and deal
  forms), the deal's insurance menu, the demands and needs recorded, the menu re-priced
  (every column at once, the HTMX fragments), the product chosen, the disclosure
  acknowledged, the policy sold, back on the menu, and the new policy's page.

Every form is read from the page it is on (every field, hidden ones and defaults
included) and sent back with what staff type, so the bench posts what a browser posts.
Every response is checked: its status, and a marker in the body that only the right page
has (never translated words: the Italian staff see Italian pages). Anything else is a
failure. The sales made (policy numbers) go to BENCH_LOAD_REPORT when the run stops, and
the bench compares them with the database.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import string
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

from locust import HttpUser, events, task
from locust.exception import StopUser

STAFF = json.loads(Path(os.environ["BENCH_LOAD_STAFF"]).read_text())
REPORT = os.environ.get("BENCH_LOAD_REPORT", "")
WAIT_MIN, WAIT_MAX = (float(x) for x in os.environ.get("BENCH_LOAD_WAIT", "1,3").split(","))
_logins = itertools.count()
SALES: list[dict] = []  # every policy sold in this run: {"id", "number", "user", "product"}
LOGGED_IN: list[float] = []  # when each user's login completed (time.time())
REQUESTS: list[tuple[float, str, float, bool]] = []  # (ended at, name, ms, failed), for the
# bench's figures after the logins (a login hashes the password: they come in a burst)

ID = re.compile(r"/(\d+)/")
CUSTOMER_LINK = re.compile(r'href="/customers/(\d+)/"')
DEAL_LINK = re.compile(r'href="/deals/(\d+)/"')
POLICY_LINK = re.compile(r'href="/policies/(\d+)/"')
POLICY_NUMBER = re.compile(r"\b[A-Z]{3}-\d{6}\b")
AMOUNT = re.compile(r"\d[\d.,]*[.,]\d\d\b")
STATIC = re.compile(r'(?:href|src)="(/static/[^"]+)"')
# What a member of staff searches by: surnames the demo customers have, per market.
SURNAMES = {
    "UK": ("Smith", "Jones", "Taylor", "Patel", "Wilson", "Khan", "Wright", "Ltd"),
    "IT": ("Rossi", "Russo", "Ferrari", "Bianchi", "Romano", "Colombo", "S.r.l."),
    "AU": ("Smith", "Nguyen", "Williams", "Chen", "Kelly", "Singh", "Pty"),
}
# Products sold at the point of sale, by market: a Lexus dealer's. The GAPs are left out:
# they cannot be sold until two clear days after the customer is given the information.
SOLD = {
    "UK": ("motor-uk", "motor-uk", "smart-cover"),
    "IT": ("furto-danni-blu", "furto-danni-rosso", "furto-danni-giallo"),
    "AU": ("au-comprehensive",),
}
NEEDS = {"UK": ("motor", "cosmetic"), "IT": ("furto", "danni"), "AU": ("comprehensive", "glass")}
PHONE = {"UK": "+44 7700 900{:03d}", "IT": "+39 347 555 {:04d}", "AU": "+61 412 555 {:03d}"}
PRICE = {"UK": 45000, "IT": 52000, "AU": 86000}
MODELS = ("UX 300h", "NX 350h", "RX 350h", "ES 300h")
VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
CODICE_FISCALE = "RSSMRA85T10A562S"  # valid; the rules check its check letter, not the name


# --- forms, as a browser reads them -----------------------------------------------------


@dataclass
class Form:
    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    submits: list[tuple[str, str]] = field(default_factory=list)  # buttons with a name
    choices: dict[str, list[str]] = field(default_factory=dict)  # a select's or radios' values

    def names(self) -> set[str]:
        return {name for name, _ in self.fields}

    def value(self, name: str) -> str | None:
        return next((v for n, v in self.fields if n == name), None)

    def set(self, name: str, *values: str) -> Form:
        """Replace every value of `name` (a text box, a select, a radio or checkbox group)."""
        kept = [(n, v) for n, v in self.fields if n != name]
        self.fields = kept + [(name, v) for v in values]
        return self

    def data(self, press: str | None = None) -> list[tuple[str, str]]:
        pressed = [(n, v) for n, v in self.submits if n == press]
        return self.fields + pressed


class _FormParser(HTMLParser):
    """The successful controls of every form on a page (HTML's form submission rules, as
    far as Django's forms use them): text boxes, hidden inputs, checked radios and
    checkboxes, the selected options of a select (its first option when none is), textarea
    text. Named submit buttons are kept apart: only the one pressed is sent."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: tuple[str, bool, list[tuple[str, bool]]] | None = None
        self._option: tuple[str | None, bool, list[str]] | None = None
        self._textarea: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = Form(a.get("action", ""))
            self.forms.append(self._form)
        if self._form is None or ("disabled" in a and tag != "option"):
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                self._form.choices.setdefault(name, []).append(a.get("value", "on"))
                if "checked" in a:
                    self._form.fields.append((name, a.get("value", "on")))
            elif kind in ("submit", "button", "image"):
                self._form.submits.append((name, a.get("value", "")))
            elif kind not in ("file", "reset"):
                self._form.fields.append((name, a.get("value", "")))
        elif tag == "button" and name and a.get("type", "submit") == "submit":
            self._form.submits.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select = (name, "multiple" in a, [])
        elif tag == "option" and self._select is not None:
            self.handle_endtag("option")  # an option left open ends where the next begins
            self._option = (a.get("value"), "selected" in a, [])
        elif tag == "textarea" and name:
            self._textarea = (name, [])

    def handle_data(self, data):
        if self._option is not None:
            self._option[2].append(data)
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag in ("option", "select") and self._option is not None and self._select:
            value, selected, text = self._option  # no value attribute: the option's text
            self._select[2].append((value if value is not None else "".join(text).strip(),
                                    selected))  # fmt: skip
            self._option = None
        if tag == "select" and self._select is not None and self._form is not None:
            name, multiple, options = self._select
            self._form.choices[name] = [v for v, _ in options]
            chosen = [v for v, selected in options if selected]
            if not chosen and options and not multiple:
                chosen = [options[0][0]]
            self._form.fields += [(name, v) for v in (chosen if multiple else chosen[-1:])]
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            text = "".join(self._textarea[1])
            self._form.fields.append((self._textarea[0], text.removeprefix("\n")))
            self._textarea = None
        elif tag == "form":
            self._form = None


def forms_of(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def form_with(html: str, field_name: str = "", action: str = "") -> Form | None:
    for f in forms_of(html):
        if (not field_name or field_name in f.names()) and (not action or f.action == action):
            return f
    return None


# --- what staff type -------------------------------------------------------------------


def _vin(rng: random.Random) -> str:
    # A Japanese-built Lexus (JTH...): the check digit is only enforced on North American
    # VINs, so any valid characters do.
    return "JTH" + "".join(rng.choices(VIN_CHARS, k=14))


def _registration(rng: random.Random, market: str) -> str:
    letters = "".join(rng.choices("ABCDEFGHJKLMNPRSTVWXYZ", k=5))
    if market == "UK":
        return f"{letters[:2]}74 {letters[2:]}"
    if market == "IT":
        return f"H{letters[0]} {rng.randint(100, 999)} {letters[1:3]}"
    return f"{letters[:2]}{rng.randint(10, 99)}{letters[2:4]}"


@dataclass
class Login:
    username: str
    password: str
    first_name: str
    market: str
    region: str  # the dealer's county, province or state, for the customers' addresses
    postcode: str
    city: str
    api_key: str


# --- the user ---------------------------------------------------------------------------


class Staff(HttpUser):
    """A member of staff at a dealer: mostly reading, quoting now and then, selling about
    once every few minutes."""

    def wait_time(self) -> float:
        return random.uniform(WAIT_MIN, WAIT_MAX)  # nosec B311 # think time, not a secret

    def on_start(self) -> None:
        n = next(_logins)
        if n >= len(STAFF):
            raise StopUser()  # more users than logins: never share one
        self.me = Login(**STAFF[n])
        self.rng = random.Random(f"bench-load:{self.me.username}")  # nosec B311 # made-up data
        self.customers: list[str] = []
        self.deals: list[str] = []
        self.policies: list[str] = []
        self._login()
        self.home()

    # -- checked requests --

    # Every check is made inside the request's context: locust records the outcome when
    # the context ends, and a failure marked after that is lost. `expect(response)` returns
    # what is wrong with it, if anything, beyond the status and the markers.

    def _get(self, url: str, name: str, *markers: str | re.Pattern, expect=None, **kwargs):
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True,
                             **kwargs) as r:  # fmt: skip
            _check(r, 200, markers, expect)
            return r

    def _post(self, url: str, name: str, data, status: int, *markers, expect=None, **kwargs):
        with self.client.post(url, data=data, name=name, allow_redirects=False,
                              catch_response=True, **kwargs) as r:  # fmt: skip
            _check(r, status, markers, expect)
            return r

    def _pause(self) -> None:
        # A member of staff reads the page and types before the next step of a sale.
        time.sleep(random.uniform(WAIT_MIN, WAIT_MAX) / 2)  # nosec B311 # think time

    # -- logging in --

    def _login(self) -> None:
        page = self._get("/accounts/login/", "/accounts/login/", 'name="username"')
        for url in dict.fromkeys(STATIC.findall(page.text)):  # a cold browser cache
            self._get(url, "/static/[asset]")
        form = form_with(page.text, "username")
        if form is None:
            raise StopUser()
        form.set("username", self.me.username).set("password", self.me.password)
        r = self._post("/accounts/login/", "/accounts/login/ (POST)", form.data(), 302,
                       expect=_redirect("/", f"no login for {self.me.username}"))  # fmt: skip
        if r.headers.get("Location") != "/":
            raise StopUser()
        LOGGED_IN.append(time.time())

    # -- browsing --

    @task(6)
    def home(self) -> None:
        r = self._get("/", "/", 'href="/deals/new/"', self.me.first_name)
        self.deals = _merge(self.deals, DEAL_LINK.findall(r.text))

    @task(5)
    def customer_list(self) -> None:
        page = self.rng.choice(("", "", "?page=2"))
        r = self._get(f"/customers/{page}", "/customers/", CUSTOMER_LINK)
        self.customers = _merge(self.customers, CUSTOMER_LINK.findall(r.text))

    @task(5)
    def customer_search(self) -> None:
        q = self.rng.choice(SURNAMES[self.me.market])
        r = self._get("/customers/", "/customers/?q=[name]", f'value="{q}"', params={"q": q})
        self.customers = _merge(self.customers, CUSTOMER_LINK.findall(r.text))

    @task(4)
    def customer_detail(self) -> None:
        if not self.customers:
            return self.customer_list()
        pk = self.rng.choice(self.customers)
        self._get(f"/customers/{pk}/", "/customers/[id]/", f'href="/customers/{pk}/deals/new/"')

    @task(5)
    def deal_list(self) -> None:
        r = self._get("/deals/", "/deals/", DEAL_LINK)
        self.deals = _merge(self.deals, DEAL_LINK.findall(r.text))

    @task(5)
    def deal_detail(self) -> None:
        if not self.deals:
            return self.deal_list()
        pk = self.rng.choice(self.deals)
        r = self._get(f"/deals/{pk}/", "/deals/[id]/", f'href="/policies/menu/{pk}/"')
        self.policies = _merge(self.policies, POLICY_LINK.findall(r.text))

    @task(4)
    def policy_list(self) -> None:
        r = self._get("/policies/", "/policies/", POLICY_LINK)
        self.policies = _merge(self.policies, POLICY_LINK.findall(r.text))

    @task(4)
    def policy_detail(self) -> None:
        if not self.policies:
            return self.policy_list()
        pk = self.rng.choice(self.policies)
        self._get(f"/policies/{pk}/", "/policies/[id]/", POLICY_NUMBER, 'href="/policies/"')

    # -- quoting through the API (the dealer's system, with this member's token) --

    @task(4)
    def api_quote(self) -> None:
        body = _quote_body(self.rng, self.me.market)
        with self.client.post("/api/v1/quotes", json=body, name=f"/api/v1/quotes {body['product']}",
                              headers=self._token(), catch_response=True) as r:  # fmt: skip
            data = _json(r)
            if data is not None and not (data.get("product") == body["product"]
                                         and data.get("payment_options")):  # fmt: skip
                r.failure(f"quote without payment options: {r.text[:300]}")

    @task(2)
    def api_calculation(self) -> None:
        path, body, key = _calculation(self.rng, self.me.market)
        with self.client.post(f"/api/v1/calculations/{path}", json=body, headers=self._token(),
                              name=f"/api/v1/calculations/{path}",
                              catch_response=True) as r:  # fmt: skip
            data = _json(r)
            if data is not None and key not in data:
                r.failure(f"no {key} in the answer: {r.text[:300]}")

    def _token(self) -> dict[str, str]:
        return {"Authorization": f"Token {self.me.api_key}", "Accept": "application/json"}

    # -- selling --

    @task(2)
    def sell(self) -> None:
        """A walk-in customer buys a car and an insurance product, start to finish."""
        me, rng = self.me, self.rng
        customer = self._customer_create()
        if customer is None:
            return
        self._pause()
        deal = self._deal_create(customer)
        if deal is None:
            return
        self._pause()
        menu_url = f"/policies/menu/{deal}/"
        key = rng.choice(SOLD[me.market])
        menu = self._get(menu_url, "/policies/menu/[deal]/", f'action="{menu_url}needs/"',
                         f'formaction="{menu_url}sell/{key}/"')  # fmt: skip
        needs = form_with(menu.text, action=f"{menu_url}needs/")
        column = form_with(menu.text, action=menu_url)  # the whole menu is one form
        if needs is None or column is None:
            return
        self._pause()
        chosen = rng.choice(NEEDS[me.market])
        needs.set("needs", chosen).set("budget", str(rng.choice((300, 500, 800, 1200))))
        needs.set("notes", "Walk-in; wants cover from delivery")
        self._post(f"{menu_url}needs/", "/policies/menu/[deal]/needs/ (POST)", needs.data(), 302,
                   expect=_redirect(menu_url, "the demands and needs went elsewhere"))  # fmt: skip
        recorded = re.compile(rf'value="{chosen}"[^>]*checked')  # the answers shown again
        menu = self._get(menu_url, "/policies/menu/[deal]/", recorded)
        if not recorded.search(menu.text):
            return
        column = form_with(menu.text, action=menu_url) or column
        _answer(column, key, rng)
        self._pause()
        # every change re-prices every column at once (the figure issue 19 asks for)
        with self.client.post(f"{menu_url}prices/", data=column.data(),
                              name="/policies/menu/[deal]/prices/ (HTMX re-price)",
                              headers={"HX-Request": "true"}, allow_redirects=False,
                              catch_response=True) as r:  # fmt: skip
            _check(r, 200, (AMOUNT,))
            if "<html" in r.text:
                r.failure("the re-price answered a whole page, not the fragments")
        self._pause()
        sell_url = f"{menu_url}sell/{key}/"
        page = self._post(sell_url, "/policies/menu/[deal]/sell/[key]/ (choose)", column.data(),
                          200, 'name="disclosure-acknowledged"', AMOUNT)  # fmt: skip
        form = form_with(page.text, "submission_key")  # the sale form (its key is hidden)
        if form is None:
            return
        self._pause()
        form.set("disclosure-acknowledged", "on")
        if key == "motor-uk":
            _drivers(form, int(column.value("motor-uk-driver_age") or 40), rng)
        back = _redirect(re.escape(menu_url), f"the sale of {key} did not go back to the menu")
        r = self._post(sell_url, "/policies/menu/[deal]/sell/[key]/ (sell)", form.data("sell"),
                       302, expect=back)  # fmt: skip
        if r.headers.get("Location", "") != menu_url:
            return
        # back on the menu, the product marked sold with its policy's link
        menu = self._get(menu_url, "/policies/menu/[deal]/ (after the sale)", POLICY_LINK)
        found = POLICY_LINK.search(menu.text)
        if found is None:
            return
        location = f"/policies/{found.group(1)}/"
        policy = found.group(1)
        page = self._get(location, "/policies/[id]/", POLICY_NUMBER, f"/deals/{deal}/")
        number = POLICY_NUMBER.search(page.text)
        SALES.append({"id": int(policy), "number": number.group(0) if number else "",
                      "user": me.username, "product": key})  # fmt: skip
        self.policies = _merge(self.policies, [policy])

    def _customer_create(self) -> str | None:
        me, rng = self.me, self.rng
        page = self._get("/customers/new/", "/customers/new/", 'name="first_name"')
        form = form_with(page.text, "first_name")
        if form is None:
            return None
        tag = "".join(rng.choices(string.ascii_lowercase, k=6))
        last = f"Load{tag.capitalize()}"
        born = date(1960, 1, 1) + timedelta(days=rng.randint(0, 35 * 365))
        form.set("kind", "person").set("title", "Dr").set("first_name", "Alex")
        form.set("last_name", last).set("date_of_birth", born.isoformat())
        form.set("email", f"alex.{tag}@example.com").set("phone", PHONE[me.market].format(
            rng.randint(0, 999)))  # fmt: skip
        form.set("address_line1", f"{rng.randint(1, 99)} Station Road").set("city", me.city)
        form.set("region", me.region).set("postcode", me.postcode)
        if "codice_fiscale" in form.names():
            form.set("codice_fiscale", CODICE_FISCALE)
        r = self._post("/customers/new/", "/customers/new/ (POST)", form.data(), 302,
                       expect=_redirect(r"/customers/\d+/", "no customer created"))  # fmt: skip
        location = r.headers.get("Location", "")
        if not re.fullmatch(r"/customers/\d+/", location):
            return None
        self._get(location, "/customers/[id]/", last)
        return ID.search(location).group(1)

    def _deal_create(self, customer: str) -> str | None:
        me, rng = self.me, self.rng
        url = f"/customers/{customer}/deals/new/"
        page = self._get(url, "/customers/[id]/deals/new/", 'name="vehicle-vin"',
                         expect=_seller_preselected)  # fmt: skip
        form = form_with(page.text, "vehicle-vin")
        if form is None:
            return None
        today = date.today()
        price = PRICE[me.market] + rng.randint(-8, 30) * 500
        form.set("vehicle-vin", _vin(rng)).set("vehicle-registration",
                                               _registration(rng, me.market))  # fmt: skip
        form.set("vehicle-make", "Lexus").set("vehicle-model", rng.choice(MODELS))
        form.set("vehicle-derivative", "F Sport").set("vehicle-condition", "new")
        form.set("vehicle-vehicle_type", "autovettura")
        form.set("vehicle-first_registration_date", today.isoformat())
        form.set("vehicle-delivery_date", (today + timedelta(days=7)).isoformat())
        form.set("vehicle-invoice_price", f"{price}.00").set("vehicle-finance_type", "cash")
        reference = f"LOAD-{rng.randint(0, 10**8):08d}"
        form.set("deal-order_date", today.isoformat()).set("deal-reference", reference)
        r = self._post(url, "/customers/[id]/deals/new/ (POST)", form.data(), 302,
                       expect=_redirect(r"/deals/\d+/", "no deal created"))  # fmt: skip
        location = r.headers.get("Location", "")
        if not re.fullmatch(r"/deals/\d+/", location):
            return None
        deal = ID.search(location).group(1)
        self._get(location, "/deals/[id]/", reference, f'href="/policies/menu/{deal}/"')
        self.deals = _merge(self.deals, [deal])
        return deal


def _answer(form: Form, key: str, rng: random.Random) -> None:
    """What staff change in a product's questions before choosing it: among what the page
    offers (a select's options, the radios), so whatever the menu offers must sell."""

    def pick(name: str) -> None:
        form.set(f"{key}-{name}", rng.choice(form.choices[f"{key}-{name}"]))

    pick("payment_plan")
    if key == "motor-uk":
        form.set("motor-uk-ncd_years", str(rng.randint(0, 9)))
        pick("voluntary_excess")
        form.set("motor-uk-options", rng.choice(form.choices["motor-uk-options"]))
    elif key == "smart-cover":
        pick("term_months")
    elif key.startswith("furto-danni"):
        # asked once for the three packages, at the top of the menu
        form.set("shared-duration_years", rng.choice(form.choices["shared-duration_years"]))
        if key.endswith("blu"):
            form.set(f"{key}-options", "kasko_premium")
    elif key == "au-comprehensive":
        age = int(form.value("au-comprehensive-youngest_driver_age") or 30)
        form.set("au-comprehensive-licence_years", str(rng.randint(1, max(1, age - 18))))
        pick("voluntary_excess")


def _drivers(form: Form, youngest: int, rng: random.Random) -> None:
    """The policyholder's details a motor proposal asks at the sale (the name, and the date
    of birth when the customer record has one, come prefilled): the age the menu priced."""
    p = "proposal-motor-uk-d1_"
    if not form.value(f"{p}born"):
        form.set(f"{p}born", date(date.today().year - youngest, 1, 1).isoformat())
    form.set(f"{p}licence_years", str(rng.randint(0, max(0, youngest - 17))))
    form.set(f"{p}occupation", rng.choice(("Teacher", "Engineer", "Nurse", "Accountant")))


def _quote_body(rng: random.Random, market: str) -> dict:
    today = date.today().isoformat()
    if market == "UK":
        age = rng.randint(25, 75)
        # protection needs two years or more; no more years than since 17 (issue 17)
        ncd = rng.randint(0, min(9, age - 17))
        return rng.choice([
            {"product": "motor-uk", "vehicle_value": f"{rng.randint(30, 90)}000.00",
             "area": rng.choice("ABCDEF"), "driver_age": age,
             "ncd_years": ncd, "ncd_protected": ncd >= 2 and rng.random() < 0.5,
             "voluntary_excess": rng.choice((0, 250)), "options": ["legal_expenses"]},
            {"product": "smart-cover", "term_months": rng.choice((12, 24, 36))},
            # 48 months needs a finance agreement longer than 36 (PRODUCTS.md §1)
            {"product": "asset-protector", "term_months": rng.choice((24, 36)),
             "invoice_price": f"{rng.randint(30, 90)}000.00"},
        ])  # fmt: skip
    if market == "IT":
        return {"product": "furto-danni", "package": rng.choice(("blu", "rosso", "giallo")),
                "duration_years": rng.randint(1, 5), "vehicle_type": "autovettura",
                "first_registration": today, "sale_date": today,
                "invoice_price": f"{rng.randint(35, 100)}000.00",
                "options": ["protezione_franchigia"],
                "financed_by_lfs": rng.random() < 0.5}  # fmt: skip
    return {"product": "au-comprehensive", "state": rng.choice(("NSW", "VIC", "QLD")),
            "agreed_value": f"{rng.randint(50, 150)}000.00",
            "youngest_driver_age": rng.randint(21, 80), "voluntary_excess": 500,
            "excess_free_glass": rng.random() < 0.5}  # fmt: skip


def _calculation(rng: random.Random, market: str) -> tuple[str, dict, str]:
    """(path, body, a key the answer must have)."""
    if market == "UK":
        return ("ncd", {"years_held": rng.randint(2, 9), "protected": rng.random() < 0.5,
                        "claim_in_past_two_periods": False, "claims": [{"kind": "glass"}]},
                "years_next_renewal")  # fmt: skip
    if market == "IT":
        today = date.today().isoformat()
        return ("it-eligibility", {"package": rng.choice(("blu", "rosso", "giallo")),
                                   "options": ["protezione_franchigia"],
                                   "vehicle_type": "autovettura", "first_registration": today,
                                   "sale_date": today, "duration_years": rng.randint(1, 5),
                                   "invoice_price": f"{rng.randint(35, 100)}000.00"},
                "eligible")  # fmt: skip
    if rng.random() < 0.5:
        premium = f"{rng.randint(800, 3000)}.00"
        return (
            "payment-options",
            {"market": "AU", "standard_premium": premium},
            "monthly_instalment",
        )
    age = rng.randint(21, 80)  # licences start at 16: no more years held than that allows
    return ("au-excess", {"state": rng.choice(("NSW", "VIC", "QLD")), "claim_type": "accident",
                          "at_fault": True, "other_party_identified": False,
                          "voluntary_excess": "500.00", "driver_age": age,
                          "licence_years": rng.randint(3, min(40, age - 16)),
                          "licence_type": "full", "driver_named": True}, "total")  # fmt: skip


# --- checks -------------------------------------------------------------------------------


def _redirect(pattern: str, what: str):
    """An `expect` for a form that redirects when it succeeds: to a URL matching
    `pattern`; otherwise `what`, with the page's errors or refusals."""

    def expect(r) -> str | None:
        location = r.headers.get("Location", "")
        if re.fullmatch(pattern, location):
            return None
        return f"{what}: went to {location!r}; {_refusals(r.text)[:300]}"

    return expect


def _seller_preselected(r) -> str | None:
    form = form_with(r.text, "vehicle-vin")
    if form is None or not form.value("deal-salesperson"):
        return "the deal form did not preselect the member of staff as the seller"
    return None


def _check(r, status: int, markers, expect=None) -> None:
    if r.status_code == 0:  # no answer: the connection failed
        r.failure(f"no response, wanted {status}: {r.error!r}")
        return
    if r.status_code != status:
        r.failure(f"HTTP {r.status_code}, wanted {status}: {_errors(r.text) or r.text[:200]}")
        return
    for marker in markers:
        found = marker.search(r.text) if isinstance(marker, re.Pattern) else marker in r.text
        if not found:
            shown = marker.pattern if isinstance(marker, re.Pattern) else marker
            r.failure(f"HTTP {status} without {shown!r} in the page: {_refusals(r.text)[:300]}")
            return
    problem = expect(r) if expect is not None else None
    if problem:
        r.failure(problem)
        return
    r.success()


def _json(r) -> dict | None:
    if r.status_code != 200:
        r.failure(f"HTTP {r.status_code}: {r.text[:300]}")
        return None
    try:
        data = r.json()
    except ValueError:
        r.failure(f"not JSON: {r.text[:200]}")
        return None
    r.success()
    return data


def _errors(html: str) -> str:
    """The form errors and messages on a page, for the failure message."""
    found = re.findall(r'class="[^"]*(?:invalid-feedback|alert)[^"]*"[^>]*>(.*?)</', html, re.S)
    return " | ".join(re.sub(r"<[^>]+>|\s+", " ", f).strip() for f in found)[:400]


def _refusals(html: str) -> str:
    """Why a sale was refused: the refusals of the sale and of the price."""
    alerts = re.findall(r'role="(?:alert|status)"(.*?)</div>', html, re.S)
    items = [re.sub(r"<[^>]+>|\s+", " ", i).strip() for a in alerts
             for i in re.findall(r"<li>(.*?)</li>", a, re.S)]  # fmt: skip
    return "; ".join(items[:5]) or _errors(html)


def _merge(seen: list[str], found: list[str], keep: int = 60) -> list[str]:
    return list(dict.fromkeys(found + seen))[:keep]


@events.request.add_listener
def _record(request_type, name, response_time, exception=None, **kwargs) -> None:
    REQUESTS.append((time.time(), f"{request_type} {name}", response_time, exception is not None))


@events.test_stop.add_listener
def _write_report(environment, **kwargs) -> None:
    if REPORT:
        Path(REPORT).write_text(json.dumps({"sales": SALES, "logged_in": LOGGED_IN,
                                            "requests": REQUESTS}))  # fmt: skip
