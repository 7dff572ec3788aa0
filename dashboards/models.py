"""Monthly summaries the managers' dashboards read, rebuilt from the records by
dashboards/refresh.py (every few minutes, and at once on demand).

A page adds up a few thousand summary rows instead of a million policies, so it answers
in the same time whatever the size of the book. Every row carries its market and
currency: figures are summed per currency, never across. `month` is the first day of the
month the figure belongs to (sold, dealt, cancelled, ending, notified).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

AMOUNT = {"max_digits": 16, "decimal_places": 2, "default": 0}


class Summary(models.Model):
    month = models.DateField()
    market = models.CharField(max_length=2)
    dealer = models.ForeignKey("dealers.Dealer", on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.month:%Y-%m} dealer {self.dealer_id}"


class SalesMonth(Summary):
    """Policies written: new business (renewal False) and renewals apart."""

    currency = models.CharField(max_length=3)
    product = models.ForeignKey("policies.Product", on_delete=models.CASCADE, related_name="+")
    seller = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    renewal = models.BooleanField()
    policies = models.PositiveIntegerField()
    net_premium = models.DecimalField(**AMOUNT)  # gross written premium, before tax
    total_premium = models.DecimalField(**AMOUNT)
    commission = models.DecimalField(**AMOUNT)

    class Meta:
        indexes = [
            models.Index(fields=["month", "dealer"]),
            models.Index(fields=["dealer", "month"]),
        ]


class DealMonth(Summary):
    """Deals (vehicles retailed), not counting cancelled deals: penetration's denominator
    (per market and brand: a smart retailer's deals are not a Lexus product's)."""

    brand = models.CharField(max_length=10)
    seller = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    deals = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["month", "dealer"])]


class OfferMonth(Summary):
    """By the deal's month and product: deals with a policy of it, offers made, declined."""

    seller = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    product = models.ForeignKey("policies.Product", on_delete=models.CASCADE, related_name="+")
    # two inserts fill a row each (offers; policies sold): the other counts are 0
    deals_sold = models.PositiveIntegerField(db_default=0)
    offered = models.PositiveIntegerField(db_default=0)
    declined = models.PositiveIntegerField(db_default=0)

    class Meta:
        indexes = [models.Index(fields=["month", "dealer"])]


class DeclineMonth(Summary):
    """Declines by the deal's month, product and reason."""

    seller = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    product = models.ForeignKey("policies.Product", on_delete=models.CASCADE, related_name="+")
    reason_code = models.CharField(max_length=20)
    declines = models.PositiveIntegerField()


class CancellationMonth(Summary):
    currency = models.CharField(max_length=3)
    product = models.ForeignKey("policies.Product", on_delete=models.CASCADE, related_name="+")
    seller = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    cancellations = models.PositiveIntegerField()
    refunds = models.DecimalField(**AMOUNT)


class RenewalMonth(Summary):
    """Policies that renew, by the month their period ends: renewed, lapsed, or due."""

    currency = models.CharField(max_length=3)
    product = models.ForeignKey("policies.Product", on_delete=models.CASCADE, related_name="+")
    seller = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    due = models.PositiveIntegerField()  # renewed + lapsed + still live
    renewed = models.PositiveIntegerField()
    lapsed = models.PositiveIntegerField()
    premium_due = models.DecimalField(**AMOUNT)


class ClaimMonth(Summary):
    """Claims by the month they were notified."""

    currency = models.CharField(max_length=3)
    product = models.ForeignKey("policies.Product", on_delete=models.CASCADE, related_name="+")
    seller = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    claims = models.PositiveIntegerField()
    declined = models.PositiveIntegerField()
    open = models.PositiveIntegerField()
    paid = models.DecimalField(**AMOUNT)
    approved_unpaid = models.DecimalField(**AMOUNT)


class Refresh(models.Model):
    """One rebuild of the summaries: when, how long; the row also serialises rebuilds."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True)
    seconds = models.FloatField(null=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("dashboard refresh")

    def __str__(self) -> str:
        return f"refresh {self.started_at:%Y-%m-%d %H:%M}"
