"""Wording the UK products share: SMART Cover and the smart GAPs are administered by
AutoProtect (seeds 000 and 004)."""

from django.utils.translation import gettext_lazy

AUTOPROTECT = gettext_lazy(
    "Administered by AutoProtect (MBI) Limited, authorised and regulated by the Financial "
    "Conduct Authority, no. 312143."
)
