"""Contributions (pledges) and their deliveries."""

import django_filters
from django.db import transaction
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from simitra.partnerships.models import Partner
from simitra.resources import services
from simitra.resources.forms import DeliveryForm, PledgeForm
from simitra.resources.models import Category, Delivery, Pledge, PledgeStatus

from ..base import (
    FormSerializer,
    PartnershipFormSerializer,
    RecordVersionField,
    VisibleRecordField,
    require_before_form,
)
from ..errors import register_refusal
from ..filters import IdFilter, partnership_code_filter
from ..viewsets import PartnershipScopedViewSet

register_refusal(services.PledgeError, code="contribution_refused")


class PledgeFilter(django_filters.FilterSet):
    partnership = partnership_code_filter("partnership")
    partner = IdFilter(field_name="partner_id")
    category = django_filters.ChoiceFilter(choices=Category.choices)
    status = django_filters.ChoiceFilter(choices=PledgeStatus.choices)

    class Meta:
        model = Pledge
        fields = ["partnership", "partner", "category", "status"]


class DeliveryFilter(django_filters.FilterSet):
    partnership = partnership_code_filter("pledge__partnership")
    pledge = IdFilter(field_name="pledge_id")

    class Meta:
        model = Delivery
        fields = ["partnership", "pledge"]


def pledging_partners(user, partnership):
    """The partners this user may record contributions for (as on the page)."""
    partners = partnership.confirmed_partners()
    if user.has_perm("partnerships.change_partnership", partnership):
        return partners
    return partners.filter(organisation_id__in=user.organisation_ids())


class PledgeSerializer(PartnershipFormSerializer):
    form_class = PledgeForm
    record_version = RecordVersionField()

    partner = VisibleRecordField(model=Partner, help_text="The pledging partner's id.")
    paid_to = VisibleRecordField(
        model=Partner,
        required=False,
        allow_null=True,
        help_text="The partner whose services this money pays for (a sub-contract).",
    )
    partner_name = serializers.CharField(source="partner.organisation.name", read_only=True)
    delivered_amount = serializers.DecimalField(
        max_digits=18, decimal_places=2, read_only=True, help_text="Sum of the deliveries."
    )

    class Meta:
        model = Pledge
        fields = [
            "id",
            "partnership",
            "partner",
            "partner_name",
            "category",
            "description",
            "unit",
            "quantity",
            "estimated_value",
            "currency",
            "exchange_rate",
            "valuation_method",
            "valuation_note",
            "due_date",
            "paid_to",
            "status",
            "cancel_reason",
            "delivered_amount",
            "created_at",
            "updated_at",
            "record_version",
        ]
        read_only_fields = ["status", "cancel_reason", "created_at", "updated_at"]

    def form_kwargs(self) -> dict:
        partnership = self.target_partnership
        return {
            "partnership": partnership,
            "partners": pledging_partners(self.user, partnership),
        }

    def save_form(self, form):
        pledge = form.save(commit=False)
        if pledge.pk is None:
            pledge.partnership = form.partnership
        return services.save_pledge(pledge=pledge, saved_by=self.user)

    def to_representation(self, instance):
        if not hasattr(instance, "delivered_amount"):
            instance.delivered_amount = (
                Pledge.objects.with_delivered().get(pk=instance.pk).delivered_amount
            )
        return super().to_representation(instance)


class DeliverySerializer(FormSerializer):
    form_class = DeliveryForm

    pledge = VisibleRecordField(model=Pledge, help_text="The contribution's id.")
    partnership = serializers.CharField(source="pledge.partnership.code", read_only=True)
    has_evidence = serializers.BooleanField(read_only=True)

    class Meta:
        model = Delivery
        fields = [
            "id",
            "pledge",
            "partnership",
            "delivered_on",
            "amount",
            "quantity",
            "note",
            "evidence_url",
            "has_evidence",
            "created_at",
        ]
        read_only_fields = ["created_at"]
        extra_kwargs = {
            "evidence_url": {"help_text": "A link to the evidence (files: on the page)."}
        }

    def form_kwargs(self) -> dict:
        return {"pledge": self.instance.pledge if self.instance else self.initial_pledge}

    def validate(self, attrs):
        self.initial_pledge = attrs.get("pledge")
        require_before_form(self, self.initial_pledge)
        return super().validate(attrs)

    @transaction.atomic
    def save_form(self, form):
        delivery = form.save(commit=False)
        delivery.pledge = form.pledge
        return services.record_delivery(delivery=delivery, recorded_by=self.context["request"].user)


@extend_schema_view(
    list=extend_schema(summary="Contributions (pledges)", tags=["contributions"]),
    retrieve=extend_schema(summary="One contribution", tags=["contributions"]),
    create=extend_schema(
        summary="Pledge a contribution (coordinators; representatives for their own partner)",
        tags=["contributions"],
    ),
    update=extend_schema(summary="Change a contribution", tags=["contributions"]),
    partial_update=extend_schema(summary="Change some fields", tags=["contributions"]),
)
class PledgeViewSet(PartnershipScopedViewSet):
    """What each partner contributes, in the seed's five categories."""

    queryset = Pledge.objects.with_delivered().select_related(
        "partnership", "partner__organisation"
    )
    serializer_class = PledgeSerializer
    view_perm = "resources.view_pledges"
    add_perm = "resources.add_pledge"
    add_perm_before_form = "resources.add_pledge"
    change_perm = "resources.change_pledge"
    filterset_class = PledgeFilter
    ordering_fields = ["due_date", "estimated_value", "updated_at"]
    ordering = ["partnership__code", "partner__organisation__name", "category"]


@extend_schema_view(
    list=extend_schema(summary="Deliveries of contributions", tags=["contributions"]),
    retrieve=extend_schema(summary="One delivery", tags=["contributions"]),
    create=extend_schema(
        summary="Record a delivery (coordinators; representatives of the pledging partner)",
        tags=["contributions"],
    ),
)
class DeliveryViewSet(PartnershipScopedViewSet):
    """What was actually given against a pledge. A delivery is recorded, not edited (as on
    the page): a wrong one is deleted on the page and recorded again."""

    queryset = Delivery.objects.select_related("pledge__partnership", "pledge__partner")
    serializer_class = DeliverySerializer
    view_perm = "resources.view_pledges"
    add_perm = "resources.add_delivery"
    add_perm_before_form = "resources.add_delivery"
    partnership_path = "pledge__partnership"
    http_method_names = ["get", "post", "head", "options"]
    filterset_class = DeliveryFilter
    ordering_fields = ["delivered_on", "amount"]
    ordering = ["-delivered_on"]
