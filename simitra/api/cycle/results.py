"""The results framework: results, the indicators that measure them, the indicators' periods
with their targets, and indicator values with their approval flow (the responsible partner
enters and submits, only the coordinator approves or returns)."""

import datetime as dt

import django_filters
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from simitra.partnerships.models import Partner
from simitra.results import services
from simitra.results.forms import (
    IndicatorForm,
    PeriodsForm,
    ResultForm,
    TargetsForm,
    ValueForm,
)
from simitra.results.models import (
    DimensionCategory,
    Indicator,
    IndicatorValue,
    Period,
    Result,
)
from simitra.results.rules import OWN_SUBMISSION_REFUSED

from ..base import (
    FormSerializer,
    PartnershipFormSerializer,
    RecordVersionField,
    RelatedCodesField,
    VisibleRecordField,
    record_id,
    require_before_form,
)
from ..errors import register_refusal
from ..filters import IdFilter, partnership_code_filter
from ..viewsets import PartnershipScopedViewSet

register_refusal(services.FlowError, code="flow_refused")


class ResultSerializer(PartnershipFormSerializer):
    form_class = ResultForm
    record_version = RecordVersionField()

    indicators = serializers.SerializerMethodField(help_text="Ids of its indicators.")

    class Meta:
        model = Result
        fields = [
            "id",
            "partnership",
            "title",
            "description",
            "order",
            "indicators",
            "record_version",
        ]

    def get_indicators(self, result) -> list[int]:
        return [indicator.pk for indicator in result.indicators.all()]

    @transaction.atomic
    def save_form(self, form):
        # As the page: the partnership is the one named on create; a change to the framework
        # restarts the partners' agreement on it.
        result = form.save(commit=False)
        if result.pk is None:
            result.partnership = self.target_partnership
        result.save()
        services.framework_changed(partnership=result.partnership)
        return result


class PeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = Period
        fields = ["id", "start", "end", "target", "target_text", "closed_at"]
        read_only_fields = fields


class IndicatorPeriodSerializer(serializers.ModelSerializer):
    """A period of an indicator with its target: a number (`target`) for a numeric or
    percentage indicator, words (`target_text`) for a qualitative one, checked by the page's
    targets form."""

    partnership = serializers.CharField(source="indicator.partnership.code", read_only=True)
    indicator = serializers.IntegerField(source="indicator_id", read_only=True)

    class Meta:
        model = Period
        fields = [
            "id",
            "partnership",
            "indicator",
            "start",
            "end",
            "target",
            "target_text",
            "closed_at",
        ]
        read_only_fields = ["start", "end", "closed_at"]

    def validate(self, attrs):
        period = self.instance
        indicator = period.indicator
        if indicator.is_qualitative:
            if attrs.get("target") is not None:
                raise serializers.ValidationError(
                    {"target": [_("This indicator is qualitative: give its target in words.")]}
                )
            value = attrs.get("target_text", period.target_text)
        else:
            if attrs.get("target_text"):
                raise serializers.ValidationError(
                    {"target_text": [_("This indicator is measured in numbers: give a number.")]}
                )
            value = attrs.get("target", period.target)
        name = f"target_{period.pk}"
        form = TargetsForm(
            data={name: "" if value is None else str(value)}, indicator=indicator, periods=[period]
        )
        if not form.is_valid():
            key = "target_text" if indicator.is_qualitative else "target"
            raise serializers.ValidationError({key: form.errors[name]})
        self._target = form.targets()[0][1]
        return attrs

    @transaction.atomic
    def update(self, period, validated_data):
        # As the page's targets form: the one target field of the indicator's kind.
        if period.indicator.is_qualitative:
            period.target_text = self._target or ""
        else:
            period.target = self._target
        period.save(update_fields=["target", "target_text"])
        services.framework_changed(partnership=period.indicator.partnership)
        return period


class AddPeriodsSerializer(serializers.Serializer):
    indicator = VisibleRecordField(model=Indicator, help_text="The indicator's id.")
    first_start = serializers.DateField(help_text="The day the first period starts.")
    count = serializers.IntegerField(
        min_value=-(2**31),
        max_value=2**31 - 1,
        help_text="How many consecutive periods of the indicator's frequency (1–60).",
    )

    def validate(self, attrs):
        require_before_form(self, attrs["indicator"])
        form = PeriodsForm(
            data={"first_start": attrs["first_start"].isoformat(), "count": attrs["count"]}
        )
        if not form.is_valid():
            raise serializers.ValidationError({k: list(v) for k, v in form.errors.items()})
        months = services.MONTHS[attrs["indicator"].frequency] * attrs["count"]
        if (dt.date.max.year - attrs["first_start"].year) * 12 <= months:
            raise serializers.ValidationError(
                {"count": [_("These periods would end after the last date that can be recorded.")]}
            )
        return attrs


class IndicatorSerializer(PartnershipFormSerializer):
    form_class = IndicatorForm
    record_version = RecordVersionField()

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
            "accumulation",
            "frequency",
            "baseline_value",
            "baseline_date",
            "code",
            "means_of_verification",
            "responsible_partner",
            "dimensions",
            "periods",
            "record_version",
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


class AddedPeriodsSerializer(serializers.Serializer):
    indicator = serializers.IntegerField()
    periods = IndicatorPeriodSerializer(many=True, help_text="The new periods, in order.")


