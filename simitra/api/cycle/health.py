"""Health-check rounds and answers. The coordinator opens a round (one at a time), may change it
and add own questions before anyone answers, and closes it, through the page's forms and
services. A representative answers an open round for their partner organisation (again to
replace their answers).

A round's results are those of its page (`results_for`, the same measure): over the partners,
never per partner in an anonymous round, and withheld while an anonymous round is open or when
fewer partners answered than the page's minimum. Who answered is listed to the coordinator,
and to every reader of a named round only.

Who answered what stays with the answering organisation: the list, its count and every detail
hold only the answers given for the requesting user's own organisations — for coordinators,
observers and platform admins too, in named rounds as in anonymous ones (no page shows anyone
another organisation's own answers either; the round's page shows results over partners).
"""

import django_filters
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from simitra.health import closing, services
from simitra.health.forms import AnswerForm, QuestionForm, RoundForm
from simitra.health.models import HealthCheckRound, HealthResponse
from simitra.health.selectors import results_for, round_participation
from simitra.partnerships.models import Partnership

from ..base import PartnershipFormSerializer, VisibleRecordField, record_id
from ..errors import register_refusal
from ..filters import IdFilter, partnership_code_filter
from ..viewsets import PartnershipScopedReadViewSet, PartnershipScopedViewSet

register_refusal(services.ReviewError, code="review_refused")


