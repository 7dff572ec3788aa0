"""Head office sees claims here too; moves are made on the claim page, through the
workflow, so the admin shows them read-only."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Claim, ClaimFile, ClaimStatusChange


class ClaimStatusChangeInline(admin.TabularInline):
    model = ClaimStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["changed_at", "changed_by", "from_status", "to_status", "action",
                       "reason", "amount"]  # fmt: skip
    fields = readonly_fields
    exclude = ["assessment"]

    def has_add_permission(self, request, obj=None):
        return False


class ClaimFileInline(admin.TabularInline):
    model = ClaimFile
    extra = 0
    can_delete = False
    readonly_fields = ["name", "kind", "content_type", "size", "checksum", "uploaded_by",
                       "uploaded_at"]  # fmt: skip
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ["number", "policy", "dealer", "event", "loss_date", "status",
                    "settled_amount", "currency"]  # fmt: skip
    list_filter = ["status", "decision", "policy__product", "dealer__market"]
    search_fields = ["number", "policy__number", "policy__customer__last_name"]
    readonly_fields = ["number", "policy", "dealer", "status", "decision", "approved_amount",
                       "settled_amount", "payee", "settled_on", "assessment", "notified_by",
                       "notified_at", "currency"]  # fmt: skip
    inlines = [ClaimStatusChangeInline, ClaimFileInline]
