"""Agreements (MoU, PKS) and their parties' approvals and signatures.

Approving and signing call the same services as the pages, so the seed's rule holds here too:
no approval or signature while the action plan fails its readiness check (409
`agreement_refused`, every problem listed in `fields.reasons`), nor while the agreement is out
of date, its data changed since it went to review (409 `agreement_out_of_date`, what changed
listed in `fields.reasons`)."""

import django_filters
from django.db import transaction
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from simitra.agreements import services
from simitra.agreements.drafting import default_title
from simitra.agreements.forms import AgreementForm, SignForm
from simitra.agreements.models import Agreement, AgreementParty, AgreementStatus

from ..base import PartnershipFormSerializer, RecordVersionField, RelatedCodesField, record_id
from ..errors import register_refusal
from ..filters import IdFilter, partnership_code_filter
from ..viewsets import PartnershipScopedReadViewSet, PartnershipScopedViewSet

# Before its parent class: the handler answers with the first class registered that matches.
register_refusal(
    services.AgreementOutOfDate,
    code="agreement_out_of_date",
    fields=lambda exc: {"reasons": [str(reason) for reason in exc.reasons]},
)
register_refusal(
    services.AgreementRefused,
    code="agreement_refused",
    fields=lambda exc: {"reasons": [str(reason) for reason in exc.reasons]},
)
register_refusal(services.WorkflowError, code="workflow_refused")


class PartySerializer(serializers.ModelSerializer):
    agreement = serializers.IntegerField(source="agreement_id", read_only=True)
    partnership = serializers.CharField(source="agreement.partnership.code", read_only=True)
    partner = serializers.IntegerField(source="partner_id", read_only=True)
    organisation_name = serializers.CharField(source="partner.organisation.name", read_only=True)

    class Meta:
        model = AgreementParty
        fields = [
            "id",
            "agreement",
            "partnership",
            "partner",
            "organisation_name",
            "approved_at",
            "signatory_name",
            "signatory_title",
            "signed_on",
        ]
        read_only_fields = fields


class AgreementSerializer(PartnershipFormSerializer):
    form_class = AgreementForm
    fixed_on_update = ("partnership", "kind")
    record_version = RecordVersionField()

    parties = RelatedCodesField(
        child=record_id(),
        attribute="partner_id",
        help_text="Ids of the partners that are party to it (an MoU: every confirmed partner).",
    )
    party_records = PartySerializer(source="parties", many=True, read_only=True)
    plan_version = serializers.IntegerField(
        source="plan_version.number", read_only=True, allow_null=True
    )

    class Meta:
        model = Agreement
        fields = [
            "id",
            "partnership",
            "kind",
            "title",
            "number",
            "language",
            "place",
            "parties",
            "party_records",
            "version",
            "status",
            "plan_version",
            "effective_date",
            "created_at",
            "updated_at",
            "record_version",
        ]
        read_only_fields = ["version", "status", "effective_date", "created_at", "updated_at"]
        extra_kwargs = {
            "title": {"required": False, "allow_blank": True},
            "kind": {"required": True},
        }

    def form_kwargs(self) -> dict:
        return {"partnership": self.target_partnership}

    def validate(self, attrs):
        self.old_language = self.instance.language if self.instance is not None else None
        return super().validate(attrs)

    @transaction.atomic
    def save_form(self, form):
        data = form.cleaned_data
        parties = list(data["parties"])
        names = [p.organisation.name for p in parties]
        if form.instance.pk is None:
            return services.create_agreement(
                partnership=form.partnership,
                kind=data["kind"],
                title=data["title"].strip()
                or default_title(data["kind"], form.partnership.title, names, data["language"]),
                language=data["language"],
                parties=parties,
                number=data["number"],
                place=data["place"],
                created_by=self.user,
            )
        agreement = form.save(commit=False)
        if not agreement.title.strip():
            agreement.title = default_title(
                agreement.kind, form.partnership.title, names, agreement.language
            )
        services.update_agreement(
            agreement=agreement,
            parties=parties,
            language_changed=agreement.language != self.old_language,
        )
        return agreement


