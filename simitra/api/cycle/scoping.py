"""Scoping: needs told apart from wishes (evidence and declared drivers), candidates (put
forward with a rationale, then confirmed or rejected by the coordinator with a reason) and
candidate assessments (conflict of interest first, then blind scoring)."""

import django_filters
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from simitra.organisations.models import Organisation
from simitra.partnerships.models import Partner, Partnership, PartnerStatus
from simitra.scoping import services
from simitra.scoping.forms import (
    CandidateForm,
    DecisionForm,
    DeclarationForm,
    NeedForm,
    ScoresForm,
)
from simitra.scoping.models import Assessment, Candidacy, Criterion, Need
from simitra.scoping.search import Criteria, search_candidates
from simitra.scoping.selectors import in_criteria_order, may_see_results
from simitra.scoping.wishes import NeedInput, need_status

from ..base import (
    PartnershipFormSerializer,
    RecordField,
    RecordVersionField,
    RelatedCodesField,
    SlugField,
    VisiblePartnershipField,
    VisibleRecordField,
    record_id,
    require_before_form,
)
from ..errors import register_refusal
from ..filters import IdFilter, partnership_code_filter
from ..viewsets import PartnershipScopedReadViewSet, PartnershipScopedViewSet

register_refusal(services.SelectionError, code="selection_refused")


class NeedStatusSerializer(serializers.Serializer):
    verified = serializers.BooleanField(help_text="Backed by evidence and free of drivers.")
    unverified = serializers.BooleanField(help_text="No evidence source backs it.")
    wish = serializers.BooleanField(help_text="Its proposer declared a driver: a possible wish.")
    reasons = serializers.ListField(child=serializers.CharField())


