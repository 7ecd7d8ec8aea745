"""Lessons learned and replicable practices. The partnership's members read every item; anyone
signed in reads the published items of published partnerships (as on the partnership's page and
the portal)."""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from simitra.knowledge import services
from simitra.knowledge.forms import LessonForm, PracticeForm
from simitra.knowledge.models import Lesson, Practice, Visibility

from ..base import PartnershipFormSerializer, RecordVersionField, RelatedCodesField
from ..filters import partnership_code_filter
from ..viewsets import PartnershipScopedViewSet


class LessonSerializer(PartnershipFormSerializer):
    form_class = LessonForm
    record_version = RecordVersionField()

    tags = RelatedCodesField(
        child=serializers.CharField(max_length=80), attribute="name", help_text="Short tags."
    )

    class Meta:
        model = Lesson
        fields = [
            "id",
            "partnership",
            "title",
            "phase",
            "what_happened",
            "what_was_learned",
            "recommendation",
            "tags",
            "visibility",
            "slug",
            "published_at",
            "record_version",
        ]
        read_only_fields = ["slug", "published_at"]
        extra_kwargs = {"phase": {"required": False}}

    def _current_form_data(self) -> dict:
        data = super()._current_form_data()
        if self.instance is None and self.target_partnership is not None:
            data["phase"] = self.target_partnership.phase  # the page's default
        return data

    def save_form(self, form):
        lesson = form.save(commit=False)
        if lesson.pk is None:
            lesson.partnership = self.target_partnership
        return services.save_knowledge_item(
            item=lesson, tag_names=form.cleaned_data["tags"], saved_by=self.user
        )


class LessonFilter(django_filters.FilterSet):
    partnership = partnership_code_filter("partnership")
    visibility = django_filters.ChoiceFilter(choices=Visibility.choices)

    class Meta:
        model = Lesson
        fields = ["partnership", "visibility"]


@extend_schema_view(
    list=extend_schema(summary="Lessons learned", tags=["knowledge"]),
    retrieve=extend_schema(summary="One lesson", tags=["knowledge"]),
    create=extend_schema(summary="Record a lesson (coordinators)", tags=["knowledge"]),
    update=extend_schema(summary="Change a lesson (coordinators)", tags=["knowledge"]),
    partial_update=extend_schema(summary="Change some fields", tags=["knowledge"]),
)
class LessonViewSet(PartnershipScopedViewSet):
    """What the partners learned, with a recommendation; published lessons of published
    partnerships are in the public knowledge portal."""

    queryset = Lesson.objects.select_related("partnership").prefetch_related("tags")
    serializer_class = LessonSerializer
    view_perm = None  # the queryset decides: members see all, others what is published
    add_perm = "knowledge.manage_knowledge"
    add_perm_before_form = "knowledge.manage_knowledge"
    change_perm = "knowledge.manage_knowledge"
    filterset_class = LessonFilter
    ordering_fields = ["updated_at", "title"]
    ordering = ["partnership__code", "-updated_at"]

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)


class PracticeSerializer(PartnershipFormSerializer):
    form_class = PracticeForm
    record_version = RecordVersionField()

    tags = RelatedCodesField(
        child=serializers.CharField(max_length=80), attribute="name", help_text="Short tags."
    )

    class Meta:
        model = Practice
        fields = [
            "id",
            "partnership",
            "title",
            "summary",
            "context",
            "approach",
            "results",
            "replication_conditions",
            "contacts",
            "tags",
            "visibility",
            "slug",
            "published_at",
            "record_version",
        ]
        read_only_fields = ["slug", "published_at"]

    def save_form(self, form):
        practice = form.save(commit=False)
        if practice.pk is None:
            practice.partnership = self.target_partnership
        return services.save_knowledge_item(
            item=practice, tag_names=form.cleaned_data["tags"], saved_by=self.user
        )


class PracticeFilter(django_filters.FilterSet):
    partnership = partnership_code_filter("partnership")
    visibility = django_filters.ChoiceFilter(choices=Visibility.choices)

    class Meta:
        model = Practice
        fields = ["partnership", "visibility"]


@extend_schema_view(
    list=extend_schema(summary="Replicable practices", tags=["knowledge"]),
    retrieve=extend_schema(summary="One practice", tags=["knowledge"]),
    create=extend_schema(summary="Record a practice (coordinators)", tags=["knowledge"]),
    update=extend_schema(summary="Change a practice (coordinators)", tags=["knowledge"]),
    partial_update=extend_schema(summary="Change some fields", tags=["knowledge"]),
)
class PracticeViewSet(PartnershipScopedViewSet):
    """A replicable practice told as a case study; published practices of published
    partnerships are in the public knowledge portal."""

    queryset = Practice.objects.select_related("partnership").prefetch_related("tags")
    serializer_class = PracticeSerializer
    view_perm = None  # the queryset decides: members see all, others what is published
    add_perm = "knowledge.manage_knowledge"
    add_perm_before_form = "knowledge.manage_knowledge"
    change_perm = "knowledge.manage_knowledge"
    filterset_class = PracticeFilter
    ordering_fields = ["updated_at", "title"]
    ordering = ["partnership__code", "-updated_at"]

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)
