from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Agreement, AgreementParty, AgreementSection


class SectionInline(admin.StackedInline):
    model = AgreementSection
    extra = 0


class PartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 0
    raw_id_fields = ["partner", "approved_by", "signed_recorded_by", "plan_version"]
    exclude = ["scan"]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "kind", "version", "status", "language"]
    list_filter = ["kind", "status", "language"]
    search_fields = ["title", "number", "partnership__code"]
    raw_id_fields = ["partnership", "amends", "plan_version", "created_by"]
    inlines = [PartyInline, SectionInline]


@admin.register(AgreementSection)
class AgreementSectionAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "key", "edited"]
    raw_id_fields = ["agreement"]


@admin.register(AgreementParty)
class AgreementPartyAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "partner", "approved_at", "signed_on"]
    raw_id_fields = ["agreement", "partner", "approved_by", "signed_recorded_by", "plan_version"]
    exclude = ["scan"]
