"""The policy: its status and payment plan, its number sequence, its instalments and
its mid-term changes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .catalogue import MONEY, Product, RateCard


class PolicyStatus(models.TextChoices):
    LIVE = "live", _("In force")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")
    LAPSED = "lapsed", _("Lapsed")
    RENEWED = "renewed", _("Renewed")


class PaymentPlan(models.TextChoices):
    SINGLE = "single", _("Single payment")
    MONTHLY = "monthly", _("Monthly instalments")
    ANNUAL = "annual", _("Annual payment")


class PolicyNumberSequence(models.Model):
    """The last number issued per product (a product belongs to one market), taken under
    a row lock so that two sales never get the same number."""

    product = models.OneToOneField(Product, on_delete=models.PROTECT, related_name="+")
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.product.code}: {self.last_number}"


class Policy(models.Model):
    number = models.CharField(_("policy number"), max_length=30, unique=True)
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="policies")
    dealer = models.ForeignKey(
        "dealers.Dealer", on_delete=models.PROTECT, related_name="policies",
        verbose_name=_("dealer"),
    )  # fmt: skip
    deal = models.ForeignKey("dealers.Deal", on_delete=models.PROTECT, related_name="policies")
    customer = models.ForeignKey(
        "dealers.Customer", on_delete=models.PROTECT, related_name="policies",
        verbose_name=_("customer"),
    )  # fmt: skip
    vehicle = models.ForeignKey(
        "dealers.Vehicle", on_delete=models.PROTECT, related_name="policies",
        verbose_name=_("vehicle"),
    )  # fmt: skip
    sold_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="policies_sold",
        verbose_name=_("sold by"),
    )  # fmt: skip
    sold_at = models.DateTimeField(_("sold at"))
    status = models.CharField(
        _("status"), max_length=10, choices=PolicyStatus.choices, default=PolicyStatus.LIVE
    )
    start_date = models.DateField(_("cover starts"))
    end_date = models.DateField(_("cover ends"))
    term_months = models.PositiveSmallIntegerField(_("term (months)"))
    payment_plan = models.CharField(_("payment plan"), max_length=10, choices=PaymentPlan.choices)
    currency = models.CharField(_("currency"), max_length=3)
    net_premium = models.DecimalField(_("net premium"), **MONEY)
    tax_total = models.DecimalField(_("taxes"), **MONEY)
    fee_total = models.DecimalField(_("fees"), **MONEY)
    total_premium = models.DecimalField(_("total premium"), **MONEY)
    commission = models.DecimalField(_("dealer commission"), default=0, **MONEY)
    breakdown = models.JSONField(_("premium breakdown"))
    answers = models.JSONField(_("answers"))
    # The version of its product's answers schema the answers were stored under
    # (policies/stored_answers.py): an old policy reads after the questions change.
    answers_version = models.PositiveSmallIntegerField(_("answers version"), default=1)
    # What the proposal asked at the sale beyond the priced answers (motor: the drivers).
    proposal = models.JSONField(_("proposal"), default=dict, blank=True)
    rate_card = models.ForeignKey(
        RateCard, on_delete=models.PROTECT, related_name="policies", verbose_name=_("rate card")
    )
    submission_key = models.CharField(max_length=64, unique=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    refund = models.DecimalField(_("refund"), null=True, blank=True, **MONEY)
    cancellation_fee = models.DecimalField(_("cancellation fee"), null=True, blank=True, **MONEY)
    cancellation_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    # The optional extras that ended with the policy (motor: MotorExtra codes), as data.
    cancelled_extras = models.JSONField(_("extras cancelled with it"), default=list, blank=True)
    # Renewal (issue 6): the customer's preference, and what the daily job has done.
    auto_renew = models.BooleanField(_("renews automatically"), default=False)
    invited_on = models.DateField(_("renewal invitation sent on"), null=True, blank=True)
    reminded_on = models.DateField(_("renewal reminder sent on"), null=True, blank=True)
    # The customer accepted the invitation's offer of a policy that did not renew by itself
    # (issue 20): from then on it renews as if opted in.
    renewal_accepted_at = models.DateTimeField(_("renewal accepted at"), null=True, blank=True)
    renewed_from = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="renewal",
        verbose_name=_("renewal of"),
    )  # fmt: skip
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=300, blank=True)
    # Bumped by every change through the services (dealers.versioning): a cancellation or
    # change confirmed on a page shown before another one is a conflict, not an overwrite.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-sold_at", "-id"]
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        indexes = [
            models.Index(fields=["dealer", "sold_at"]),
            models.Index(fields=["product", "status"]),
            models.Index(fields=["status", "end_date"]),  # the daily renewal job's look
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gt=models.F("start_date")),
                                   name="policy_ends_after_it_starts"),
            models.CheckConstraint(condition=Q(total_premium__gte=0), name="premium_not_negative"),
            models.UniqueConstraint(fields=["deal", "product"], condition=Q(status="live"),
                                    name="one_live_policy_per_product_and_deal"),
            models.CheckConstraint(
                condition=~Q(status="cancelled")
                | Q(cancelled_on__isnull=False, refund__isnull=False),
                name="a_cancelled_policy_has_its_date_and_refund",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.number


class Instalment(models.Model):
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="instalments")
    sequence = models.PositiveSmallIntegerField(_("instalment"))
    due_date = models.DateField(_("due on"))
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        ordering = ["policy", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "sequence"], name="one_instalment_per_slot"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="instalment_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.policy.number} #{self.sequence}"


class ChangeKind(models.TextChoices):
    ADDRESS = "address", _("Address")
    CAR = "car", _("Car")
    DRIVERS = "drivers", _("Drivers")


class PolicyChange(models.Model):
    """A mid-term change, with the premium difference the customer agreed to."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("change"), max_length=10, choices=ChangeKind.choices)
    effective_on = models.DateField(_("effective on"))
    details = models.JSONField(_("details"))
    premium_difference = models.DecimalField(_("premium difference"), **MONEY)
    # A member of staff, or none when the customer made the change on their own page.
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        blank=True,
    )  # fmt: skip
    by_customer = models.BooleanField(_("made by the customer"), default=False)
    made_at = models.DateTimeField(_("made at"))

    class Meta:
        ordering = ["policy", "made_at"]
        verbose_name = _("mid-term change")
        verbose_name_plural = _("mid-term changes")
        constraints = [
            models.CheckConstraint(
                condition=Q(made_by__isnull=False, by_customer=False)
                | Q(made_by__isnull=True, by_customer=True),
                name="a_change_is_made_by_staff_or_the_customer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.policy.number}: {self.kind} on {self.effective_on}"
