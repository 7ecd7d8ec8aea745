"""The risk register, and each risk's shares across partners (exactly 100 %)."""

import django_filters
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from simitra.partnerships.models import Partner, Partnership
from simitra.risks import services
from simitra.risks.forms import RiskForm, SharesForm, confirmed_partners
from simitra.risks.models import Risk, RiskCategory

from ..base import (
    PartnershipFormSerializer,
    RecordField,
    RecordVersionField,
    VisibleRecordField,
    record_id,
)
from ..filters import partnership_code_filter
from ..viewsets import PartnershipScopedViewSet


class ShareSerializer(serializers.Serializer):
    partner = record_id(help_text="A confirmed partner's id.")
    percent = serializers.DecimalField(max_digits=5, decimal_places=2)


class SharesSerializer(serializers.Serializer):
    shares = ShareSerializer(
        many=True, help_text="Every share; together exactly 100 %. Replaces the allocation."
    )


class RiskSerializer(PartnershipFormSerializer):
    form_class = RiskForm
    record_version = RecordVersionField()

    category = RecordField(
        queryset=RiskCategory.objects.all(),
        help_text="A built-in category's id, or one of the partnership's own.",
    )
    owner = VisibleRecordField(model=Partner, help_text="The owner partner's id.")
    category_label = serializers.CharField(source="category.label", read_only=True)
    score = serializers.IntegerField(read_only=True, help_text="Likelihood × impact.")
    level = serializers.CharField(read_only=True)
    shares = serializers.SerializerMethodField()

    class Meta:
        model = Risk
        fields = [
            "id",
            "partnership",
            "category",
            "category_label",
            "title",
            "description",
            "cause",
            "likelihood",
            "impact",
            "score",
            "level",
            "owner",
            "mitigation",
            "contingency",
            "review_date",
            "status",
            "shares",
            "updated_at",
            "record_version",
        ]
        read_only_fields = ["updated_at"]

    @extend_schema_field(ShareSerializer(many=True))
    def get_shares(self, risk):
        return [
            {"partner": share.partner_id, "percent": f"{share.percent:.2f}"}
            for share in risk.shares.all()
        ]

    def get_fields(self):
        fields = super().get_fields()
        # A category of a partnership one may not see reads like an unknown one.
        visible = Partnership.objects.visible_to(self.context["request"].user).values("pk")
        fields["category"].queryset = RiskCategory.objects.filter(
            Q(partnership__isnull=True) | Q(partnership__in=visible)
        )
        return fields

    def form_kwargs(self) -> dict:
        return {"partnership": self.target_partnership}

    def save_form(self, form):
        risk = form.save(commit=False)
        partnership = risk.partnership if risk.pk else self.target_partnership
        return services.save_risk(risk=risk, partnership=partnership)


class RiskFilter(django_filters.FilterSet):
    partnership = partnership_code_filter("partnership")
    status = django_filters.ChoiceFilter(choices=Risk.Status.choices)

    class Meta:
        model = Risk
        fields = ["partnership", "status"]


@extend_schema_view(
    list=extend_schema(summary="Risks with their shares", tags=["risks"]),
    retrieve=extend_schema(summary="One risk", tags=["risks"]),
    create=extend_schema(summary="Add a risk (coordinators)", tags=["risks"]),
    update=extend_schema(summary="Change a risk (coordinators)", tags=["risks"]),
    partial_update=extend_schema(summary="Change some fields", tags=["risks"]),
)
class RiskViewSet(PartnershipScopedViewSet):
    """The risk register: every risk is shared across partners (the seed's shared loss)."""

    queryset = Risk.objects.select_related("partnership", "category").prefetch_related("shares")
    serializer_class = RiskSerializer
    view_perm = "risks.view_risks"
    add_perm = "risks.manage_risks"
    add_perm_before_form = "risks.manage_risks"
    change_perm = "risks.manage_risks"
    filterset_class = RiskFilter
    ordering_fields = ["updated_at", "review_date", "likelihood", "impact"]
    ordering = ["partnership__code", "-updated_at"]

    @extend_schema(
        summary="Share the risk across partners (coordinators)",
        description="Replaces the allocation. Refused (400) unless the shares add up to "
        "exactly 100 %, with the page's message.",
        request=SharesSerializer,
        responses=RiskSerializer,
        tags=["risks"],
    )
    @action(detail=True, methods=["put"])
    @transaction.atomic
    def shares(self, request, pk=None):
        risk = self.get_object()
        self.require("risks.manage_risks", risk)
        payload = SharesSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        partners = confirmed_partners(risk.partnership)
        known = {p.pk for p in partners}
        data = {}
        for share in payload.validated_data["shares"]:
            if share["partner"] not in known:
                # The service's own message (risks' catalogue).
                raise serializers.ValidationError(
                    {"shares": [_("Shares go only to partners of this partnership.")]}
                )
            data[f"share_{share['partner']}"] = str(share["percent"])
        form = SharesForm(data=data, partners=partners)
        if not form.is_valid():
            raise serializers.ValidationError(
                {"shares": [m for messages in form.errors.values() for m in messages]}
            )
        services.set_risk_shares(risk=risk, shares=form.shares())
        return Response(self.get_serializer(self.get_queryset().get(pk=risk.pk)).data)