class NeedSerializer(PartnershipFormSerializer):
    form_class = NeedForm
    record_version = RecordVersionField()

    evidence = RelatedCodesField(
        child=record_id(), help_text="Ids of the partnership's evidence sources behind it."
    )
    proposed_by = RecordField(
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
            "record_version",
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


# --- Candidates ------------------------------------------------------------------------------


class CandidateSerializer(serializers.ModelSerializer):
    """A partner as selection sees it: why it was put forward and the coordinator's decision."""

    partnership = serializers.CharField(source="partnership.code", read_only=True)
    organisation = serializers.CharField(source="organisation.slug", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    # Plain strings in the schema, so the partners' enums keep their names.
    status = serializers.CharField(
        read_only=True, help_text="candidate, invited, confirmed or withdrawn (as on partners)."
    )
    rationale = serializers.SerializerMethodField(help_text="Why it was put forward.")
    match_score = serializers.SerializerMethodField(
        help_text="How well its profile matched the partnership's problem (0–1), when put "
        "forward from the search."
    )
    added_at = serializers.SerializerMethodField()
    decision = serializers.SerializerMethodField(
        help_text="pending, confirmed or rejected; null for a partner that did not go through "
        "selection."
    )
    decision_reason = serializers.SerializerMethodField()
    decided_at = serializers.SerializerMethodField()
    submitted_assessments = serializers.SerializerMethodField(
        help_text="How many assessors have submitted their scores."
    )

    class Meta:
        model = Partner
        fields = [
            "id",
            "partnership",
            "organisation",
            "organisation_name",
            "status",
            "rationale",
            "match_score",
            "added_at",
            "decision",
            "decision_reason",
            "decided_at",
            "submitted_assessments",
        ]
        read_only_fields = fields

    @staticmethod
    def _candidacy(partner):
        return getattr(partner, "candidacy", None)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_rationale(self, partner):
        candidacy = self._candidacy(partner)
        return candidacy.rationale if candidacy else None

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_match_score(self, partner):
        candidacy = self._candidacy(partner)
        if candidacy is None or candidacy.match_score is None:
            return None
        return float(candidacy.match_score)

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_added_at(self, partner):
        candidacy = self._candidacy(partner)
        return (
            serializers.DateTimeField().to_representation(candidacy.added_at) if candidacy else None
        )

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_decision(self, partner):
        candidacy = self._candidacy(partner)
        return candidacy.decision if candidacy else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_decision_reason(self, partner):
        candidacy = self._candidacy(partner)
        return candidacy.decision_reason if candidacy else None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_decided_at(self, partner):
        candidacy = self._candidacy(partner)
        if candidacy is None or candidacy.decided_at is None:
            return None
        return serializers.DateTimeField().to_representation(candidacy.decided_at)

    def get_submitted_assessments(self, partner) -> int:
        return partner.submitted_assessments  # annotated by the viewset's queryset


class AddCandidateSerializer(serializers.Serializer):
    partnership = VisiblePartnershipField(help_text="The partnership's code.")
    organisation = SlugField(
        slug_field="slug",
        queryset=Organisation.objects.all(),
        help_text="The organisation's slug.",
    )
    rationale = serializers.CharField(
        allow_blank=True, help_text="Why this organisation is a candidate."
    )

    def validate(self, attrs):
        require_before_form(self, attrs["partnership"])
        form = CandidateForm(
            data={"organisation": attrs["organisation"].pk, "rationale": attrs["rationale"]}
        )
        if not form.is_valid():
            raise serializers.ValidationError({k: list(v) for k, v in form.errors.items()})
        return {**attrs, "rationale": form.cleaned_data["rationale"]}


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=["confirm", "reject"],
        help_text="confirm: it becomes a confirmed partner; reject: it is withdrawn.",
    )
    reason = serializers.CharField(allow_blank=True, help_text="Why; kept with the decision.")


class CandidateFilter(django_filters.FilterSet):
    partnership = partnership_code_filter("partnership")
    status = django_filters.ChoiceFilter(choices=PartnerStatus.choices)
    decision = django_filters.ChoiceFilter(
        field_name="candidacy__decision", choices=Candidacy.Decision.choices
    )

    class Meta:
        model = Partner
        fields = ["partnership", "status", "decision"]


@extend_schema_view(
    list=extend_schema(summary="Candidates and the decisions on them", tags=["scoping"]),
    retrieve=extend_schema(summary="One candidate", tags=["scoping"]),
)
class CandidateViewSet(PartnershipScopedReadViewSet):
    """The partners as partner selection sees them (every status, as the candidates page): an
    organisation is put forward with a rationale, assessed (candidate-assessments), then
    confirmed or rejected by the coordinator with a reason. Candidates stay inside the
    partnership, even a published one. The id is the partner's id."""

    # The count of submitted assessments as a subquery of each row, not a GROUP BY of every
    # partner: the database sorts and cuts the page first, then counts for its rows only.
    queryset = Partner.objects.select_related("partnership", "organisation", "candidacy").annotate(
        submitted_assessments=Coalesce(
            Subquery(
                Assessment.objects.filter(partner=OuterRef("pk"), submitted_at__isnull=False)
                .order_by()
                .values("partner")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            0,
        )
    )
    serializer_class = CandidateSerializer
    view_perm = "scoping.view_candidates"
    add_perm_before_form = "scoping.add_candidate"
    filterset_class = CandidateFilter
    ordering_fields = ["status"]
    ordering = ["partnership__code", "status", "organisation__name"]

    def visible_partnerships(self):
        # `scoping.view_candidates` (can_read_private): members and observers, not the public.
        return Partnership.objects.readable_by(self.request.user)

    def _answer(self, partner, status_code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=partner.pk)
        return Response(self.get_serializer(fresh).data, status=status_code)

    @extend_schema(
        tags=["scoping"],
        summary="Put an organisation forward as a candidate (coordinators)",
        description="As the search page: with a rationale; its profile match against the "
        "partnership's problem, causes and needs is kept. An organisation already in the "
        "partnership is refused (409 `selection_refused`).",
        request=AddCandidateSerializer,
        responses={201: CandidateSerializer},
    )
    @transaction.atomic
    def create(self, request, *args, **kwargs):
        payload = AddCandidateSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        partnership = payload.validated_data["partnership"]
        organisation = payload.validated_data["organisation"]
        self.require("scoping.add_candidate", partnership)
        # The score kept with the candidacy is computed here, as the page does.
        match = next(
            (
                m
                for m in search_candidates(partnership, Criteria())
                if m.organisation_id == organisation.pk
            ),
            None,
        )
        partner = services.add_candidate(
            partnership=partnership,
            organisation=organisation,
            rationale=payload.validated_data["rationale"],
            added_by=request.user,
            match=match,
        )
        return self._answer(partner, status.HTTP_201_CREATED)

    @extend_schema(
        tags=["scoping"],
        summary="Confirm or reject the candidate (coordinators)",
        description="Confirmed, it becomes a confirmed partner; rejected, it is withdrawn. "
        "Either way with a reason, which is kept.",
        request=DecisionSerializer,
        responses=CandidateSerializer,
    )
    @action(detail=True, methods=["post"])
    @transaction.atomic
    def decide(self, request, pk=None):
        partner = self.get_object()
        self.require("scoping.decide_candidate", partner.partnership)
        payload = DecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        form = DecisionForm(data=payload.validated_data)
        if not form.is_valid():
            raise serializers.ValidationError({k: list(v) for k, v in form.errors.items()})
        services.decide_candidate(
            partner=partner,
            confirm=form.cleaned_data["decision"] == "confirm",
            reason=form.cleaned_data["reason"],
            decided_by=request.user,
        )
        return self._answer(partner)


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
class AssessmentViewSet(PartnershipScopedReadViewSet):
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

    def visible_partnerships(self):
        # `scoping.view_candidates` (can_read_private): members and observers, not the public.
        return Partnership.objects.readable_by(self.request.user)

    share_partnerships = True  # `shown` asks the rules on every row

    def _own_assessments(self) -> dict:
        """The user's own assessments, by partner: what `may_see_results` needs for every row
        besides the rules (asked of the page's partnerships, their roles read in bulk)."""
        if not hasattr(self, "_own"):
            self._own = {
                a.partner_id: a
                for a in Assessment.objects.filter(assessor=self.request.user).only(
                    "pk", "partner_id", "assessor_id", "submitted_at"
                )
            }
        return self._own

    def shown(self, assessment) -> bool:
        """Blind scoring, by the page's own rule: one's own assessment always; another's only
        once submitted and once `may_see_results` says so."""
        user = self.request.user
        if assessment.assessor_id == user.pk:
            return True
        if not assessment.is_submitted:
            return False
        partnership = assessment.partner.partnership
        return may_see_results(
            own=self._own_assessments().get(assessment.partner_id),
            can_assess=user.has_perm("scoping.assess_candidate", partnership),
            can_decide=user.has_perm("scoping.decide_candidate", partnership),
        )

    def _answer(self, assessment, status_code=status.HTTP_200_OK):
        self.__dict__.pop("_own", None)  # own assessments changed
        record = self.get_queryset().get(pk=assessment.pk)
        return Response(self.get_serializer(record).data, status=status_code)

    @extend_schema(
        tags=["scoping"],
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
        tags=["scoping"],
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
