"""Scoping: needs told apart from wishes (evidence and declared drivers), and candidate
assessments (conflict of interest first, then blind scoring)."""

import django_filters
from django.db import transaction
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from simitra.organisations.models import Organisation
from simitra.partnerships.models import Partner, Partnership
from simitra.partnerships.models.core import READING_STATUSES
from simitra.scoping import services
from simitra.scoping.candidates import in_criteria_order, may_see_results
from simitra.scoping.forms import DeclarationForm, NeedForm, ScoresForm
from simitra.scoping.models import Assessment, Criterion, Need
from simitra.scoping.wishes import NeedInput, need_status

from ..base import PartnershipFormSerializer, RelatedCodesField, VisibleRecordField, record_id
from ..errors import register_refusal
from ..filters import IdFilter, partnership_code_filter
from ..viewsets import (
    PartnershipScopedMixin,
    PartnershipScopedViewSet,
    RulesMixin,
    ThrottleFirstMixin,
)

register_refusal(services.SelectionError, code="selection_refused")


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


# --- Candidate assessments -------------------------------------------------------------------


class ScoreSerializer(serializers.Serializer):
    criterion = serializers.ChoiceField(choices=Criterion.choices)
    score = serializers.IntegerField(
        min_value=-(2**31), max_value=2**31 - 1, help_text="From 1 to 5."
    )
    evidence = serializers.CharField(help_text="What the score rests on.")


class AssessmentSerializer(serializers.ModelSerializer):
    """An assessor's declaration and scores. Blind scoring: another assessor's row carries its
    declaration and scores only once the page would show them (`may_see_results`); until then
    `assessor`, `declared_conflict`, `conflict_note` and `scores` are null."""

    partnership = serializers.CharField(source="partner.partnership.code", read_only=True)
    candidate_name = serializers.CharField(source="partner.organisation.name", read_only=True)
    mine = serializers.SerializerMethodField(help_text="Your own assessment.")
    shown = serializers.SerializerMethodField(
        help_text="Whether its declaration and scores are shown to you (blind scoring)."
    )
    submitted = serializers.BooleanField(source="is_submitted", read_only=True)
    assessor = serializers.SerializerMethodField()
    declared_conflict = serializers.SerializerMethodField()
    conflict_note = serializers.SerializerMethodField()
    scores = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = [
            "id",
            "partnership",
            "partner",
            "candidate_name",
            "mine",
            "shown",
            "submitted",
            "assessor",
            "declared_conflict",
            "conflict_note",
            "declared_at",
            "submitted_at",
            "scores",
        ]
        read_only_fields = fields

    def _shown(self, assessment) -> bool:
        return self.context["view"].shown(assessment)

    def get_mine(self, assessment) -> bool:
        return assessment.assessor_id == self.context["request"].user.pk

    def get_shown(self, assessment) -> bool:
        return self._shown(assessment)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_assessor(self, assessment):
        return assessment.assessor.display_name if self._shown(assessment) else None

    @extend_schema_field(serializers.BooleanField(allow_null=True))
    def get_declared_conflict(self, assessment):
        return assessment.declared_conflict if self._shown(assessment) else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_conflict_note(self, assessment):
        return assessment.conflict_note if self._shown(assessment) else None

    @extend_schema_field(ScoreSerializer(many=True, allow_null=True))
    def get_scores(self, assessment):
        if not self._shown(assessment):
            return None
        return [
            {"criterion": s.criterion, "score": s.score, "evidence": s.evidence}
            for s in in_criteria_order(assessment.scores.all())
        ]


class DeclareSerializer(serializers.Serializer):
    partner = VisibleRecordField(model=Partner, help_text="The candidate partner's id.")
    conflicted = serializers.BooleanField(
        help_text="Whether you have a conflict of interest with this candidate."
    )
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="The conflict, if any."
    )


class ScoresPayloadSerializer(serializers.Serializer):
    scores = ScoreSerializer(many=True, help_text="A draft may be partial; submitting needs all.")
    submit = serializers.BooleanField(
        default=False, help_text="Make the scores final and see the other assessors' scores."
    )


class AssessmentFilter(django_filters.FilterSet):
    partnership = partnership_code_filter("partner__partnership")
    partner = IdFilter(field_name="partner_id")

    class Meta:
        model = Assessment
        fields = ["partnership", "partner"]


