"""The regional plan: its programmes (read), partnerships' alignments with them (coordinators
write) and the region view's figures — each answering with what the user may read only."""

import django_filters
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from simitra.regional import selectors, services
from simitra.regional.forms import AlignmentForm, RegionFilterForm
from simitra.regional.models import Alignment, Plan, PlanItem
from simitra.regional.views import plans_for_partnership

from ..base import PartnershipFormSerializer
from ..filters import IdFilter, partnership_code_filter
from ..viewsets import PartnershipScopedViewSet, RulesMixin, ThrottleFirstMixin


def viewable_plan_ids(user) -> list[int]:
    return [
        plan.pk
        for plan in Plan.objects.select_related("region")
        if user.has_perm("regional.view_region", plan.region)
    ]


class PlanSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id", read_only=True)

    class Meta:
        model = Plan
        fields = ["id", "region", "kind", "start_year", "end_year", "title", "source"]


class PlanItemSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent.code", allow_null=True, read_only=True)

    class Meta:
        model = PlanItem
        fields = ["id", "plan", "code", "level", "name", "parent", "is_priority"]


class _ReadViewSet(
    ThrottleFirstMixin,
    RulesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    http_method_names = ["get", "head", "options"]


def _money(value) -> str:
    return str(value)


@extend_schema_view(
    list=extend_schema(summary="Regional plans (RPJMD, RKPD) you may see", tags=["regional"]),
    retrieve=extend_schema(summary="One regional plan", tags=["regional"]),
)
class PlanViewSet(_ReadViewSet):
    """The regional development plans of the regions the user plans for or coordinates in."""

    serializer_class = PlanSerializer

    def get_queryset(self):
        return Plan.objects.filter(pk__in=viewable_plan_ids(self.request.user)).order_by("pk")

    @extend_schema(
        summary="The region view's figures of a plan",
        tags=["regional"],
        parameters=[
            OpenApiParameter("year", int),
            OpenApiParameter("sector", str),
            OpenApiParameter("sdg", int),
        ],
        responses={200: dict},
    )
    @action(detail=True, methods=["get"])
    def figures(self, request, pk=None):
        plan = self.get_object()
        form = RegionFilterForm(request.query_params or None, plan=plan)
        if form.is_bound and not form.is_valid():
            raise serializers.ValidationError(form.errors)
        data = form.cleaned_data if form.is_bound else {}
        filters = selectors.Filters(
            year=data.get("year"),
            sector=data.get("sector") or "",
            sdg=data["sdg"].number if data.get("sdg") else None,
        )
        result = selectors.region_figures(request.user, plan, filters)
        return Response(
            {
                "plan": plan.pk,
                "partnerships_in_region": result.partnerships_in_region,
                "aligned_partnerships": result.aligned_partnerships,
                "priorities": [
                    {
                        "code": s.code,
                        "name": s.name,
                        "partnerships": [p[1] for p in s.partnerships],
                        "partners": [p.name for p in s.partners],
                        "pledged_by_sector": {k: _money(v) for k, v in s.pledged_by_sector.items()},
                        "delivered_by_sector": {
                            k: _money(v) for k, v in s.delivered_by_sector.items()
                        },
                        "aligned_amount": _money(s.aligned_amount),
                    }
                    for s in result.support
                ],
                "gaps": [g.code for g in result.gaps],
                "overlaps": [
                    {
                        "item": o.item_code,
                        "district": o.district_code,
                        "year": o.year,
                        "total": _money(o.total),
                        "partnerships": [
                            {"partnership": e.partnership_code, "amount": _money(e.amount)}
                            for e in o.entries
                        ],
                    }
                    for o in result.overlaps
                ],
                "indicators": [
                    {
                        "code": i.code,
                        "year": i.year,
                        "target": _money(i.target),
                        "achieved": _money(i.achieved),
                        "partnerships": i.partnerships,
                    }
                    for i in result.indicators
                ],
            }
        )

    @extend_schema(
        summary="Figures per regency of the plan's region (for the map)",
        tags=["regional"],
        responses={200: dict},
    )
    @action(detail=True, methods=["get"])
    def regencies(self, request, pk=None):
        plan = self.get_object()
        rows = selectors.figures_by_regency(request.user, plan.region_id)
        return Response(
            {
                code: {
                    **row,
                    "pledged": _money(row["pledged"]),
                    "delivered": _money(row["delivered"]),
                }
                for code, row in rows.items()
            }
        )


class PlanItemFilter(django_filters.FilterSet):
    plan = IdFilter(field_name="plan_id")
    level = django_filters.NumberFilter()

    class Meta:
        model = PlanItem
        fields = ["plan", "level"]


@extend_schema_view(
    list=extend_schema(summary="Programmes of the regional plans", tags=["regional"]),
    retrieve=extend_schema(summary="One plan programme", tags=["regional"]),
)
class PlanItemViewSet(_ReadViewSet):
    """The nomenclature: urusan, bidang urusan, program, kegiatan, sub kegiatan."""

    serializer_class = PlanItemSerializer
    filterset_class = PlanItemFilter

    def get_queryset(self):
        return (
            PlanItem.objects.filter(plan_id__in=viewable_plan_ids(self.request.user))
            .select_related("parent")
            .order_by("plan_id", "code")
        )


class AlignmentSerializer(PartnershipFormSerializer):
    form_class = AlignmentForm

    class Meta:
        model = Alignment
        fields = [
            "id",
            "partnership",
            "item",
            "activity",
            "indicator",
            "district",
            "year",
            "amount",
            "created_at",
        ]
        read_only_fields = ["created_at"]

    def form_kwargs(self) -> dict:
        partnership = self.target_partnership
        plans = plans_for_partnership(partnership) if partnership is not None else []
        return {"partnership": partnership, "plans": plans}

    def _current_form_data(self) -> dict:
        if self.target_partnership is None:
            return {}
        return super()._current_form_data()

    def save_form(self, form):
        if form.instance.pk:
            return form.save()
        data = form.cleaned_data
        return services.align_partnership(
            partnership=form.partnership,
            item=data["item"],
            created_by=self.user,
            activity=data["activity"],
            indicator=data["indicator"],
            district=data["district"],
            year=data["year"],
            amount=data["amount"],
        )


class AlignmentFilter(django_filters.FilterSet):
    partnership = partnership_code_filter("partnership")
    item = IdFilter(field_name="item_id")

    class Meta:
        model = Alignment
        fields = ["partnership", "item"]


@extend_schema_view(
    list=extend_schema(summary="Partnerships' alignments with regional plans", tags=["regional"]),
    retrieve=extend_schema(summary="One alignment", tags=["regional"]),
    create=extend_schema(summary="Align a partnership (coordinators)", tags=["regional"]),
    update=extend_schema(summary="Change an alignment (coordinators)", tags=["regional"]),
    partial_update=extend_schema(summary="Change some fields", tags=["regional"]),
)
class AlignmentViewSet(PartnershipScopedViewSet):
    """Which plan programme or sub-activity a partnership supports, where, when, with what."""

    queryset = Alignment.objects.select_related("partnership").order_by("partnership__code", "pk")
    serializer_class = AlignmentSerializer
    view_perm = "regional.view_alignment"
    add_perm = "regional.change_alignment"
    add_perm_before_form = "regional.change_alignment"
    change_perm = "regional.change_alignment"
    filterset_class = AlignmentFilter
