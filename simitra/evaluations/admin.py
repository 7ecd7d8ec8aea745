from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Evaluation, RevisionAction


class RevisionActionInline(admin.TabularInline):
    model = RevisionAction
    extra = 0
    raw_id_fields = ["owner", "plan_version", "amendment"]


@admin.register(Evaluation)
class EvaluationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "evaluated_on", "status", "completed_at"]
    list_filter = ["status"]
    search_fields = ["title", "partnership__code", "partnership__title"]
    raw_id_fields = ["partnership", "plan_version", "created_by", "completed_by"]
    readonly_fields = ["facts"]
    inlines = [RevisionActionInline]


@admin.register(RevisionAction)
class RevisionActionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "evaluation", "owner", "due_date", "status"]
    list_filter = ["status"]
    raw_id_fields = ["evaluation", "owner", "plan_version", "amendment"]
