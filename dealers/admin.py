"""Head office administration. Admin is for head office staff (is_staff); dealers work in
the application's own pages."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import ApiToken, Customer, Deal, Dealer, DealerGroup, Role, User, Vehicle
from .versioning import version_claim


def head_office_only(request) -> bool:
    """The admin shows every dealer's records, so it is head office's alone: a dealer's
    member of staff given the staff (or superuser) flag by mistake still gets no page."""
    user = request.user
    return user.is_active and user.is_staff and getattr(user, "role", None) == Role.HEAD_OFFICE


admin.site.has_permission = head_office_only


@admin.register(DealerGroup)
class DealerGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "market"]
    list_filter = ["market"]
    search_fields = ["name"]


@admin.register(Dealer)
class DealerAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "code",
        "group",
        "market",
        "brand",
        "currency",
        "language",
        "regulator_number",
        "active",
    ]
    list_filter = ["market", "group", "active"]
    search_fields = ["name", "code", "postcode", "regulator_number"]
    list_select_related = ["group"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = [
        "username",
        "first_name",
        "last_name",
        "role",
        "dealer",
        "dealer_group",
        "is_active",
    ]
    list_filter = ["role", "dealer__market", "is_active", "is_staff"]
    list_select_related = ["dealer", "dealer_group"]
    search_fields = ["username", "first_name", "last_name", "email", "dealer__name"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (_("Dealer and role"), {"fields": ["role", "dealer", "dealer_group", "phone"]}),
    ]
    add_fieldsets = [
        *BaseUserAdmin.add_fieldsets,
        (
            _("Dealer and role"),
            {"fields": ["first_name", "last_name", "email", "role", "dealer", "dealer_group"]},
        ),
    ]


class VersionedAdmin(SimpleHistoryAdmin):
    """Head office's edits in the admin move the record to its next version too, so a
    page a member of staff opened before is told of the change (dealers.versioning)."""

    def save_model(self, request, obj, form, change):
        if change:
            with transaction.atomic():
                version_claim(obj, None)
                super().save_model(request, obj, form, change)
        else:
            super().save_model(request, obj, form, change)


@admin.register(Customer)
class CustomerAdmin(VersionedAdmin):
    list_display = ["__str__", "kind", "dealer", "email", "postcode", "created_at"]
    list_filter = ["kind", "dealer__market", "dealer"]
    list_select_related = ["dealer"]
    search_fields = [
        "first_name",
        "last_name",
        "company_name",
        "email",
        "codice_fiscale",
        "partita_iva",
    ]
    raw_id_fields = ["created_by"]


@admin.register(Vehicle)
class VehicleAdmin(VersionedAdmin):
    list_display = ["__str__", "vin", "condition", "invoice_price", "finance_type", "dealer"]
    list_filter = ["condition", "vehicle_type", "finance_type", "dealer__market"]
    list_select_related = ["dealer"]
    search_fields = ["vin", "registration", "model"]
    raw_id_fields = ["customer"]


@admin.register(Deal)
class DealAdmin(VersionedAdmin):
    list_display = ["__str__", "deal_date", "dealer", "salesperson", "status"]
    list_filter = ["status", "dealer__market", "dealer"]
    list_select_related = ["dealer", "customer", "vehicle", "salesperson"]
    date_hierarchy = "deal_date"
    raw_id_fields = ["customer", "vehicle", "salesperson", "created_by"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Keys are made with `manage.py issue_api_token`; here they can be seen and revoked."""

    list_display = ["prefix", "user", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "key_hash", "user", "created_at", "last_used_at"]
    list_filter = ["revoked_at"]

    def has_add_permission(self, request):
        return False
