from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import HealthAnswer, HealthCheckRound, HealthQuestion, HealthResponse


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
