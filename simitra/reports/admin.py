from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import NarrativeVersion, Report, ReportSection, ReportTemplate, TemplateSection


class TemplateSectionInline(admin.TabularInline):
    model = TemplateSection
    extra = 0


@admin.register(ReportTemplate)
class ReportTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["title", "key", "organisation", "language", "period_kind"]
    search_fields = ["title", "key", "organisation__name"]
    inlines = [TemplateSectionInline]


class ReportSectionInline(admin.TabularInline):
    model = ReportSection
    extra = 0
    fields = ["order", "kind", "title", "assigned_to", "status"]
    readonly_fields = fields
    can_delete = False


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "period_end", "status", "finalised_at"]
    list_filter = ["status", "language"]
    search_fields = ["title", "partnership__code"]
    # A final report is frozen: its content and files are read, never edited, here too.
    readonly_fields = [
        "snapshot",
        "snapshot_at",
        "finalised_at",
        "finalised_by",
        "pdf",
        "pdf_sha256",
        "docx",
        "docx_sha256",
        "xlsx",
        "xlsx_sha256",
        "status",
    ]
    inlines = [ReportSectionInline]


@admin.register(ReportSection)
class ReportSectionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "report", "kind", "assigned_to", "status"]
    list_filter = ["kind", "status"]


@admin.register(NarrativeVersion)
class NarrativeVersionAdmin(admin.ModelAdmin):
    list_display = ["section", "number", "written_by", "written_at"]
    readonly_fields = ["section", "number", "text", "written_by", "written_at"]
