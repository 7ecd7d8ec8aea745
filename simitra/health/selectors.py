"""Gathers health-check answers from the database into the plain data `health.summarise` takes.

`results_for(round)` serves one round's page; `latest_results(partnerships)` serves many
partnerships at once (early warning, the portfolio) in a fixed number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Q

from simitra.partnerships.models import PartnerStatus

from . import health
from .conf import health_thresholds
from .models import HealthAnswer, HealthCheckRound, HealthQuestion, HealthResponse


def _question(question: HealthQuestion) -> health.Question:
    return health.Question(key=question.key, label=question.label, built_in=question.is_built_in)


def round_input(health_round: HealthCheckRound) -> health.RoundInput:
    """One round's questions and scores. Partner names are not even read for an anonymous round."""
    questions = list(health_round.questions.all())
    keys = {question.pk: question.key for question in questions}
    fields = ["response__partner_id", "question_id", "score", "comment"]
    if not health_round.anonymous:
        fields.append("response__partner__organisation__name")
    rows = HealthAnswer.objects.filter(response__round=health_round).values_list(*fields)
    scores, names = [], {}
    for row in rows:
        partner_id, question_id, score, comment = row[:4]
        scores.append(health.Score(partner_id, keys[question_id], score, comment))
        if not health_round.anonymous:
            names[partner_id] = row[4]
    return health.RoundInput(
        questions=tuple(_question(q) for q in questions),
        scores=tuple(scores),
        anonymous=health_round.anonymous,
        is_open=health_round.is_open,
        partner_names=names,
    )


def _answered():
    return Exists(HealthResponse.objects.filter(round=OuterRef("pk")))


def previous_round(health_round: HealthCheckRound) -> HealthCheckRound | None:
    """The latest closed round with answers opened before this one (the base of the trend)."""
    return (
        HealthCheckRound.objects.closed()
        .filter(partnership_id=health_round.partnership_id)
        .filter(
            Q(opened_at__lt=health_round.opened_at)
            | Q(opened_at=health_round.opened_at, pk__lt=health_round.pk)
        )
        .filter(_answered())
        .order_by("-opened_at", "-pk")
        .first()
    )


def results_for(
    health_round: HealthCheckRound, thresholds: health.Thresholds | None = None
) -> health.HealthResults:
    previous = previous_round(health_round)
    return health.summarise(
        round_input(health_round),
        round_input(previous) if previous else None,
        thresholds or health_thresholds(),
    )


@dataclass(frozen=True)
class LatestHealth:
    round_id: int
    title: str
    closed_at: datetime
    results: health.HealthResults


def latest_results(
    partnerships, thresholds: health.Thresholds | None = None
) -> dict[int, LatestHealth]:
    """For each partnership (a queryset or a list of ids) that has one, the results of its latest
    closed round with answers, with the trend against the closed round before it.

    Three queries whatever the number of partnerships; comments are left out."""
    thresholds = thresholds or health_thresholds()
    rounds = (
        HealthCheckRound.objects.closed()
        .filter(partnership__in=partnerships)
        .filter(_answered())
        .order_by("partnership_id", "-opened_at", "-pk")
    )
    chosen: dict[int, list[HealthCheckRound]] = defaultdict(list)
    for health_round in rounds.only("pk", "partnership_id", "title", "anonymous", "closed_at"):
        if len(chosen[health_round.partnership_id]) < 2:
            chosen[health_round.partnership_id].append(health_round)
    if not chosen:
        return {}
    questions: dict[int, list[HealthQuestion]] = defaultdict(list)
    keys: dict[int, str] = {}
    for question in HealthQuestion.objects.filter(round__in=rounds.values("pk")):
        questions[question.round_id].append(question)
        keys[question.pk] = question.key
    scores: dict[int, list[health.Score]] = defaultdict(list)
    names: dict[int, dict[int, str]] = defaultdict(dict)
    rows = HealthAnswer.objects.filter(response__round__in=rounds.values("pk")).values_list(
        "response__round_id",
        "response__partner_id",
        "question_id",
        "score",
        "response__partner__organisation__name",
    )
    for round_id, partner_id, question_id, score, name in rows:
        scores[round_id].append(health.Score(partner_id, keys[question_id], score))
        names[round_id][partner_id] = name

    def as_input(health_round: HealthCheckRound) -> health.RoundInput:
        return health.RoundInput(
            questions=tuple(_question(q) for q in questions[health_round.pk]),
            scores=tuple(scores[health_round.pk]),
            anonymous=health_round.anonymous,
            is_open=False,
            partner_names={} if health_round.anonymous else names[health_round.pk],
        )

    latest = {}
    for partnership_id, pair in chosen.items():
        current = pair[0]
        previous = as_input(pair[1]) if len(pair) > 1 else None
        latest[partnership_id] = LatestHealth(
            round_id=current.pk,
            title=current.title,
            closed_at=current.closed_at,
            results=health.summarise(as_input(current), previous, thresholds),
        )
    return latest


def round_participation(health_round: HealthCheckRound) -> list[dict]:
    """Each expected partner and whether it answered: while the round is open, the partners
    confirmed now; once closed, those expected when it closed. Callers show it only where the
    rules allow (never per partner in an anonymous round, except to the coordinator)."""
    answered = set(health_round.responses.values_list("partner_id", flat=True))
    if health_round.is_open:
        expected = health_round.partnership.partners.filter(status=PartnerStatus.CONFIRMED)
    else:
        expected = health_round.expected_partners.all()
    return [
        {"partner": partner, "answered": partner.pk in answered}
        for partner in expected.select_related("organisation").order_by("organisation__name")
    ]
