"""Head office edits the value measures' thresholds (with their history, in the audit
trail) and reads the daily reports of breaches."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import BreachReport, ThresholdBreach, ValueThreshold


@admin.register(ValueThreshold)
class ValueThresholdAdmin(SimpleHistoryAdmin):
    """A product's measure that should be at least (or at most) a share; a figure beyond it
    is flagged on the value page and reported daily to head office."""

    list_display = ["product", "measure", "bound", "share", "notes"]
    list_filter = ["product__market", "product", "measure"]
    list_editable = ["share"]


class ThresholdBreachInline(admin.TabularInline):
    model = ThresholdBreach
    extra = 0
    can_delete = False
    readonly_fields = ["threshold", "dealer", "value"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(BreachReport)
class BreachReportAdmin(admin.ModelAdmin):
    list_display = ["day", "breaches", "emailed"]
    readonly_fields = ["day", "breaches", "emailed"]
    inlines = [ThresholdBreachInline]

    def has_add_permission(self, request) -> bool:
        return False