@extend_schema_view(
    list=extend_schema(summary="Candidate assessments (blind)", tags=["scoping"]),
    retrieve=extend_schema(summary="One assessment (blind)", tags=["scoping"]),
)
class AssessmentViewSet(
    PartnershipScopedMixin,
    ThrottleFirstMixin,
    RulesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Assessments of candidate partners: the assessor declares any conflict of interest
    first, then scores capacity, quality, integrity and commitment with evidence. Candidates and
    assessments stay inside the partnership, even a published one."""

    queryset = Assessment.objects.select_related(
        "partner__partnership", "partner__organisation", "assessor"
    ).prefetch_related("scores")
    serializer_class = AssessmentSerializer
    partnership_path = "partner__partnership"
    view_perm = "scoping.view_candidates"
    filterset_class = AssessmentFilter
    ordering_fields = ["declared_at", "submitted_at"]
    ordering = ["partner__partnership__code", "partner_id", "pk"]
    http_method_names = ["get", "post", "head", "options"]

    def visible_partnerships(self):
        # `scoping.view_candidates` (can_read_private): members and observers, not the public.
        user = self.request.user
        return (
            Partnership.objects.all() if user.is_superuser else Partnership.objects.involving(user)
        )

    def _blind_context(self):
        """What `may_see_results` needs for every row, in a fixed number of queries: the user's
        own assessments, and where they may decide (`scoping.decide_candidate`:
        coordinators, platform admins) and assess (`scoping.assess_candidate`: those and the
        representatives of partner organisations)."""
        if not hasattr(self, "_blind"):
            user = self.request.user
            own = {
                a.partner_id: a
                for a in Assessment.objects.filter(assessor=user).only(
                    "pk", "partner_id", "assessor_id", "submitted_at"
                )
            }
            if user.is_superuser:
                decide = assess = None  # everywhere
            else:
                decide = set(
                    Partnership.coordinators.through.objects.filter(user_id=user.pk).values_list(
                        "partnership_id", flat=True
                    )
                )
                assess = decide | set(
                    Partner.objects.filter(
                        organisation_id__in=user.organisation_ids(), status__in=READING_STATUSES
                    ).values_list("partnership_id", flat=True)
                )
            self._blind = (own, decide, assess)
        return self._blind

    def shown(self, assessment) -> bool:
        """Blind scoring, by the page's own rule: one's own assessment always; another's only
        once submitted and once `may_see_results` says so."""
        if assessment.assessor_id == self.request.user.pk:
            return True
        if not assessment.is_submitted:
            return False
        own, decide, assess = self._blind_context()
        partnership_id = assessment.partner.partnership_id
        return may_see_results(
            own=own.get(assessment.partner_id),
            can_assess=assess is None or partnership_id in assess,
            can_decide=decide is None or partnership_id in decide,
        )

    def _answer(self, assessment, status_code=status.HTTP_200_OK):
        self.__dict__.pop("_blind", None)  # own assessments changed
        record = self.get_queryset().get(pk=assessment.pk)
        return Response(self.get_serializer(record).data, status=status_code)

    @extend_schema(
        summary="Declare a conflict of interest (assessors)",
        description="Opens your assessment of a candidate; nobody scores before declaring. "
        "Refused (409 `selection_refused`) when you already declared or the candidate was "
        "withdrawn.",
        request=DeclareSerializer,
        responses={201: AssessmentSerializer},
    )
    @transaction.atomic
    def create(self, request, *args, **kwargs):
        payload = DeclareSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        partner = payload.validated_data["partner"]
        self.require("scoping.view_candidates", partner.partnership)
        self.require("scoping.assess_candidate", partner.partnership)
        form = DeclarationForm(
            data={
                "conflicted": "yes" if payload.validated_data["conflicted"] else "no",
                "note": payload.validated_data["note"],
            }
        )
        if not form.is_valid():
            raise serializers.ValidationError(
                {"conflicted" if k == "conflicted" else "note": v for k, v in form.errors.items()}
            )
        assessment = services.declare_conflict(
            partner=partner,
            assessor=request.user,
            conflicted=form.cleaned_data["conflicted"],
            note=form.cleaned_data["note"],
        )
        return self._answer(assessment, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Score the candidate (your own assessment)",
        description="Saves a draft, or with `submit: true` makes it final (all four criteria, "
        "each with evidence); a submitted assessment no longer changes (409).",
        request=ScoresPayloadSerializer,
        responses=AssessmentSerializer,
    )
    @action(detail=True, methods=["post"])
    @transaction.atomic
    def scores(self, request, pk=None):
        assessment = self.get_object()
        if assessment.assessor_id != request.user.pk:
            raise exceptions.PermissionDenied()
        self.require("scoping.assess_candidate", assessment.partner.partnership)
        payload = ScoresPayloadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = {}
        for item in payload.validated_data["scores"]:
            data[f"{item['criterion']}_score"] = str(item["score"])
            data[f"{item['criterion']}_evidence"] = item["evidence"]
        if payload.validated_data["submit"]:
            data["submit"] = "1"
        form = ScoresForm(data=data)
        if not form.is_valid():
            raise serializers.ValidationError(
                {"scores": [m for messages in form.errors.values() for m in messages]}
            )
        services.save_scores(
            assessment=assessment, scores=form.scores, submit=payload.validated_data["submit"]
        )
        return self._answer(assessment)