class ResultFilter(django_filters.FilterSet):
    partnership = partnership_code_filter("partnership")

    class Meta:
        model = Result
        fields = ["partnership"]


class PeriodFilter(django_filters.FilterSet):
    partnership = partnership_code_filter("indicator__partnership")
    indicator = IdFilter(field_name="indicator_id")

    class Meta:
        model = Period
        fields = ["partnership", "indicator"]


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
    list=extend_schema(summary="Results, each with the ids of its indicators", tags=["results"]),
    retrieve=extend_schema(summary="One result", tags=["results"]),
    create=extend_schema(summary="Add a result (coordinators)", tags=["results"]),
    update=extend_schema(summary="Change a result (coordinators)", tags=["results"]),
    partial_update=extend_schema(summary="Change some fields", tags=["results"]),
)
class ResultViewSet(PartnershipScopedViewSet):
    """The changes a partnership works toward, each measured by its indicators. A change to
    the set restarts the partners' agreement on it, as on the pages."""

    queryset = Result.objects.select_related("partnership").prefetch_related("indicators")
    serializer_class = ResultSerializer
    view_perm = "results.view_results"
    add_perm = "results.manage_results"
    add_perm_before_form = "results.manage_results"
    change_perm = "results.manage_results"
    filterset_class = ResultFilter
    ordering_fields = ["order", "title"]
    ordering = ["partnership__code", "order", "pk"]


@extend_schema_view(
    list=extend_schema(summary="Indicator periods with their targets", tags=["results"]),
    retrieve=extend_schema(summary="One period", tags=["results"]),
    update=extend_schema(summary="Set the period's target (coordinators)", tags=["results"]),
    partial_update=extend_schema(summary="Set the period's target", tags=["results"]),
)
class PeriodViewSet(PartnershipScopedViewSet):
    """The reporting periods of indicators, each with the target to reach by its end. Periods
    are added in runs of the indicator's frequency (as on the page); their dates then stay."""

    queryset = Period.objects.select_related("indicator__partnership")
    serializer_class = IndicatorPeriodSerializer
    view_perm = "results.view_results"
    add_perm = "results.manage_results"
    add_perm_before_form = "results.manage_results"
    change_perm = "results.manage_results"
    partnership_path = "indicator__partnership"
    filterset_class = PeriodFilter
    ordering_fields = ["start", "end"]
    ordering = ["indicator_id", "start"]

    @extend_schema(
        tags=["results"],
        summary="Add consecutive periods to an indicator (coordinators)",
        description="`count` periods of the indicator's frequency from `first_start`. Periods "
        "that would overlap existing ones are refused (409 `flow_refused`). Answers the new "
        "periods; set their targets with PATCH.",
        request=AddPeriodsSerializer,
        responses={201: AddedPeriodsSerializer},
    )
    @transaction.atomic
    def create(self, request, *args, **kwargs):
        payload = AddPeriodsSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        indicator = payload.validated_data["indicator"]
        self.require(self.add_perm, indicator)
        new = services.add_periods(
            indicator=indicator,
            first_start=payload.validated_data["first_start"],
            count=payload.validated_data["count"],
        )
        periods = self.get_queryset().filter(
            indicator=indicator, start__in=[period.start for period in new]
        )
        body = {
            "indicator": indicator.pk,
            "periods": self.get_serializer(periods.order_by("start"), many=True).data,
        }
        return Response(body, status=status.HTTP_201_CREATED)

    def _step(self, step):
        period = self.get_object()
        self.require(self.change_perm, period)
        step(period)
        return Response(self.get_serializer(self.get_queryset().get(pk=period.pk)).data)

    @extend_schema(
        tags=["results"],
        summary="Close a period (coordinators)",
        description="A closed period takes no new value, and its values are neither changed "
        "nor submitted until it is reopened. Refused (409 `flow_refused`) while a value of the "
        "period waits for review, or when it is closed already.",
        request=None,
        responses=IndicatorPeriodSerializer,
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._step(
            lambda period: services.close_period(period=period, closed_by=request.user)
        )

    @extend_schema(
        tags=["results"],
        summary="Reopen a closed period (coordinators)",
        request=None,
        responses=IndicatorPeriodSerializer,
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self._step(lambda period: services.reopen_period(period=period))


@extend_schema_view(
    list=extend_schema(summary="Indicators with their periods and targets", tags=["results"]),
    retrieve=extend_schema(summary="One indicator", tags=["results"]),
    create=extend_schema(summary="Add an indicator (coordinators)", tags=["results"]),
    update=extend_schema(summary="Change an indicator (coordinators)", tags=["results"]),
    partial_update=extend_schema(summary="Change some fields", tags=["results"]),
)
class IndicatorViewSet(PartnershipScopedViewSet):
    """The indicators the partners agreed on, each measuring a result; its periods and targets
    are read here and changed under indicator-periods. A change to the set restarts the
    partners' agreement on it, as on the pages."""

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
        value = self.get_object()
        self.require("results.review_value", value)
        if not request.user.has_perm("results.approve_value", value):
            # Separation of duties: named, so the client can say why.
            raise exceptions.PermissionDenied(str(OWN_SUBMISSION_REFUSED))
        services.approve_value(value=value, reviewed_by=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=value.pk)).data)

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
