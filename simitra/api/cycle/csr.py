"""Companies' CSR (TJSL): their commitments and the realisations reported, read with the pages'
visibility (a company's own people, the planners observing the region), and a realisation
recorded by the company's people as on the page (anyone else who may read it: 403)."""

import django_filters
from django.db.models import Count, Sum
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, mixins, serializers, viewsets

from simitra.regional import csr, services
from simitra.regional.forms import CsrRealisationForm
from simitra.regional.models import CsrCommitment, CsrRealisation

from ..base import FormSerializer, RecordField
from ..filters import IdFilter
from ..viewsets import RulesMixin, RulesViewSet, ThrottleFirstMixin

TAG = "csr"


class CsrCommitmentSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    region = serializers.CharField(source="region_id", read_only=True)
    partnership = serializers.CharField(
        source="partnership.code", allow_null=True, read_only=True, default=None
    )
    realised = serializers.DecimalField(
        max_digits=18, decimal_places=2, read_only=True, help_text="Σ amount realised."
    )
    reports = serializers.IntegerField(read_only=True, help_text="Realisations reported.")
    overdue = serializers.SerializerMethodField(
        help_text="The report due date has passed and nothing is reported."
    )

    class Meta:
        model = CsrCommitment
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "region",
            "year",
            "amount",
            "partnership",
            "item",
            "report_due",
            "realised",
            "reports",
            "overdue",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_overdue(self, commitment) -> bool:
        today = self.context.setdefault("today", timezone.localdate())
        return bool(
            commitment.report_due and commitment.report_due < today and not commitment.reports
        )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if data["realised"] is None:
            data["realised"] = "0.00"
        return data


class CsrCommitmentFilter(django_filters.FilterSet):
    organisation = IdFilter(field_name="organisation_id")

    class Meta:
        model = CsrCommitment
        fields = ["organisation", "year"]


@extend_schema_view(
    list=extend_schema(summary="Companies' CSR commitments you may see", tags=[TAG]),
    retrieve=extend_schema(summary="One CSR commitment", tags=[TAG]),
)
class CsrCommitmentViewSet(
    ThrottleFirstMixin,
    RulesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """A company's commitments per year and region, with Σ realised: its own people and the
    planners observing the region see them (anyone else: an empty list, 404)."""

    http_method_names = ["get", "head", "options"]
    serializer_class = CsrCommitmentSerializer
    filterset_class = CsrCommitmentFilter

    def get_queryset(self):
        return (
            csr.commitments_visible_to(self.request.user)
            .annotate(realised=Sum("realisations__amount"), reports=Count("realisations"))
            .select_related("organisation", "partnership")
            .order_by("-year", "organisation_id", "pk")
        )


class VisibleCommitmentField(RecordField):
    def get_queryset(self):
        return csr.commitments_visible_to(self.context["request"].user)


class CsrRealisationSerializer(FormSerializer):
    form_class = CsrRealisationForm
    commitment = VisibleCommitmentField(help_text="The commitment's id.")
    district = serializers.CharField(
        source="district_id", allow_null=True, required=False, help_text="A district's code."
    )

    class Meta:
        model = CsrRealisation
        fields = [
            "id",
            "commitment",
            "amount",
            "programme",
            "district",
            "beneficiaries",
            "reported_on",
        ]

    def form_kwargs(self) -> dict:
        return {"commitment": self._commitment}

    def validate(self, attrs):
        self._commitment = attrs.get("commitment")
        user = self.context["request"].user
        # As the page: only the company's own people report (a reader of it is refused).
        if not user.has_perm("regional.change_csr", self._commitment.organisation):
            raise exceptions.PermissionDenied()
        attrs["district"] = attrs.pop("district_id", None)
        return super().validate(attrs)

    def save_form(self, form):
        return services.report_csr_realisation(
            form=form, commitment=self._commitment, reported_by=self.context["request"].user
        )


class CsrRealisationFilter(django_filters.FilterSet):
    commitment = IdFilter(field_name="commitment_id")

    class Meta:
        model = CsrRealisation
        fields = ["commitment"]


@extend_schema_view(
    list=extend_schema(summary="CSR realisations you may see", tags=[TAG]),
    retrieve=extend_schema(summary="One CSR realisation", tags=[TAG]),
    create=extend_schema(summary="Report a realisation (the company's people)", tags=[TAG]),
)
class CsrRealisationViewSet(RulesViewSet):
    """What a company reports it has realised of a commitment."""

    http_method_names = ["get", "post", "head", "options"]
    serializer_class = CsrRealisationSerializer
    filterset_class = CsrRealisationFilter
    add_perm = "regional.change_csr"  # asked about the commitment's company (and before the form)

    def add_perm_object(self, serializer):
        return serializer.validated_data["commitment"].organisation

    def get_queryset(self):
        return csr.realisations_visible_to(self.request.user).order_by(
            "commitment_id", "reported_on", "pk"
        )
