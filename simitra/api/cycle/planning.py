"""Activities of the action plan; every change records the next plan version, as on the page."""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view

from simitra.partnerships.models import Partner
from simitra.planning import services
from simitra.planning.forms import ActivityForm
from simitra.planning.models import Activity, ActivityStatus

from ..base import (
    PartnershipFormSerializer,
    RecordVersionField,
    RelatedCodesField,
    VisibleRecordField,
    record_id,
)
from ..filters import IdFilter, partnership_code_filter
from ..viewsets import PartnershipScopedViewSet


class ActivitySerializer(PartnershipFormSerializer):
    form_class = ActivityForm
    record_version = RecordVersionField()

    responsible = VisibleRecordField(
        model=Partner, required=False, allow_null=True, help_text="The responsible partner's id."
    )
    supporting = RelatedCodesField(child=record_id(), help_text="Ids of the supporting partners.")
    funded_by = RelatedCodesField(
        child=record_id(), help_text="Ids of the contributions that fund it."
    )
    depends_on = RelatedCodesField(
        child=record_id(), help_text="Ids of the activities it waits for."
    )

    class Meta:
        model = Activity
        fields = [
            "id",
            "partnership",
            "title",
            "description",
            "responsible",
            "supporting",
            "start_date",
            "end_date",
            "deliverable",
            "budget",
            "funded_by",
            "depends_on",
            "status",
            "progress",
            "position",
            "created_at",
            "updated_at",
            "record_version",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def form_kwargs(self) -> dict:
        return {"partnership": self.target_partnership}

    def save_form(self, form):
        return services.save_activity(form=form, partnership=form.partnership, saved_by=self.user)


class ActivityFilter(django_filters.FilterSet):
    partnership = partnership_code_filter("partnership")
    status = django_filters.ChoiceFilter(choices=ActivityStatus.choices)
    responsible = IdFilter(field_name="responsible_id")

    class Meta:
        model = Activity
        fields = ["partnership", "status", "responsible"]


@extend_schema_view(
    list=extend_schema(summary="Activities of the action plans", tags=["planning"]),
    retrieve=extend_schema(summary="One activity", tags=["planning"]),
    create=extend_schema(summary="Add an activity (coordinators)", tags=["planning"]),
    update=extend_schema(summary="Change an activity (coordinators)", tags=["planning"]),
    partial_update=extend_schema(summary="Change some fields", tags=["planning"]),
)
class ActivityViewSet(PartnershipScopedViewSet):
    """The detailed, clear action plan: who does what, when, with which budget."""

    queryset = (
        Activity.objects.select_related("partnership")
        .prefetch_related("supporting", "funded_by", "depends_on")
        .order_by("partnership__code", "position", "pk")
    )
    serializer_class = ActivitySerializer
    view_perm = "planning.view_plan"
    add_perm = "planning.change_plan"
    add_perm_before_form = "planning.change_plan"
    change_perm = "planning.change_plan"
    filterset_class = ActivityFilter
    ordering_fields = ["start_date", "end_date", "position", "updated_at"]
    ordering = ["partnership__code", "position"]
