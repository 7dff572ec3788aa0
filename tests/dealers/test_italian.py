"""Italian dealers' staff see the whole application in Italian, whatever their browser asks
for; everyone else sees English. The Italian catalogue is complete.

The pages need the compiled catalogue (locale/it/LC_MESSAGES/django.mo): `make test`
builds it first.
"""

import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from tests.dealers.factories import (
    CustomerFactory,
    DealFactory,
    UserFactory,
    customer_post_data,
)

pytestmark = pytest.mark.django_db

PO_FILE = Path(settings.BASE_DIR) / "locale" / "it" / "LC_MESSAGES" / "django.po"
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}
ITALIAN = {"HTTP_ACCEPT_LANGUAGE": "it-IT,it;q=0.9"}

# What each page says in Italian (and must not say in English).
ITALIAN_PAGES = {
    "dealers:home": ["Clienti", "Vendite", "Esci", "Nuova vendita", "Vendite del mese"],
    "dealers:customer-list": ["Clienti", "Cerca clienti", "Nessun cliente corrisponde", "CAP"],
    "dealers:customer-create": [
        "Nuovo cliente",
        "Privato",
        "Ragione sociale",
        "Codice fiscale",
        "Partita IVA",
        "Provincia",
        "CAP",
        "Salva cliente",
        "Annulla",
    ],
    "dealers:deal-create": [
        "Nuova vendita",
        "Cliente",
        "Veicolo",
        "Codice fiscale",
        "Targa",
        "Prima immatricolazione",
        "Data di consegna",
        "Prezzo di fattura (EUR)",
        "Modalità di pagamento",
        "Data di vendita",
        "Registra vendita",
    ],
}
ENGLISH_WORDS = ["Customers", "Log out", "New deal", "Save customer", "Invoice price"]


@pytest.fixture(autouse=True)
def english_again_after_each_test():
    """A request activates its user's language in this thread; later tests start afresh."""
    yield
    translation.deactivate()


@pytest.fixture
def italian_user(it_dealer):
    return UserFactory(dealer=it_dealer, first_name="Giulia", last_name="Bianchi")


@pytest.fixture
def uk_user(uk_dealer):
    return UserFactory(dealer=uk_dealer, first_name="Ada", last_name="Lovelace")


def html_lang(content: str) -> str:
    match = re.search(r'<html lang="([^"]+)"', content)
    assert match, "the page has no <html lang>"
    return match.group(1)


@pytest.mark.parametrize("page", ITALIAN_PAGES)
def test_an_italian_dealers_staff_see_the_page_in_italian_though_the_browser_asks_for_english(
    client, italian_user, page
):
    client.force_login(italian_user)

    response = client.get(reverse(page), **ENGLISH)

    assert response.status_code == 200
    content = response.content.decode()
    assert html_lang(content) == "it"
    assert response.headers["Content-Language"] == "it"
    for words in ITALIAN_PAGES[page]:
        assert escape(words) in content, words
    for words in ENGLISH_WORDS:
        assert f">{words}<" not in content, words


def test_an_italian_dealers_staff_see_their_role_in_italian_in_the_navigation(client, italian_user):
    client.force_login(italian_user)

    content = client.get(reverse("dealers:home"), **ENGLISH).content.decode()

    assert "Giulia Bianchi · Venditore · Lexus Roma" in content


def test_the_login_page_is_in_italian_for_an_italian_browser_and_the_app_after_it_too(
    client, italian_user, password
):
    login = client.get(reverse("login"), **ITALIAN).content.decode()
    assert html_lang(login) == "it"
    assert ">Accedi</button>" in login

    response = client.post(
        reverse("login"),
        {"username": italian_user.username, "password": password},
        follow=True,
        **ITALIAN,
    )

    content = response.content.decode()
    assert response.wsgi_request.user == italian_user
    assert html_lang(content) == "it"
    assert ">Esci</button>" in content
    assert "Ciao, Giulia" in content


def test_a_uk_dealers_staff_see_english_though_the_browser_asks_for_italian(client, uk_user):
    client.force_login(uk_user)

    for page in ITALIAN_PAGES:
        response = client.get(reverse(page), **ITALIAN)

        content = response.content.decode()
        assert response.status_code == 200
        assert html_lang(content) == "en-gb", page
        assert ">Customers</a>" in content, page
        assert ">Log out</button>" in content, page
        assert "Clienti" not in content, page
        assert "Esci" not in content, page


def test_an_italian_user_is_told_in_italian_that_a_codice_fiscale_is_not_valid(
    client, italian_user
):
    client.force_login(italian_user)
    data = customer_post_data("IT", codice_fiscale="RSSMRA85T10A562X", email="")

    response = client.post(reverse("dealers:customer-create"), data, **ENGLISH)

    content = response.content.decode()
    assert response.status_code == 200
    assert escape("Questo non è un codice fiscale valido") in content
    assert "Campo obbligatorio." in content  # Django's own message, for the email
    assert "not a valid codice fiscale" not in content


