"""The facts of a Lexus Motor Insurance claim, UK (seed 002): by section of the wording,
each asking only its own facts, and Key Protect with its own event."""

from django import forms
from django.utils.translation import gettext_lazy as _

from claims.forms import DATETIME, ClaimForm, money_field, yes_no
from policies.rules.motor_claims import Section
from policies.rules.motor_key_protect import KeyEvent

KEY_PROTECT = "key_protect"


class MotorForm(ClaimForm):
    EVENTS = [
        (Section.ACCIDENTAL_DAMAGE, _("Accidental damage (section 1)")),
        (Section.FIRE_THEFT, _("Fire or theft (section 2)")),
        (Section.LIABILITY, _("Liability to other people (section 3)")),
        (Section.GLASS, _("Windscreen or windows (section 5)")),
        (Section.MEDICAL_EXPENSES, _("Medical expenses (section 7)")),
        (Section.PERSONAL_ACCIDENT, _("Personal accident (section 8)")),
        (Section.PHYSICAL_ASSAULT, _("Physical assault (section 9)")),
        (Section.PERSONAL_BELONGINGS, _("Personal belongings (section 10)")),
        (Section.MISFUELLING, _("Misfuelling (section 11)")),
        (KEY_PROTECT, _("Key Protect: keys lost, stolen, damaged or locked in")),
    ]
    cost = money_field(_("Cost claimed (repair, market value or expense)"))
    at_fault = yes_no(_("The customer was at fault"), required=False)
    outlay_recovered = yes_no(_("Not at fault, and the outlay recovered in full"), required=False)
    uninsured_driver = yes_no(_("Not at fault, caused by an uninsured driver"), required=False)
    vandalism_crime_reference = forms.CharField(
        label=_("Vandalism: crime reference number"), required=False
    )
    emergency_treatment_only = yes_no(
        _("Section 3: emergency treatment charges only"), required=False
    )
    glass_replaced = yes_no(_("Glass replaced (not repaired)"), required=False)
    approved_repairer = yes_no(_("Our approved glass repairer"), required=False)
    list_price = money_field(
        _("New car replacement: manufacturer's list price today (factory extras and taxes)")
    )
    stolen_not_recovered = yes_no(_("Stolen and not recovered"), required=False)
    persons = forms.IntegerField(
        label=_("People claiming"), min_value=1, max_value=9, required=False
    )
    deaths = forms.IntegerField(
        label=_("Personal accident: deaths"), min_value=0, max_value=9, required=False
    )
    losses = forms.IntegerField(
        label=_("Personal accident: losses of an eye, hand or foot"),
        min_value=0,
        max_value=9,
        required=False,
    )
    key_event = forms.ChoiceField(
        label=_("Key Protect: what happened"),
        required=False,
        choices=[
            ("", "—"),
            (KeyEvent.LOST, _("Lost")),
            (KeyEvent.STOLEN, _("Stolen")),
            (KeyEvent.DAMAGED, _("Damaged")),
            (KeyEvent.LOCKED_IN, _("Locked in the car")),
        ],
    )
    discovered_at = forms.DateTimeField(label=_("Discovered at"), required=False, widget=DATETIME)
    reported_at = forms.DateTimeField(label=_("Reported to us at"), required=False, widget=DATETIME)
    police_reported_at = forms.DateTimeField(
        label=_("Reported to the police at"), required=False, widget=DATETIME
    )
    key_found_at = forms.DateTimeField(label=_("Key found at"), required=False, widget=DATETIME)
    locksmith = money_field(_("Locksmith"))
    key_broken_in_lock = yes_no(_("A key broken in a lock"), required=False)
    new_locks = money_field(_("New locks"))
    replacement_keys = money_field(_("Replacement keys: cost of one"))
    replacement_keys_units = forms.IntegerField(
        label=_("Replacement keys: how many"), min_value=0, required=False
    )
    onward_transport = money_field(_("Onward transport: a day"))
    onward_transport_units = forms.IntegerField(
        label=_("Onward transport: days"), min_value=0, required=False
    )
    vehicle_hire = money_field(_("Vehicle hire: a day"))
    vehicle_hire_units = forms.IntegerField(
        label=_("Vehicle hire: days"), min_value=0, required=False
    )
    accommodation = money_field(_("Accommodation"))

    KEY_FIELDS = ("key_event", "discovered_at", "reported_at")
    KEY_PROTECT_FIELDS = (*KEY_FIELDS, "police_reported_at", "key_found_at", "locksmith",
                          "key_broken_in_lock", "new_locks", "replacement_keys",
                          "replacement_keys_units", "onward_transport",
                          "onward_transport_units", "vehicle_hire", "vehicle_hire_units",
                          "accommodation")  # fmt: skip
    FAULT = ("at_fault", "outlay_recovered", "uninsured_driver", "vandalism_crime_reference")
    NEW_CAR = ("list_price", "stolen_not_recovered")
    EVENT_FIELDS = {
        Section.ACCIDENTAL_DAMAGE: ("cost", *FAULT, *NEW_CAR),
        Section.FIRE_THEFT: ("cost", *FAULT, *NEW_CAR),
        Section.LIABILITY: ("at_fault", "emergency_treatment_only"),
        Section.GLASS: ("cost", "glass_replaced", "approved_repairer"),
        Section.MEDICAL_EXPENSES: ("cost", "persons"),
        Section.PERSONAL_ACCIDENT: ("deaths", "losses"),
        Section.PHYSICAL_ASSAULT: ("persons",),
        Section.PERSONAL_BELONGINGS: ("cost",),
        Section.MISFUELLING: ("cost",),
        KEY_PROTECT: KEY_PROTECT_FIELDS,
    }
    GROUPS = (
        (
            _("Sections 1 to 3: fault and recovery"),
            (*FAULT, "emergency_treatment_only"),
        ),
        (_("New car replacement (sections 1 and 2)"), NEW_CAR),
        (_("Section 5: glass"), ("glass_replaced", "approved_repairer")),
        (_("Sections 7 to 9: people"), ("persons", "deaths", "losses")),
        (_("Key Protect"), KEY_PROTECT_FIELDS),
    )

    def defaults(self, policy):
        return {"glass_replaced": True, "approved_repairer": True, "persons": 1}

    def clean(self):
        data = super().clean()
        if data.get("event") == KEY_PROTECT:
            for name in self.KEY_FIELDS:
                if not data.get(name):
                    self.add_error(name, _("Needed for a Key Protect claim."))
        return data