class HealthAnswerSerializer(serializers.Serializer):
    question = record_id(help_text="The id of one of the round's questions.")
    score = serializers.IntegerField(
        min_value=-(2**31), max_value=2**31 - 1, help_text="From 1 (disagree) to 5 (agree)."
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class HealthResponseSerializer(serializers.ModelSerializer):
    partnership = serializers.CharField(source="round.partnership.code", read_only=True)
    partner_name = serializers.CharField(source="partner.organisation.name", read_only=True)
    mine = serializers.SerializerMethodField(help_text="Given by you, not by a colleague.")
    answers = serializers.SerializerMethodField()

    class Meta:
        model = HealthResponse
        fields = [
            "id",
            "partnership",
            "round",
            "partner",
            "partner_name",
            "mine",
            "answers",
            "submitted_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_mine(self, response) -> bool:
        return response.respondent_id == self.context["request"].user.pk

    @extend_schema_field(HealthAnswerSerializer(many=True))
    def get_answers(self, response):
        return [
            {"question": a.question_id, "score": a.score, "comment": a.comment}
            for a in sorted(response.answers.all(), key=lambda a: a.question_id)
        ]


class SubmitAnswersSerializer(serializers.Serializer):
    round = VisibleRecordField(
        model=HealthCheckRound, help_text="The id of an open round of your partnership."
    )
    partner = record_id(
        required=False,
        help_text="Your partner's id; needed only when you represent several partners.",
    )
    answers = HealthAnswerSerializer(many=True, help_text="A score for every question.")


class HealthResponseFilter(django_filters.FilterSet):
    partnership = partnership_code_filter("round__partnership")
    round = IdFilter(field_name="round_id")

    class Meta:
        model = HealthResponse
        fields = ["partnership", "round"]


@extend_schema_view(
    list=extend_schema(summary="Your organisation's health-check answers", tags=["reviews"]),
    retrieve=extend_schema(summary="One of your organisation's answers", tags=["reviews"]),
)
class HealthResponseViewSet(PartnershipScopedReadViewSet):
    """Answers to the health check, each given by one representative for their partner."""

    queryset = HealthResponse.objects.select_related(
        "round__partnership", "partner__organisation"
    ).prefetch_related("answers")
    serializer_class = HealthResponseSerializer
    partnership_path = "round__partnership"
    view_perm = None  # the queryset decides: one's own organisations' answers only
    filterset_class = HealthResponseFilter
    ordering_fields = ["submitted_at", "updated_at"]
    ordering = ["round__partnership__code", "-submitted_at"]

    def get_queryset(self):
        own = self.request.user.organisation_ids()
        return super().get_queryset().filter(partner__organisation_id__in=own)

    @extend_schema(
        tags=["reviews"],
        summary="Answer a round for your partner (representatives)",
        description="Every question needs a score from 1 to 5; sending again replaces your "
        "answers while the round is open. A closed round is refused (409 `review_refused`).",
        request=SubmitAnswersSerializer,
        responses={200: HealthResponseSerializer, 201: HealthResponseSerializer},
    )
    @transaction.atomic
    def create(self, request, *args, **kwargs):
        payload = SubmitAnswersSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        health_round = payload.validated_data["round"]
        self.require("health.answer_healthcheck", health_round.partnership)
        if not health_round.is_open:  # the page's check, before the form
            # The service's own messages (the health check's catalogue).
            raise services.ReviewError(
                _("This round is closed: answers can no longer be given or changed.")
            )
        partners = services.partners_user_may_answer_for(health_round, request.user)
        if not partners:  # a platform admin may do everything, but answers only for a partner
            raise exceptions.PermissionDenied()
        data = {}
        if "partner" in payload.validated_data:
            data["partner"] = payload.validated_data["partner"]
        for item in payload.validated_data["answers"]:
            data[f"score_{item['question']}"] = str(item["score"])
            data[f"comment_{item['question']}"] = item["comment"]
        form = AnswerForm(data=data, questions=health_round.questions.all(), partners=partners)
        if not form.is_valid():
            errors = {}
            for name, messages in form.errors.items():
                key = "partner" if name == "partner" else "answers"
                errors.setdefault(key, []).extend(messages)
            raise serializers.ValidationError(errors)
        asked = {q.pk for q in form.questions}
        if any(item["question"] not in asked for item in payload.validated_data["answers"]):
            raise serializers.ValidationError({"answers": [_("Answer every question.")]})
        partner = form.chosen_partner()
        existed = HealthResponse.objects.filter(
            round=health_round, partner=partner, respondent=request.user
        ).exists()
        response = services.submit_answers(
            health_round=health_round,
            partner=partner,
            respondent=request.user,
            answers=form.answers(),
        )
        body = self.get_serializer(self.get_queryset().get(pk=response.pk)).data
        return Response(body, status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED)


# --- Rounds ------------------------------------------------------------------------------------


class HealthQuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField(help_text="A short name: the dimension, or the question.")
    statement = serializers.CharField(help_text="What partners rate from 1 to 5.")
    built_in = serializers.BooleanField(source="is_built_in")


class HealthRoundSerializer(PartnershipFormSerializer):
    form_class = RoundForm

    is_open = serializers.BooleanField(read_only=True)
    partners_answered = serializers.SerializerMethodField(
        help_text="How many partners have answered."
    )
    questions = HealthQuestionSerializer(many=True, read_only=True)

    class Meta:
        model = HealthCheckRound
        fields = [
            "id",
            "partnership",
            "title",
            "introduction",
            "anonymous",
            "due_date",
            "is_open",
            "opened_at",
            "closed_at",
            "completed",
            "partners_answered",
            "questions",
        ]
        read_only_fields = ["opened_at", "closed_at", "completed"]

    def get_partners_answered(self, health_round) -> int:
        if hasattr(health_round, "partners_answered"):  # annotated by the viewset's queryset
            return health_round.partners_answered
        return health_round.responses.values("partner_id").distinct().count()

    def save_form(self, form):
        data = form.cleaned_data
        fields = {
            "title": data["title"],
            "anonymous": data["anonymous"],
            "due_date": data["due_date"],
            "introduction": data["introduction"],
        }
        if self.instance is None:
            return services.open_round(
                partnership=self.target_partnership, opened_by=self.user, **fields
            )
        return services.update_round(health_round=self.instance, **fields)


class QuestionTextSerializer(serializers.Serializer):
    text = serializers.CharField(
        help_text="A statement partners rate from 1 (strongly disagree) to 5 (strongly agree)."
    )


class ResultCommentSerializer(serializers.Serializer):
    text = serializers.CharField()
    partner = serializers.CharField(help_text="The partner's name; empty in an anonymous round.")


class ResultFlagSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="low, falling or divergent.")
    message = serializers.CharField()


class PartnerMeanSerializer(serializers.Serializer):
    partner = serializers.IntegerField()
    mean = serializers.FloatField()


class QuestionResultSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    built_in = serializers.BooleanField()
    partners = serializers.IntegerField(help_text="How many partners rated it.")
    mean = serializers.FloatField(allow_null=True)
    lowest = serializers.FloatField(allow_null=True)
    highest = serializers.FloatField(allow_null=True)
    disagreement = serializers.FloatField(allow_null=True)
    previous_mean = serializers.FloatField(allow_null=True)
    trend = serializers.FloatField(allow_null=True)
    partner_means = PartnerMeanSerializer(many=True, help_text="Empty in an anonymous round.")
    comments = ResultCommentSerializer(many=True)
    flags = ResultFlagSerializer(many=True)


class ParticipationSerializer(serializers.Serializer):
    partner = serializers.IntegerField()
    partner_name = serializers.CharField()
    answered = serializers.BooleanField()


class HealthResultsSerializer(serializers.Serializer):
    round = serializers.IntegerField()
    shown = serializers.BooleanField(help_text="False while the results are withheld.")
    withheld_reason = serializers.CharField(help_text="Why they are withheld; empty if shown.")
    partners_answered = serializers.IntegerField()
    partners_expected = serializers.IntegerField()
    participation = ParticipationSerializer(
        many=True,
        allow_null=True,
        help_text="Who answered: for the coordinator, and in a named round for every reader; "
        "null otherwise.",
    )
    overall_mean = serializers.FloatField(allow_null=True)
    previous_overall_mean = serializers.FloatField(allow_null=True)
    questions = QuestionResultSerializer(many=True)


def results_body(health_round, *, can_manage: bool) -> dict:
    results = results_for(health_round)
    participation = [
        {
            "partner": row["partner"].pk,
            "partner_name": row["partner"].organisation.name,
            "answered": row["answered"],
        }
        for row in round_participation(health_round)
    ]
    return {
        "round": health_round.pk,
        "shown": results.shown,
        "withheld_reason": str(results.withheld_reason),
        "partners_answered": sum(1 for row in participation if row["answered"]),
        "partners_expected": len(participation),
        "participation": participation if can_manage or not health_round.anonymous else None,
        "overall_mean": results.overall_mean,
        "previous_overall_mean": results.previous_overall_mean,
        "questions": [
            {
                "key": q.key,
                "label": str(q.label),
                "built_in": q.built_in,
                "partners": q.partners,
                "mean": q.mean,
                "lowest": q.lowest,
                "highest": q.highest,
                "disagreement": q.disagreement,
                "previous_mean": q.previous_mean,
                "trend": q.trend,
                # summarise() leaves them out of an anonymous round; asked again here.
                "partner_means": []
                if health_round.anonymous
                else [{"partner": p, "mean": m} for p, m in sorted(q.partner_means.items())],
                "comments": [
                    {"text": c.text, "partner": "" if health_round.anonymous else c.partner}
                    for c in q.comments
                ],
                "flags": [{"kind": f.kind, "message": str(f.message)} for f in q.flags],
            }
            for q in results.questions
        ],
    }


class HealthRoundFilter(django_filters.FilterSet):
    partnership = partnership_code_filter("partnership")
    open = django_filters.BooleanFilter(
        field_name="closed_at", lookup_expr="isnull", label="Open rounds only (true) or closed"
    )

    class Meta:
        model = HealthCheckRound
        fields = ["partnership", "open"]


@extend_schema_view(
    list=extend_schema(summary="Health-check rounds", tags=["reviews"]),
    retrieve=extend_schema(summary="One round, with its questions", tags=["reviews"]),
    create=extend_schema(
        summary="Open a round (coordinators)",
        description="One open round at a time; a second, or one in a closed partnership, is "
        "refused (409 `review_refused`). The round starts with the built-in questions.",
        tags=["reviews"],
    ),
    update=extend_schema(
        summary="Change a round (coordinators)",
        description="Anonymity can be switched on at any time, but not off once someone has "
        "answered (409 `review_refused`).",
        tags=["reviews"],
    ),
    partial_update=extend_schema(summary="Change some fields", tags=["reviews"]),
)
class HealthRoundViewSet(PartnershipScopedViewSet):
    """Rounds of the health check of the partnerships you take part in or observe (never the
    public's, even when the partnership is published)."""

    queryset = (
        HealthCheckRound.objects.select_related("partnership")
        .annotate(partners_answered=Count("responses__partner", distinct=True))
        .prefetch_related("questions")
    )
    serializer_class = HealthRoundSerializer
    view_perm = "health.view_healthcheck"
    add_perm = "health.manage_healthcheck"
    add_perm_before_form = "health.manage_healthcheck"
    change_perm = "health.manage_healthcheck"
    filterset_class = HealthRoundFilter
    ordering_fields = ["opened_at", "closed_at", "title"]
    ordering = ["partnership__code", "-opened_at", "-pk"]

    def visible_partnerships(self):
        # `health.view_healthcheck` (can_read_private): members and observers, not the public.
        return Partnership.objects.readable_by(self.request.user)

    def _answer(self, health_round, status_code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=health_round.pk)
        return Response(self.get_serializer(fresh).data, status=status_code)

    @extend_schema(
        summary="Close the round (coordinators)",
        description="It counts as completed when every confirmed partner has answered. A closed "
        "round is refused (409 `review_refused`).",
        request=None,
        responses=HealthRoundSerializer,
        tags=["reviews"],
    )
    @action(detail=True, methods=["post"])
    @transaction.atomic
    def close(self, request, pk=None):
        health_round = self.get_object()
        self.require("health.manage_healthcheck", health_round)
        health_round = services.close_round(health_round=health_round, closed_by=request.user)
        closing.round_closed(health_round.partnership)  # as the page
        return self._answer(health_round)

    @extend_schema(
        summary="Add your own question (coordinators)",
        description="Only while the round is open and before anyone answers; the same question "
        "twice is refused (409 `review_refused`). Answers the round.",
        request=QuestionTextSerializer,
        responses={201: HealthRoundSerializer},
        tags=["reviews"],
    )
    @action(detail=True, methods=["post"])
    @transaction.atomic
    def questions(self, request, pk=None):
        health_round = self.get_object()
        self.require("health.manage_healthcheck", health_round)
        payload = QuestionTextSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        form = QuestionForm(data={"text": payload.validated_data["text"]})
        if not form.is_valid():
            raise serializers.ValidationError({"text": form.errors["text"]})
        services.add_question(health_round=health_round, text=form.cleaned_data["text"])
        return self._answer(health_round, status.HTTP_201_CREATED)

    @extend_schema(
        summary="The round's results, as its page shows them",
        description="Means over the partners per question, with trend, disagreement and "
        "flags. An anonymous round gives no partner's means or names, and nothing while open or "
        "when fewer partners answered than the minimum (`shown` false, `withheld_reason`).",
        responses=HealthResultsSerializer,
        tags=["reviews"],
    )
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        health_round = self.get_object()
        can_manage = request.user.has_perm("health.manage_healthcheck", health_round.partnership)
        return Response(results_body(health_round, can_manage=can_manage))
