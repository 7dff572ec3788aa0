"""Monthly summaries the managers' dashboards read, rebuilt from the records by
dashboards/refresh.py (every few minutes, and at once on demand).

A page adds up a few thousand summary rows instead of a million policies, so it answers
in the same time whatever the size of the book. Every row carries its market and
currency: figures are summed per currency, never across. `month` is the first day of the
month the figure belongs to (sold, dealt, cancelled, ending, notified).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

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
    """Cancellations by the month cancelled; within the product's cooling-off period (up to
    start of cover + `cooling_off_days`) and after it (a product without one: all after)."""

    currency = models.CharField(max_length=3)
    product = models.ForeignKey("policies.Product", on_delete=models.CASCADE, related_name="+")
    seller = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    cancellations = models.PositiveIntegerField()
    within_cooling_off = models.PositiveIntegerField(db_default=0)
    after_cooling_off = models.PositiveIntegerField(db_default=0)
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


class PolicyFlowMonth(Summary):
    """Policies starting cover (by start_date's month) and ending it (by the month of
    COALESCE(cancelled_on, ended_on, end_date)): in force at the start of a month is every
    start before it less every end before it. Two inserts fill a row each."""

    currency = models.CharField(max_length=3)
    product = models.ForeignKey("policies.Product", on_delete=models.CASCADE, related_name="+")
    started = models.PositiveIntegerField(db_default=0)
    ended = models.PositiveIntegerField(db_default=0)

    class Meta:
        indexes = [models.Index(fields=["month", "dealer"])]


class ClaimEventMonth(Summary):
    """Claims by what happened in the month: registered (notified) and of those later
    withdrawn, by the month notified; accepted or declined, by the month of the decision
    (ClaimStatusChange); settled and paid, by settled_on. Three inserts fill a row each."""

    currency = models.CharField(max_length=3)
    product = models.ForeignKey("policies.Product", on_delete=models.CASCADE, related_name="+")
    registered = models.PositiveIntegerField(db_default=0)
    withdrawn = models.PositiveIntegerField(db_default=0)
    accepted = models.PositiveIntegerField(db_default=0)
    declined = models.PositiveIntegerField(db_default=0)
    settled = models.PositiveIntegerField(db_default=0)
    paid = models.DecimalField(max_digits=16, decimal_places=2, db_default=0)


class ComplaintMonth(Summary):
    """Complaints by the month received, product (None: not about one), category and
    outcome; redress paid in the complaint's currency."""

    currency = models.CharField(max_length=3)
    product = models.ForeignKey(
        "policies.Product", on_delete=models.CASCADE, null=True, related_name="+"
    )
    category = models.CharField(max_length=20)
    outcome = models.CharField(max_length=20)
    complaints = models.PositiveIntegerField()
    redress = models.DecimalField(**AMOUNT)


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


class Measure(models.TextChoices):
    """The value measures a threshold may be set on (shares; the average pay-out is money
    and has none)."""

    CLAIMS_FREQUENCY = "claims_frequency", _("Claims frequency")
    ACCEPTANCE = "acceptance", _("Claims acceptance rate")
    CLAIM_COMPLAINTS = "claim_complaints", _("Claims complaints as a share of claims")
    PAYOUT_SHARE = "payout_share", _("Claims paid as a share of premium")
    COMMISSION_SHARE = "commission_share", _("Commission as a share of premium")
    CANCELLED_WITHIN = "cancelled_within", _("Cancelled within the cooling-off period")
    CANCELLED_AFTER = "cancelled_after", _("Cancelled after the cooling-off period")
    DECLINED_SHARE = "declined_share", _("Customers offered the product who declined it")


class Bound(models.TextChoices):
    MIN = "min", _("at least")
    MAX = "max", _("at most")


class ValueThreshold(models.Model):
    """What head office expects of a product's value measure: a share it should be at least
    (claims paid of premium) or at most (commission). A figure beyond it is a breach,
    flagged on the value page and reported by the daily job."""

    product = models.ForeignKey(
        "policies.Product", on_delete=models.CASCADE, related_name="+", verbose_name=_("product")
    )
    measure = models.CharField(_("measure"), max_length=30, choices=Measure.choices)
    bound = models.CharField(_("the figure should be"), max_length=3, choices=Bound.choices)
    share = models.DecimalField(_("share"), max_digits=5, decimal_places=4,
                                help_text=_("A share: 0.2000 is 20%."))  # fmt: skip
    notes = models.CharField(_("reading"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["product", "measure", "bound"]
        verbose_name = _("value threshold")
        verbose_name_plural = _("value thresholds")
        constraints = [
            models.UniqueConstraint(fields=["product", "measure", "bound"],
                                    name="one_value_threshold_per_bound"),
            models.CheckConstraint(condition=Q(share__gte=0), name="value_threshold_not_negative"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return (
            f"{self.product}: {self.get_measure_display()} {self.get_bound_display()} {self.share}"
        )

    def breached_by(self, value) -> bool:
        if value is None:
            return False
        return value < self.share if self.bound == Bound.MIN else value > self.share


class BreachReport(models.Model):
    """The daily job's run for a day: claimed first (unique day), so a second run the same
    day finds it and emails nobody again."""

    day = models.DateField(unique=True)
    breaches = models.PositiveIntegerField(default=0)
    emailed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("value breach report")

    def __str__(self) -> str:
        return f"breaches of {self.day:%Y-%m-%d}"


class ThresholdBreach(models.Model):
    """A figure of the last twelve months beyond its threshold, found on `day`: a
    product's (dealer empty) or a dealer's for the product."""

    report = models.ForeignKey(BreachReport, on_delete=models.CASCADE, related_name="rows")
    day = models.DateField()
    threshold = models.ForeignKey(ValueThreshold, on_delete=models.CASCADE, related_name="+")
    dealer = models.ForeignKey(
        "dealers.Dealer", on_delete=models.CASCADE, null=True, related_name="+"
    )
    value = models.DecimalField(max_digits=12, decimal_places=4)

    class Meta:
        ordering = ["day", "threshold", "dealer"]
        verbose_name = _("value threshold breach")
        constraints = [
            models.UniqueConstraint(fields=["day", "threshold", "dealer"],
                                    name="one_breach_a_day"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.threshold} on {self.day:%Y-%m-%d}: {self.value}"
