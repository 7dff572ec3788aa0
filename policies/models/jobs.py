"""The daily jobs' records: a run and its chunks (what it did, its progress and its
errors), and the payment the renewal job takes before an automatic renewal."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .catalogue import MONEY
from .policy import Policy


class RenewalPayment(models.Model):
    """The payment for the next period of a policy that renews automatically, taken
    before the renewal date (recorded: there is no payment provider)."""

    policy = models.OneToOneField(Policy, on_delete=models.PROTECT, related_name="renewal_payment")
    amount = models.DecimalField(_("amount"), **MONEY)
    due_on = models.DateField(_("due on"))
    collected_at = models.DateTimeField(_("collected at"))

    class Meta:
        verbose_name = _("renewal payment")
        verbose_name_plural = _("renewal payments")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="renewal_payment_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.policy.number}: {self.amount} on {self.due_on}"


class JobRun(models.Model):
    """One run of a daily job for a date: what it did, its errors, and its progress while
    it runs (managers see these in the app)."""

    job = models.CharField(_("job"), max_length=40)
    run_date = models.DateField(_("for the date"))
    started_at = models.DateTimeField(_("started at"))
    started_by = models.CharField(_("started by"), max_length=200, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    horizon = models.DateField(_("policies ending up to"), null=True, blank=True)
    total = models.PositiveIntegerField(_("policies to look at"), default=0)
    done = models.PositiveIntegerField(_("policies looked at"), default=0)
    counts = models.JSONField(_("what it did"), default=dict)  # {dealer id: {step: n}}
    errors = models.JSONField(_("errors"), default=list)  # the first ERRORS_KEPT
    error_count = models.PositiveIntegerField(_("errors"), default=0)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")

    def __str__(self) -> str:
        return f"{self.job} for {self.run_date}"


class JobChunk(models.Model):
    """A slice of a job run's policies (ids first_pk..last_pk that were due), done by one
    task in one transaction; done once, whatever the number of deliveries."""

    run = models.ForeignKey(JobRun, on_delete=models.CASCADE, related_name="chunks")
    first_pk = models.BigIntegerField()
    last_pk = models.BigIntegerField()
    size = models.PositiveIntegerField()
    finished_at = models.DateTimeField(null=True, blank=True)
    done_by = models.CharField(max_length=200, blank=True)  # the worker's name
    counts = models.JSONField(default=dict)
    errors = models.JSONField(default=list)

    class Meta:
        ordering = ["run", "first_pk"]

    def __str__(self) -> str:
        return f"{self.run}: {self.first_pk}-{self.last_pk}"
