"""Month and weekday names for the project's catalogue.

Italian writes them in lower case ("27 dicembre 2026", "mercoledì"); Django's Italian
catalogue capitalises them. locale/it translates these msgids again (the project's
catalogue comes first), and naming them here keeps `makemessages` from dropping them.
Nothing imports this module.
"""

from django.utils.translation import gettext_noop

MONTHS = [
    gettext_noop("January"), gettext_noop("February"), gettext_noop("March"),
    gettext_noop("April"), gettext_noop("May"), gettext_noop("June"), gettext_noop("July"),
    gettext_noop("August"), gettext_noop("September"), gettext_noop("October"),
    gettext_noop("November"), gettext_noop("December"),
]  # fmt: skip
WEEKDAYS = [
    gettext_noop("Monday"), gettext_noop("Tuesday"), gettext_noop("Wednesday"),
    gettext_noop("Thursday"), gettext_noop("Friday"), gettext_noop("Saturday"),
    gettext_noop("Sunday"),
]  # fmt: skip
