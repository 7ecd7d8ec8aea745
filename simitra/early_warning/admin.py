from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Alert, PartnershipWarning


@admin.register(PartnershipWarning)
class PartnershipWarningAdmin(admin.ModelAdmin):
    """Derived: recomputing rewrites it, so it is read-only here."""

    list_display = ["partnership", "level", "red_count", "amber_count", "computed_at"]
    list_filter = ["level"]
    search_fields = ["partnership__code", "partnership__title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Alert)
class AlertAdmin(SimpleHistoryAdmin):
    list_display = [
        "partnership",
        "signal",
        "severity",
        "raised_at",
        "resolved_at",
        "acknowledged_at",
    ]
    list_filter = ["signal", "severity"]
    search_fields = ["partnership__code"]
    raw_id_fields = ["partnership", "acknowledged_by"]
