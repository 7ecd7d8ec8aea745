from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from simitra.partnerships.models import PersonRole

from .models import (
    Assessment,
    Candidacy,
    Evidence,
    Need,
    ProblemNode,
    ProblemStatement,
    Relationship,
    Score,
    SolutionOption,
    Stakeholder,
    SuitabilityCheck,
)


@admin.register(ProblemStatement)
class ProblemStatementAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "core_problem", "proposed_by", "updated_at"]
    search_fields = ["partnership__code", "core_problem", "statement"]
    autocomplete_fields = ["partnership", "proposed_by"]


@admin.register(ProblemNode)
class ProblemNodeAdmin(SimpleHistoryAdmin):
    list_display = ["text", "kind", "partnership", "parent", "proposed_by"]
    list_filter = ["kind"]
    search_fields = ["text", "partnership__code"]
    raw_id_fields = ["partnership", "parent", "proposed_by", "evidence"]


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "publisher", "year", "partnership", "file_type"]
    search_fields = ["title", "publisher", "partnership__code"]
    raw_id_fields = ["partnership", "added_by"]


@admin.register(Need)
class NeedAdmin(SimpleHistoryAdmin):
    list_display = [
        "description",
        "partnership",
        "priority",
        "driven_by_ambition",
        "driven_by_institution",
        "driven_by_pressure",
    ]
    list_filter = ["priority", "driven_by_ambition", "driven_by_institution", "driven_by_pressure"]
    search_fields = ["description", "affected_group", "partnership__code"]
    raw_id_fields = ["partnership", "evidence", "proposed_by", "declared_by"]


@admin.register(SolutionOption)
class SolutionOptionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "chosen", "proposed_by"]
    list_filter = ["chosen"]
    search_fields = ["title", "partnership__code"]
    raw_id_fields = ["partnership", "causes", "proposed_by"]


@admin.register(SuitabilityCheck)
class SuitabilityCheckAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "recommendation", "answered_by", "answered_at"]
    list_filter = ["recommendation"]
    raw_id_fields = ["partnership", "answered_by"]


@admin.register(Candidacy)
class CandidacyAdmin(SimpleHistoryAdmin):
    list_display = ["partner", "decision", "match_score", "decided_by", "decided_at"]
    list_filter = ["decision"]
    search_fields = ["partner__organisation__name", "partner__partnership__code"]
    raw_id_fields = ["partner", "added_by", "decided_by"]


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["partner", "assessor", "declared_conflict", "submitted_at"]
    list_filter = ["declared_conflict"]
    search_fields = ["partner__organisation__name", "assessor__username"]
    raw_id_fields = ["partner", "assessor"]
    inlines = [ScoreInline]


@admin.register(Relationship)
class RelationshipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "organisation", "kind", "started_on", "ended_on", "partnership"]
    list_filter = ["kind"]
    search_fields = ["person__username", "organisation__name", "partnership__code"]
    raw_id_fields = ["partnership", "person", "organisation", "recorded_by"]


@admin.register(Stakeholder)
class StakeholderAdmin(SimpleHistoryAdmin):
    list_display = ["name", "partnership", "interest", "influence"]
    search_fields = ["group_name", "organisation__name", "partnership__code"]
    raw_id_fields = ["partnership", "organisation"]


# People's roles live in the partnerships app; their admin is registered here so the
# foundation's admin module stays as it is.
@admin.register(PersonRole)
class PersonRoleAdmin(SimpleHistoryAdmin):
    list_display = ["person_name", "title", "level", "partner", "started_on", "ended_on"]
    list_filter = ["level"]
    search_fields = ["person_name", "title", "partner__organisation__name"]
    raw_id_fields = ["partner", "user", "previous", "created_by"]
