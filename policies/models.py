"""Products and the data head office edits: rate cards (versioned by effective date),
taxes, fees, and the readings of PRODUCTS.md ("Reading:") as product settings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dealers.models import Brand, Market
from products.registry import UnknownProduct, product_codes

__all__ = ["UnknownProduct"]  # the registry's: an unknown code is an error everywhere

RATE = {"max_digits": 12, "decimal_places": 4}
MONEY = {"max_digits": 12, "decimal_places": 2}


def registered_product(code: str) -> None:
    """A product code some registered product has (settings.INSURANCE_PRODUCTS)."""
    if code not in product_codes():
        raise ValidationError(_("There is no product %(code)s.") % {"code": code})


class Product(models.Model):
    # A code of a registered product (products.registry): a new product needs no migration.
    code = models.CharField(_("code"), max_length=30, unique=True,
                            validators=[registered_product])  # fmt: skip
    name = models.CharField(_("name"), max_length=120)
    market = models.CharField(_("market"), max_length=2, choices=Market.choices)
    brand = models.CharField(_("brand"), max_length=10, choices=Brand.choices, default=Brand.LEXUS)
    currency = models.CharField(_("currency"), max_length=3)
    renewable = models.BooleanField(_("renewable"), default=False)
    active = models.BooleanField(_("on sale"), default=True)
    insurer = models.CharField(_("insurer"), max_length=160, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["market", "name"]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self) -> str:
        return self.name


class ProductSetting(models.Model):
    """A reading or limit of PRODUCTS.md that head office may change, as JSON."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="settings")
    key = models.CharField(_("key"), max_length=60)
    value = models.JSONField(_("value"))
    description = models.CharField(_("what it means"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["product", "key"]
        verbose_name = _("product setting")
        verbose_name_plural = _("product settings")
        constraints = [
            models.UniqueConstraint(fields=["product", "key"], name="one_setting_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.product.code}: {self.key}"


class RateCard(models.Model):
    """The rates of a product from a date. The card in force on a date is the one with
    the latest effective_from on or before it; a policy keeps the card it was sold with."""

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="rate_cards")
    effective_from = models.DateField(_("effective from"))
    version = models.CharField(_("version"), max_length=40)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["product", "-effective_from"]
        verbose_name = _("rate card")
        verbose_name_plural = _("rate cards")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "effective_from"], name="one_rate_card_per_product_and_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.product.code} {self.version} (from {self.effective_from:%Y-%m-%d})"


class RateCardEntry(models.Model):
    """One rate: a key such as `term:36|nip_up_to:50000` or `option:legal_expenses` and its
    value (a premium, a percentage or a factor; the description says which)."""

    rate_card = models.ForeignKey(RateCard, on_delete=models.CASCADE, related_name="entries")
    key = models.CharField(_("key"), max_length=80)
    value = models.DecimalField(_("value"), **RATE)
    description = models.CharField(_("description"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["rate_card", "key"]
        verbose_name = _("rate")
        verbose_name_plural = _("rates")
        constraints = [
            models.UniqueConstraint(fields=["rate_card", "key"], name="one_rate_per_key"),
            models.CheckConstraint(condition=Q(value__gte=0), name="rate_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"


class TaxRate(models.Model):
    """A tax on a product's premium, by market and (for stamp duty) region.

    `tax_class` limits the tax to premium components of that class (Italy: roadside
    assistance is taxed at 10%, the other covers at 13.5%); blank taxes every component.
    `on_taxes` adds the taxes listed before it to the base (AU stamp duty is charged on the
    premium including GST)."""

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="taxes")
    code = models.CharField(_("code"), max_length=30)
    label = models.CharField(_("label"), max_length=80)
    region = models.CharField(_("region"), max_length=10, blank=True)
    tax_class = models.CharField(_("premium class"), max_length=30, blank=True)
    rate = models.DecimalField(_("rate"), max_digits=7, decimal_places=5)
    on_taxes = models.BooleanField(_("charged on the taxes before it"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["product", "position", "code", "region"]
        verbose_name = _("tax rate")
        verbose_name_plural = _("tax rates")
        constraints = [
            models.CheckConstraint(condition=Q(rate__gte=0) & Q(rate__lt=1), name="tax_rate_0_1"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gt=models.F("effective_from")),
                name="tax_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        where = f" {self.region}" if self.region else ""
        return f"{self.product.code} {self.code}{where} {self.rate:%}"


class Fee(models.Model):
    """A fixed fee: the SMART Cover and motor cancellation administration fees."""

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="fees")
    code = models.CharField(_("code"), max_length=30)
    label = models.CharField(_("label"), max_length=80)
    amount = models.DecimalField(_("amount"), **MONEY)
    effective_from = models.DateField(_("effective from"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["product", "code", "-effective_from"]
        verbose_name = _("fee")
        verbose_name_plural = _("fees")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "code", "effective_from"], name="one_fee_per_code_and_date"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="fee_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.product.code} {self.code} {self.amount}"


class CommissionRate(models.Model):
    """The dealer's commission on a product, as a share of the net premium, from a date.
    A rate for a dealer comes before the product's rate for every dealer (dealer empty).
    A policy keeps the commission worked out at its sale."""

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="commission_rates")
    dealer = models.ForeignKey(
        "dealers.Dealer", on_delete=models.PROTECT, null=True, blank=True,
        related_name="commission_rates", verbose_name=_("dealer (empty: every dealer)"),
    )  # fmt: skip
    rate = models.DecimalField(_("share of the net premium"), max_digits=5, decimal_places=4)
    effective_from = models.DateField(_("effective from"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["product", "dealer", "-effective_from"]
        verbose_name = _("commission rate")
        verbose_name_plural = _("commission rates")
        constraints = [
            models.UniqueConstraint(fields=["product", "dealer", "effective_from"],
                                    name="one_commission_rate_per_date"),
            models.CheckConstraint(condition=Q(rate__gte=0) & Q(rate__lte=1),
                                   name="commission_rate_a_share"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.product.code} {self.dealer or '*'} {self.rate}"


# --- the sale: what was offered, disclosed and sold ---------------------------------


class Decision(models.TextChoices):
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class DeclineReason(models.TextChoices):
    """Why a customer declined a product, as managers count it; the words stay beside."""

    PRICE = "price", _("Too expensive")
    HAS_COVER = "has_cover", _("Already covered elsewhere")
    NOT_NEEDED = "not_needed", _("Does not need it")
    THINKING = "thinking", _("Wants time to think")
    OTHER = "other", _("Other")


class Offer(models.Model):
    """A product put to the customer on a deal, and what they said (penetration and the
    demands-and-needs record are measured on these)."""

    deal = models.ForeignKey("dealers.Deal", on_delete=models.CASCADE, related_name="offers")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="offers")
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.OFFERED
    )
    reason_code = models.CharField(
        _("why declined"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["deal", "product__code"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.UniqueConstraint(fields=["deal", "product"], name="one_offer_per_product"),
            models.CheckConstraint(
                condition=~Q(decision="declined") | ~Q(reason_code=""),
                name="a_decline_has_a_reason_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deal_id} {self.product.code}: {self.decision}"


class DemandsNeeds(models.Model):
    """The customer's answers to the demands-and-needs questions on a deal."""

    deal = models.OneToOneField(
        "dealers.Deal", on_delete=models.CASCADE, related_name="demands_needs"
    )
    answers = models.JSONField(_("answers"), default=dict)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("demands and needs")
        verbose_name_plural = _("demands and needs")

    def __str__(self) -> str:
        return f"demands and needs of deal {self.deal_id}"


class DisclosureMethod(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    EMAIL = "email", _("By email")
    POST = "post", _("By post")


class Disclosure(models.Model):
    """The product information document (IPID, Set Informativo) given to the customer,
    recorded by the system on the day it is given (who gave it and how: never typed in
    later), then acknowledged at the sale; for a deferred (GAP) sale, whether the
    customer started the sale themselves and confirmed it in writing."""

    deal = models.ForeignKey("dealers.Deal", on_delete=models.CASCADE, related_name="disclosures")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="disclosures")
    document = models.CharField(_("document"), max_length=120)
    given_on = models.DateField(_("information given on"))
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        verbose_name=_("given by"),
    )  # fmt: skip
    given_how = models.CharField(
        _("given"), max_length=12, choices=DisclosureMethod.choices,
        default=DisclosureMethod.IN_PERSON,
    )  # fmt: skip
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        blank=True,
    )  # fmt: skip
    customer_initiated_on = models.DateField(
        _("customer started the sale on"), null=True, blank=True
    )
    written_confirmation = models.TextField(_("customer's written confirmation"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        constraints = [
            models.UniqueConstraint(fields=["deal", "product"], name="one_disclosure_per_product"),
            models.CheckConstraint(
                condition=Q(customer_initiated_on__isnull=True) | ~Q(written_confirmation=""),
                name="a_customer_start_is_confirmed_in_writing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} ({self.given_on})"


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
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField(_("made at"))

    class Meta:
        ordering = ["policy", "made_at"]
        verbose_name = _("mid-term change")
        verbose_name_plural = _("mid-term changes")

    def __str__(self) -> str:
        return f"{self.policy.number}: {self.kind} on {self.effective_on}"


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