def test_an_italian_user_is_told_in_italian_what_is_wrong_with_a_cap_and_a_province(
    client, italian_user
):
    client.force_login(italian_user)
    data = customer_post_data("IT", postcode="SW1A 1AA", region="XX")

    response = client.post(reverse("dealers:customer-create"), data, **ENGLISH)

    content = response.content.decode()
    assert escape("Inserisci un CAP di cinque cifre, es. 00184.") in content
    assert escape("Scegli un'opzione valida. XX non è tra quelle disponibili.") in content


def test_money_on_an_italian_deal_page_is_written_the_italian_way(client, italian_user, it_dealer):
    deal = DealFactory(
        vehicle__customer__dealer=it_dealer,
        vehicle__invoice_price=Decimal("32000.00"),
        salesperson=italian_user,
    )
    client.force_login(italian_user)

    response = client.get(reverse("dealers:deal-detail", args=[deal.pk]), **ENGLISH)

    content = response.content.decode()
    assert html_lang(content) == "it"
    assert "Prezzo di fattura" in content
    assert "32.000,00\u00a0€" in content
    assert "€32,000.00" not in content


def test_money_on_a_uk_deal_page_is_written_the_english_way(client, uk_user, uk_dealer):
    deal = DealFactory(
        vehicle__customer__dealer=uk_dealer,
        vehicle__invoice_price=Decimal("32000.00"),
        salesperson=uk_user,
    )
    client.force_login(uk_user)

    content = client.get(reverse("dealers:deal-detail", args=[deal.pk]), **ITALIAN)
    content = content.content.decode()

    assert "Invoice price" in content
    assert "£32,000.00" in content


def test_the_italian_customer_list_counts_customers_in_italian(client, italian_user, it_dealer):
    CustomerFactory(dealer=it_dealer)
    client.force_login(italian_user)

    one = client.get(reverse("dealers:customer-list"), **ENGLISH).content.decode()
    CustomerFactory(dealer=it_dealer)
    two = client.get(reverse("dealers:customer-list"), **ENGLISH).content.decode()

    assert "1 cliente<" in one
    assert "2 clienti<" in two


# The catalogue itself.

ENTRY_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$')
CONTINUATION = re.compile(r'^"(.*)"$')
PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[sd]|\{\{\s*\w+\s*\}\}")


def po_entries(path: Path) -> list[dict]:
    """The entries of a .po file: {"flags": set, "msgid": str, "msgstr": [str, ...], ...}.
    Enough of the format for our own file: no obsolete entries, one keyword per line."""
    entries, entry, keyword = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry:
                entries.append(entry)
            entry, keyword = None, None
            continue
        entry = entry if entry is not None else {"flags": set(), "msgstr": []}
        if line.startswith("#,"):
            entry["flags"].update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#~"):
            entry["obsolete"] = True
        elif line.startswith("#"):
            continue
        elif match := ENTRY_KEYWORD.match(line):
            keyword, text = match.groups()
            if keyword.startswith("msgstr"):
                entry["msgstr"].append(text)
            else:
                entry[keyword] = text
        elif (match := CONTINUATION.match(line)) and keyword:
            if keyword.startswith("msgstr"):
                entry["msgstr"][-1] += match.group(1)
            else:
                entry[keyword] += match.group(1)
    return [e for e in entries if "msgid" in e]


def messages_only(entries: list[dict]) -> list[dict]:
    return [e for e in entries if e["msgid"] != "" and not e.get("obsolete")]


def test_the_italian_catalogue_has_many_entries_and_no_obsolete_ones():
    entries = po_entries(PO_FILE)

    assert len(messages_only(entries)) > 200
    assert not [e["msgid"] for e in entries if e.get("obsolete")]


def test_every_italian_entry_is_translated_and_none_is_fuzzy():
    entries = po_entries(PO_FILE)

    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    empty = [e["msgid"] for e in messages_only(entries) if not all(e["msgstr"])]
    assert fuzzy == []
    assert empty == []


def test_every_plural_entry_has_both_italian_forms():
    plurals = [e for e in messages_only(po_entries(PO_FILE)) if "msgid_plural" in e]

    assert plurals
    for entry in plurals:
        assert len(entry["msgstr"]) == 2 and all(entry["msgstr"]), entry["msgid"]


def test_every_translation_keeps_the_placeholders_of_its_english():
    for entry in messages_only(po_entries(PO_FILE)):
        # Italian has English's two plural forms: the singular follows msgid, the plural
        # msgid_plural (which may name the count the singular leaves out).
        sources = [entry["msgid"], entry.get("msgid_plural", entry["msgid"])]
        for italian, source in zip(entry["msgstr"], sources, strict=False):
            english = sorted(PLACEHOLDER.findall(source))
            assert sorted(PLACEHOLDER.findall(italian)) == english, entry["msgid"]


def test_the_catalogue_header_says_italian_with_two_plural_forms():
    header = next(e for e in po_entries(PO_FILE) if e["msgid"] == "")

    assert "Language: it\\n" in header["msgstr"][0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header["msgstr"][0]
    assert "charset=UTF-8" in header["msgstr"][0]


def test_msgfmt_finds_nothing_untranslated_or_fuzzy_and_no_format_errors():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO_FILE)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"\d+ translated messages\.\n", result.stderr), result.stderr
