from django.contrib import admin

from .models import CodelistItem, Region, SdgGoal, SdgTarget


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]


@admin.register(SdgGoal)
class SdgGoalAdmin(admin.ModelAdmin):
    list_display = ["number", "name_id", "name_en"]
    search_fields = ["name_id", "name_en"]


@admin.register(SdgTarget)
class SdgTargetAdmin(admin.ModelAdmin):
    list_display = ["code", "goal", "description"]
    list_filter = ["goal"]
    search_fields = ["code", "description"]


@admin.register(CodelistItem)
class CodelistItemAdmin(admin.ModelAdmin):
    list_display = ["codelist", "code", "name", "name_id", "category"]
    list_filter = ["codelist"]
    search_fields = ["code", "name", "name_id"]
