"""Indicators (with their periods and targets) and indicator values with their approval flow:
the responsible partner enters and submits, only the coordinator approves or returns."""

import django_filters
from django.db import transaction
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from simitra.partnerships.models import Partner
from simitra.results import services
from simitra.results.forms import IndicatorForm, ValueForm
from simitra.results.models import (
    DimensionCategory,
    Indicator,
    IndicatorValue,
    Period,
    Result,
)

from ..base import (
    FormSerializer,
    PartnershipFormSerializer,
    RelatedCodesField,
    VisibleRecordField,
    record_id,
    require_before_form,
)
from ..errors import register_refusal
from ..filters import IdFilter, partnership_code_filter
from ..viewsets import PartnershipScopedViewSet

register_refusal(services.FlowError, code="flow_refused")


class PeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = Period
        fields = ["id", "start", "end", "target", "target_text"]
        read_only_fields = fields


class IndicatorSerializer(PartnershipFormSerializer):
    form_class = IndicatorForm

    result = VisibleRecordField(model=Result, help_text="The result's id.")
    responsible_partner = VisibleRecordField(
        model=Partner, help_text="The partner whose representatives enter and submit values."
    )
    dimensions = RelatedCodesField(
        child=record_id(), help_text="Ids of the partnership's disaggregations."
    )
    periods = PeriodSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "partnership",
            "result",
            "type",
            "title",
            "definition",
            "unit",
            "measure",
            "direction",
            "frequency",
            "baseline_value",
            "baseline_date",
            "code",
            "means_of_verification",
            "responsible_partner",
            "dimensions",
            "periods",
        ]

    def form_kwargs(self) -> dict:
        return {"partnership": self.target_partnership}

    @transaction.atomic
    def save_form(self, form):
        indicator = form.save(commit=False)
        if indicator.pk is None:
            indicator.partnership = self.target_partnership
        indicator.save()
        form.save_m2m()
        services.framework_changed(partnership=indicator.partnership)
        return indicator


class ValueSerializer(FormSerializer):
    form_class = ValueForm

    period = VisibleRecordField(
        model=Period,
        partnership_path="indicator__partnership",
        help_text="The period's id (it names the indicator too).",
    )
    category = VisibleRecordField(
        model=DimensionCategory,
        partnership_path="dimension__partnership",
        required=False,
        allow_null=True,
        help_text="A disaggregation category's id; empty for the whole population.",
    )
    indicator = serializers.IntegerField(source="period.indicator_id", read_only=True)
    partnership = serializers.CharField(source="period.indicator.partnership.code", read_only=True)

    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "partnership",
            "indicator",
            "period",
            "category",
            "value",
            "text",
            "comment",
            "status",
            "return_reason",
            "submitted_at",
            "reviewed_at",
            "updated_at",
        ]
        read_only_fields = [
            "status",
            "return_reason",
            "submitted_at",
            "reviewed_at",
            "updated_at",
        ]
        # The form says "this period already has a value" in the page's words.
        validators = []

    @property
    def target_indicator(self):
        if self.instance is not None:
            return self.instance.period.indicator
        return self.initial_period.indicator if self.initial_period else None

    def form_kwargs(self) -> dict:
        return {"indicator": self.target_indicator}

    def validate(self, attrs):
        if self.instance is None:
            self.initial_period = attrs.get("period")
            require_before_form(self, self.target_indicator)
        return super().validate(attrs)

    def save_form(self, form):
        return services.save_value(
            value=form.save(commit=False),
            indicator=form.indicator,
            entered_by=self.context["request"].user,
        )


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text="Why the value goes back.")


class IndicatorFilter(django_filters.FilterSet):
    partnership = partnership_code_filter("partnership")
    result = IdFilter(field_name="result_id")
    type = django_filters.ChoiceFilter(choices=Indicator.Type.choices)

    class Meta:
        model = Indicator
        fields = ["partnership", "result", "type"]


