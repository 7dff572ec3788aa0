from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ComplaintRule


@admin.register(ComplaintRule)
class ComplaintRuleAdmin(SimpleHistoryAdmin):
    """Head office confirms and edits each market's reading of its regulator's rule; a
    complaint keeps the deadlines it was given when it was recorded."""

    list_display = [
        "market", "regulator", "reference", "acknowledge_days", "summary_resolution_days",
        "final_response_days", "final_response_unit",
    ]  # fmt: skip