class SignSerializer(serializers.Serializer):
    signatory_name = serializers.CharField(max_length=200)
    signatory_title = serializers.CharField(max_length=200, help_text="e.g. Kepala Dinas")
    signed_on = serializers.DateField(help_text="Not in the future.")

    def validate(self, attrs):
        form = SignForm(data={key: str(value) for key, value in attrs.items()})
        if not form.is_valid():
            raise serializers.ValidationError(
                {name: list(messages) for name, messages in form.errors.items()}
            )
        return form.cleaned_data


class AgreementFilter(django_filters.FilterSet):
    partnership = partnership_code_filter("partnership")
    kind = django_filters.ChoiceFilter(choices=Agreement._meta.get_field("kind").choices)
    status = django_filters.ChoiceFilter(choices=AgreementStatus.choices)

    class Meta:
        model = Agreement
        fields = ["partnership", "kind", "status"]


class PartyFilter(django_filters.FilterSet):
    partnership = partnership_code_filter("agreement__partnership")
    agreement = IdFilter(field_name="agreement_id")

    class Meta:
        model = AgreementParty
        fields = ["partnership", "agreement"]


@extend_schema_view(
    list=extend_schema(summary="Agreements (MoU and PKS)", tags=["agreements"]),
    retrieve=extend_schema(summary="One agreement with its parties", tags=["agreements"]),
    create=extend_schema(
        summary="Draft an agreement from the data (coordinators)", tags=["agreements"]
    ),
    update=extend_schema(summary="Change a draft (coordinators)", tags=["agreements"]),
    partial_update=extend_schema(summary="Change some fields of a draft", tags=["agreements"]),
)
class AgreementViewSet(PartnershipScopedViewSet):
    """The MoU and cooperation agreements. Sections are written and edited on the pages."""

    queryset = Agreement.objects.select_related("partnership", "plan_version").prefetch_related(
        "parties__partner__organisation"
    )
    serializer_class = AgreementSerializer
    view_perm = "agreements.view_agreement"
    add_perm = "agreements.change_agreement"
    add_perm_before_form = "agreements.change_agreement"
    change_perm = "agreements.change_agreement"
    filterset_class = AgreementFilter
    ordering_fields = ["updated_at", "version"]
    ordering = ["partnership__code", "kind", "-version"]

    @extend_schema(
        summary="Send a draft for review (coordinators)",
        description="Freezes the plan version, parties and contributions the parties review.",
        request=None,
        responses=AgreementSerializer,
        tags=["agreements"],
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        agreement = self.get_object()
        self.require("agreements.change_agreement", agreement)
        services.submit_for_review(agreement=agreement, submitted_by=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=agreement.pk)).data)


@extend_schema_view(
    list=extend_schema(summary="Parties to agreements", tags=["agreements"]),
    retrieve=extend_schema(summary="One party: its approval and signature", tags=["agreements"]),
)
class AgreementPartyViewSet(PartnershipScopedReadViewSet):
    """Each party's approval and signature of an agreement."""

    queryset = AgreementParty.objects.select_related(
        "agreement__partnership", "partner__organisation"
    )
    serializer_class = PartySerializer
    view_perm = "agreements.view_agreement"
    partnership_path = "agreement__partnership"
    filterset_class = PartyFilter
    ordering = ["agreement_id", "partner__organisation__name"]

    @extend_schema(
        summary="Approve for this party (its representatives, or coordinators)",
        description="Refused (409 `agreement_refused`, the problems in `fields.reasons`) while "
        "the action plan fails its readiness check or the agreement is incomplete; 409 "
        "`agreement_out_of_date` (what changed in `fields.reasons`) when its data changed since "
        "it went to review.",
        request=None,
        responses=PartySerializer,
        tags=["agreements"],
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        party = self.get_object()
        self.require("agreements.approve_for_party", party)
        services.approve_for_party(party=party, approved_by=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=party.pk)).data)

    @extend_schema(
        summary="Record this party's signature (its representatives, or coordinators)",
        description="Refused (409 `agreement_refused`) before the action plan passes its "
        "readiness check — the seed's rule, exactly as on the page; 409 "
        "`agreement_out_of_date` when its data changed since it went to review.",
        request=SignSerializer,
        responses=PartySerializer,
        tags=["agreements"],
    )
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        party = self.get_object()
        self.require("agreements.sign_for_party", party)
        serializer = SignSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.sign_for_party(
            party=party,
            signatory_name=data["signatory_name"],
            signatory_title=data["signatory_title"],
            signed_on=data["signed_on"],
            recorded_by=request.user,
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=party.pk)).data)