class ValueFilter(django_filters.FilterSet):
    partnership = partnership_code_filter("period__indicator__partnership")
    indicator = IdFilter(field_name="period__indicator_id")
    status = django_filters.ChoiceFilter(choices=IndicatorValue.Status.choices)

    class Meta:
        model = IndicatorValue
        fields = ["partnership", "indicator", "status"]


@extend_schema_view(
    list=extend_schema(summary="Indicators with their periods and targets", tags=["results"]),
    retrieve=extend_schema(summary="One indicator", tags=["results"]),
    create=extend_schema(summary="Add an indicator (coordinators)", tags=["results"]),
    update=extend_schema(summary="Change an indicator (coordinators)", tags=["results"]),
    partial_update=extend_schema(summary="Change some fields", tags=["results"]),
)
class IndicatorViewSet(PartnershipScopedViewSet):
    """The indicators the partners agreed on. Results, periods and targets are kept on the
    pages; a change to the set restarts the partners' agreement on it, as on the pages."""

    queryset = Indicator.objects.select_related("partnership").prefetch_related(
        "periods", "dimensions"
    )
    serializer_class = IndicatorSerializer
    view_perm = "results.view_results"
    add_perm = "results.manage_results"
    add_perm_before_form = "results.manage_results"
    change_perm = "results.manage_results"
    filterset_class = IndicatorFilter
    ordering_fields = ["title", "type"]
    ordering = ["partnership__code", "result__order", "result_id", "order"]


@extend_schema_view(
    list=extend_schema(summary="Indicator values", tags=["results"]),
    retrieve=extend_schema(summary="One value", tags=["results"]),
    create=extend_schema(
        summary="Enter a value as a draft (the responsible partner, or coordinators)",
        tags=["results"],
    ),
    update=extend_schema(summary="Change a draft or returned value", tags=["results"]),
    partial_update=extend_schema(summary="Change some fields", tags=["results"]),
)
class ValueViewSet(PartnershipScopedViewSet):
    """Actual values per period: draft → submitted → approved, or returned with a reason.
    Only approved values count in progress."""

    queryset = IndicatorValue.objects.select_related(
        "period__indicator__partnership", "period__indicator__responsible_partner"
    )
    serializer_class = ValueSerializer
    view_perm = "results.view_results"
    add_perm = "results.enter_value"
    add_perm_before_form = "results.enter_value"
    change_perm = "results.enter_value"
    partnership_path = "period__indicator__partnership"
    filterset_class = ValueFilter
    ordering_fields = ["status", "updated_at"]
    ordering = ["period__indicator_id", "period__start", "category_id"]

    def add_perm_object(self, serializer):
        return serializer.validated_data["period"].indicator  # as the page asks

    def _step(self, perm: str, step, **kwargs):
        value = self.get_object()
        self.require(perm, value)
        step(value=value, **kwargs)
        return Response(self.get_serializer(self.get_queryset().get(pk=value.pk)).data)

    @extend_schema(
        summary="Submit to the coordinator (representatives of the responsible partner)",
        request=None,
        responses=ValueSerializer,
        tags=["results"],
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._step("results.submit_value", services.submit_value, submitted_by=request.user)

    @extend_schema(
        summary="Approve a submitted value (coordinators)",
        request=None,
        responses=ValueSerializer,
        tags=["results"],
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._step("results.review_value", services.approve_value, reviewed_by=request.user)

    @extend_schema(
        summary="Return a submitted value with a reason (coordinators)",
        request=ReturnSerializer,
        responses=ValueSerializer,
        tags=["results"],
    )
    @action(detail=True, methods=["post"], url_path="return")
    def return_value(self, request, pk=None):
        value = self.get_object()
        self.require("results.review_value", value)
        serializer = ReturnSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.return_value(
            value=value, reviewed_by=request.user, reason=serializer.validated_data["reason"]
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=value.pk)).data)
