from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import LossEvent, LossShare, Risk, RiskCategory, RiskShare


@admin.register(RiskCategory)
class RiskCategoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "code", "partnership"]


class ShareInline(admin.TabularInline):
    model = RiskShare
    extra = 0
    raw_id_fields = ["partner"]


@admin.register(Risk)
class RiskAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "category", "likelihood", "impact", "status"]
    list_filter = ["status", "category"]
    search_fields = ["title", "partnership__code"]
    raw_id_fields = ["owner", "partnership"]
    inlines = [ShareInline]


class LossShareInline(admin.TabularInline):
    model = LossShare
    extra = 0
    raw_id_fields = ["partner"]


@admin.register(LossEvent)
class LossEventAdmin(SimpleHistoryAdmin):
    list_display = ["risk", "occurred_on", "material_value"]
    raw_id_fields = ["risk"]
    inlines = [LossShareInline]
