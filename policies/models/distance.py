"""A UK GAP sale at a distance (FCA ICOBS 6A.1, issue 20): the product information given
by the seller and emailed to the customer with its price, held for the product's
`distance_price_hold_days`; concluded online by the customer from the day the deferral
ends, or earlier at their written request from the day after the information. A sale
concluded so is a normal policy, sold by the seller who gave the information."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .catalogue import MONEY, Product
from .sale import Disclosure


class DistanceState(models.TextChoices):
    """What the follow-up list shows (worked out from the dates: see `state_on`)."""

    WAITING = "waiting", _("Waiting: the deferral runs")
    READY = "ready", _("Ready: the customer may buy")
    ACCEPTED = "accepted", _("Accepted online")
    SOLD = "sold", _("Sold at the desk")
    LAPSED = "lapsed", _("Lapsed: the price is no longer held")


class DistanceOffer(models.Model):
    disclosure = models.OneToOneField(Disclosure, on_delete=models.CASCADE,
                                      related_name="distance_offer")  # fmt: skip
    deal = models.ForeignKey("dealers.Deal", on_delete=models.CASCADE,
                             related_name="distance_offers")  # fmt: skip
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("given by"))  # fmt: skip
    given_on = models.DateField(_("information given on"))
    # The answers priced (encoded by the product's schema, as a policy's) and the price.
    answers = models.JSONField(_("answers"))
    answers_version = models.PositiveSmallIntegerField(default=1)
    package = models.CharField(max_length=30, blank=True)
    payment_plan = models.CharField(_("way of paying"), max_length=12)
    total = models.DecimalField(_("price"), **MONEY)
    term_months = models.PositiveSmallIntegerField(_("term (months)"))
    currency = models.CharField(_("currency"), max_length=3)
    concludes_from = models.DateField(_("may be bought from"))  # the deferral's end
    early_from = models.DateField(_("may be bought early from"))  # at the customer's request
    held_until = models.DateField(_("price held until"))
    emailed_to = models.EmailField(_("emailed to"), blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)
    reminded_ready_on = models.DateField(null=True, blank=True)
    reminded_lapse_on = models.DateField(null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted online at"), null=True, blank=True)
    accepted_early = models.BooleanField(_("concluded early at the customer's request"),
                                         default=False)  # fmt: skip
    policy = models.OneToOneField("policies.Policy", on_delete=models.PROTECT, null=True,
                                  blank=True, related_name="distance_offer")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("GAP sale at a distance")
        verbose_name_plural = _("GAP sales at a distance")
        ordering = ["-given_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(early_from__lte=models.F("concludes_from"))
                & models.Q(concludes_from__lte=models.F("held_until")),
                name="a_distance_offer_runs_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} for deal {self.deal_id} ({self.given_on})"

    def state_on(self, on, sold: bool = False) -> DistanceState:
        """`sold`: the deal has the product in force, sold at the desk."""
        if self.policy_id:
            return DistanceState.ACCEPTED
        if sold:
            return DistanceState.SOLD
        if on > self.held_until:
            return DistanceState.LAPSED
        return DistanceState.READY if on >= self.concludes_from else DistanceState.WAITING
