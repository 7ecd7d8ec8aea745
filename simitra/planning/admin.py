from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Activity, Milestone, PlanVersion


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "responsible", "start_date", "end_date", "status"]
    list_filter = ["status"]
    search_fields = ["title", "partnership__code"]
    raw_id_fields = ["partnership", "responsible"]
    filter_horizontal = ["supporting", "funded_by", "depends_on"]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "due_date", "done_on"]
    raw_id_fields = ["partnership", "activity"]


@admin.register(PlanVersion)
class PlanVersionAdmin(admin.ModelAdmin):
    list_display = ["partnership", "number", "created_at", "created_by"]
    raw_id_fields = ["partnership", "created_by"]
    readonly_fields = ["content", "content_hash"]
