from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Alert,
    Evaluation,
    HealthAnswer,
    HealthCheckRound,
    HealthQuestion,
    HealthResponse,
    PartnershipWarning,
    RevisionAction,
)


class HealthQuestionInline(admin.TabularInline):
    model = HealthQuestion
    extra = 0


@admin.register(HealthCheckRound)
class HealthCheckRoundAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "anonymous", "opened_at", "closed_at", "completed"]
    list_filter = ["anonymous", "completed"]
    search_fields = ["title", "partnership__code", "partnership__title"]
    raw_id_fields = ["partnership", "opened_by", "closed_by", "expected_partners"]
    inlines = [HealthQuestionInline]


@admin.register(HealthQuestion)
class HealthQuestionAdmin(SimpleHistoryAdmin):
    list_display = ["label", "round", "order"]
    raw_id_fields = ["round"]


class HealthAnswerInline(admin.TabularInline):
    model = HealthAnswer
    extra = 0
    raw_id_fields = ["question"]


@admin.register(HealthResponse)
class HealthResponseAdmin(SimpleHistoryAdmin):
    """Platform admins see who answered what, also in anonymous rounds (the user guide says so)."""

    list_display = ["round", "partner", "respondent", "submitted_at"]
    raw_id_fields = ["round", "partner", "respondent"]
    inlines = [HealthAnswerInline]


@admin.register(HealthAnswer)
class HealthAnswerAdmin(SimpleHistoryAdmin):
    list_display = ["response", "question", "score"]
    raw_id_fields = ["response", "question"]


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
