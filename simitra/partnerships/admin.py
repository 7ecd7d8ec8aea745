from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ObserverGrant, Partner, Partnership, PhaseTransition


class PartnerInline(admin.TabularInline):
    model = Partner
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "phase", "status", "visibility", "start_date", "end_date"]
    list_filter = ["phase", "status", "visibility"]
    search_fields = ["code", "title", "summary"]
    filter_horizontal = ["coordinators"]
    raw_id_fields = ["regions", "sdg_targets"]
    inlines = [PartnerInline]


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = [
        "organisation",
        "partnership",
        "status",
        "iati_role",
        "local_role",
        "relationship",
    ]
    list_filter = ["status", "iati_role", "local_role", "relationship"]
    search_fields = ["organisation__name", "partnership__code", "partnership__title"]
    autocomplete_fields = ["organisation", "partnership"]


@admin.register(ObserverGrant)
class ObserverGrantAdmin(SimpleHistoryAdmin):
    list_display = ["user", "partnership", "region", "created_at"]
    search_fields = ["user__username", "partnership__code", "region__name"]
    autocomplete_fields = ["user", "partnership", "region"]


@admin.register(PhaseTransition)
class PhaseTransitionAdmin(admin.ModelAdmin):
    list_display = [
        "partnership",
        "from_phase",
        "to_phase",
        "moved_by",
        "moved_at",
        "gate_passed",
        "overridden",
    ]
    list_filter = ["gate_passed", "overridden", "to_phase"]
    search_fields = ["partnership__code", "reason"]
    readonly_fields = [f.name for f in PhaseTransition._meta.fields]

    def has_add_permission(self, request):
        return False
