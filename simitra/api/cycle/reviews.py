"""Health-check answers. A representative answers an open round for their partner organisation
(again to replace their answers), through the page's form and service.

Who answered what stays with the answering organisation: the list, its count and every detail
hold only the answers given for the requesting user's own organisations — for coordinators,
observers and platform admins too, in named rounds as in anonymous ones (no page shows anyone
another organisation's own answers either; the round's page shows results over partners).
"""

import django_filters
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.response import Response

from simitra.reviews import services
from simitra.reviews.forms import AnswerForm
from simitra.reviews.models import HealthCheckRound, HealthResponse

from ..base import VisibleRecordField, record_id
from ..errors import register_refusal
from ..filters import IdFilter, partnership_code_filter
from ..viewsets import PartnershipScopedMixin, RulesMixin, ThrottleFirstMixin

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
class HealthResponseViewSet(
    PartnershipScopedMixin,
    ThrottleFirstMixin,
    RulesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
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
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        own = self.request.user.organisation_ids()
        return super().get_queryset().filter(partner__organisation_id__in=own)

    @extend_schema(
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
        self.require("reviews.answer_healthcheck", health_round.partnership)
        if not health_round.is_open:  # the page's check, before the form
            # The service's own messages (reviews' catalogue).
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
