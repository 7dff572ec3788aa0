"""Staff: their roles, the member of staff (the user model) and their API tokens."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..markets import MARKETS
from .network import Dealer, DealerGroup


class Role(models.TextChoices):
    SALES_EXECUTIVE = "sales_executive", _("Sales executive")
    BUSINESS_MANAGER = "business_manager", _("Business manager")
    SALES_MANAGER = "sales_manager", _("Sales manager")
    DEALER_PRINCIPAL = "dealer_principal", _("Dealer principal")
    GROUP_MANAGER = "group_manager", _("Group manager")
    HEAD_OFFICE = "head_office", _("Head office")


DEALER_ROLES = (
    Role.SALES_EXECUTIVE,
    Role.BUSINESS_MANAGER,
    Role.SALES_MANAGER,
    Role.DEALER_PRINCIPAL,
)
MANAGER_ROLES = (Role.SALES_MANAGER, Role.DEALER_PRINCIPAL, Role.GROUP_MANAGER, Role.HEAD_OFFICE)


class StaffManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        """A superuser is head office (`manage.py createsuperuser`): the default role, a
        sales executive, needs a dealer, and the role/scope constraint refused the row."""
        extra_fields.setdefault("role", Role.HEAD_OFFICE)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A member of staff: at a dealer with a role, a group manager, or head office."""

    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.SALES_EXECUTIVE
    )
    dealer = models.ForeignKey(
        Dealer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("dealer"),
    )
    dealer_group = models.ForeignKey(
        DealerGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managers",
        verbose_name=_("dealer group"),
        help_text=_("Group managers only: the group whose dealers they oversee."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)
    # The trail records a password change by its date, never the hash; logins are not
    # changes to the member of staff (dealers.signals keeps them out of the trail).
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = StaffManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("member of staff")
        verbose_name_plural = _("staff")
        constraints = [
            models.CheckConstraint(
                condition=(Q(role__in=[r.value for r in DEALER_ROLES]) & Q(dealer__isnull=False))
                | (Q(role=Role.GROUP_MANAGER) & Q(dealer_group__isnull=False))
                | Q(role=Role.HEAD_OFFICE),
                name="user_role_has_its_scope",
            )
        ]

    def clean(self) -> None:
        super().clean()
        if self.role in DEALER_ROLES and not self.dealer_id:
            raise ValidationError({"dealer": _("Dealer staff must belong to a dealer.")})
        if self.role == Role.GROUP_MANAGER and not self.dealer_group_id:
            raise ValidationError({"dealer_group": _("A group manager must have a dealer group.")})

    def set_password(self, raw_password: str | None) -> None:
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    @property
    def is_head_office(self) -> bool:
        return self.role == Role.HEAD_OFFICE

    @property
    def is_manager(self) -> bool:
        return self.role in MANAGER_ROLES

    @property
    def market(self) -> str | None:
        if self.dealer_id:
            return self.dealer.market
        if self.dealer_group_id:
            return self.dealer_group.market
        return None

    @property
    def language(self) -> str:
        if self.dealer_id:
            return self.dealer.language
        if self.dealer_group_id:
            return MARKETS[self.dealer_group.market].language
        return settings.LANGUAGE_CODE


class ApiToken(models.Model):
    """A key for the calculation API. Only a hash is stored; the key is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
