from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from simitra.accounts.models import Membership

from .models import Capability, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "acronym", "sector", "iati_identifier", "created_at"]
    list_filter = ["sector", "sdg_goals"]
    search_fields = ["name", "acronym", "iati_identifier", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sdg_goals", "capabilities"]
    raw_id_fields = ["regions"]
    inlines = [MembershipInline]


@admin.register(Capability)
class CapabilityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
