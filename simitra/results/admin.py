from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    BeneficiaryCount,
    BeneficiaryGroup,
    Dimension,
    DimensionCategory,
    FrameworkApproval,
    FrameworkProposal,
    Indicator,
    IndicatorValue,
    Period,
    Result,
)


class CategoryInline(admin.TabularInline):
    model = DimensionCategory
    extra = 0


@admin.register(Dimension)
class DimensionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "partnership"]
    search_fields = ["name", "partnership__code"]
    inlines = [CategoryInline]


@admin.register(Result)
class ResultAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "order"]
    search_fields = ["title", "partnership__code"]


class PeriodInline(admin.TabularInline):
    model = Period
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "type", "measure", "responsible_partner"]
    list_filter = ["type", "measure", "frequency"]
    search_fields = ["title", "code", "partnership__code"]
    raw_id_fields = ["result", "responsible_partner", "partnership"]
    inlines = [PeriodInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):
    list_display = ["period", "category", "value", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["period__indicator__title", "period__indicator__partnership__code"]
    raw_id_fields = ["period", "category"]


class ApprovalInline(admin.TabularInline):
    model = FrameworkApproval
    extra = 0
    readonly_fields = ["partner", "approved_by", "approved_at"]


@admin.register(FrameworkProposal)
class FrameworkProposalAdmin(admin.ModelAdmin):
    list_display = ["partnership", "version", "proposed_by", "proposed_at", "superseded_at"]
    readonly_fields = ["snapshot", "fingerprint"]
    inlines = [ApprovalInline]


class CountInline(admin.TabularInline):
    model = BeneficiaryCount
    extra = 0


@admin.register(BeneficiaryGroup)
class BeneficiaryGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "partnership", "planned", "reached"]
    search_fields = ["name", "partnership__code"]
    inlines = [CountInline]
