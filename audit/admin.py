from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DataRetention, PrivacyRequest


@admin.register(DataRetention)
class DataRetentionAdmin(SimpleHistoryAdmin):
    list_display = ["market", "years", "basis"]


@admin.register(PrivacyRequest)
class PrivacyRequestAdmin(admin.ModelAdmin):
    """A record of what was done: read only."""

    list_display = ["requested_at", "kind", "outcome", "customer", "reference", "requested_by"]
    list_filter = ["kind", "outcome"]
    readonly_fields = [f.name for f in PrivacyRequest._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
