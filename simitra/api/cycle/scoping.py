"""Scoping: needs told apart from wishes (evidence and declared drivers), and candidate
assessments (conflict of interest first, then blind scoring)."""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from simitra.organisations.models import Organisation
from simitra.scoping.forms import NeedForm
from simitra.scoping.models import Need
from simitra.scoping.wishes import NeedInput, need_status

from ..base import PartnershipFormSerializer, RelatedCodesField, record_id
from ..filters import partnership_code_filter
from ..viewsets import PartnershipScopedViewSet


class NeedStatusSerializer(serializers.Serializer):
    verified = serializers.BooleanField(help_text="Backed by evidence and free of drivers.")
    unverified = serializers.BooleanField(help_text="No evidence source backs it.")
    wish = serializers.BooleanField(help_text="Its proposer declared a driver: a possible wish.")
    reasons = serializers.ListField(child=serializers.CharField())


class NeedSerializer(PartnershipFormSerializer):
    form_class = NeedForm

    evidence = RelatedCodesField(
        child=record_id(), help_text="Ids of the partnership's evidence sources behind it."
    )
    proposed_by = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        help_text="The id of the partner organisation whose idea this is.",
    )
    declaration = serializers.BooleanField(
        write_only=True,
        help_text="Must be true on every save: the drivers have been declared (as on the "
        "page's form).",
    )
    status = serializers.SerializerMethodField()

    class Meta:
        model = Need
        fields = [
            "id",
            "partnership",
            "description",
            "affected_group",
            "affected_size",
            "priority",
            "evidence",
            "proposed_by",
            "driven_by_ambition",
            "driven_by_institution",
            "driven_by_pressure",
            "driver_note",
            "declaration",
            "status",
            "created_at",
        ]
        read_only_fields = ["created_at"]

    @extend_schema_field(NeedStatusSerializer)
    def get_status(self, need):
        status = need_status(
            NeedInput(evidence_count=len(need.evidence.all()), drivers=tuple(need.declared_drivers))
        )
        return {
            "verified": status.verified,
            "unverified": status.unverified,
            "wish": status.wish,
            "reasons": status.reasons,
        }

    def form_kwargs(self) -> dict:
        return {"partnership": self.target_partnership, "user": self.user}

    def save_form(self, form):
        # As the page's view: the form fixes the partnership, the saver declared the drivers.
        need = form.save(commit=False)
        need.declared_by = self.user
        need.save()
        form.save_m2m()
        return need


class NeedFilter(django_filters.FilterSet):
    partnership = partnership_code_filter("partnership")
    priority = django_filters.ChoiceFilter(choices=Need.Priority.choices)

    class Meta:
        model = Need
        fields = ["partnership", "priority"]


@extend_schema_view(
    list=extend_schema(summary="Needs, with their evidence and declared drivers", tags=["scoping"]),
    retrieve=extend_schema(summary="One need", tags=["scoping"]),
    create=extend_schema(summary="Add a need (coordinators)", tags=["scoping"]),
    update=extend_schema(summary="Change a need (coordinators)", tags=["scoping"]),
    partial_update=extend_schema(summary="Change some fields", tags=["scoping"]),
)
class NeedViewSet(PartnershipScopedViewSet):
    """Needs the partnership would answer, told apart from wishes: without evidence a need is
    unverified; with a declared driver it is flagged as a possible wish."""

    queryset = Need.objects.select_related("partnership").prefetch_related("evidence")
    serializer_class = NeedSerializer
    view_perm = "scoping.view_scoping"
    add_perm = "scoping.change_scoping"
    add_perm_before_form = "scoping.change_scoping"
    change_perm = "scoping.change_scoping"
    filterset_class = NeedFilter
    ordering_fields = ["priority", "created_at"]
    ordering = ["partnership__code", "priority", "pk"]
