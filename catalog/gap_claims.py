"""What the claims of the GAP products, Asset Protector and the smart GAPs, share: the
events that end in a GAP claim."""

from django.utils.translation import gettext_lazy as _

GAP_EVENTS = [("written_off", _("Written off")), ("stolen", _("Stolen and not recovered"))]
