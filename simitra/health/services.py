"""Writes of the health check: rounds (open, change, close), their questions and the answers."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simitra.accounts.models import User
from simitra.partnerships import recompute
from simitra.partnerships.models import Partner, Partnership, PartnerStatus

from . import signals
from .models import HealthAnswer, HealthCheckRound, HealthQuestion, HealthResponse
from .questionnaire import BUILT_IN_ORDER

OWN_QUESTIONS_START = 200  # own questions come after the built-in ones


class ReviewError(Exception):
    """A health-check action that is not allowed in the current state; the message says why."""


def _lock(health_round: HealthCheckRound) -> HealthCheckRound:
    return HealthCheckRound.objects.select_for_update().get(pk=health_round.pk)


@transaction.atomic
def open_round(
    *,
    partnership: Partnership,
    opened_by: User,
    title: str,
    anonymous: bool = False,
    due_date: dt.date | None = None,
    introduction: str = "",
) -> HealthCheckRound:
    """Open a round with the built-in questionnaire; one round at a time per partnership."""
    if partnership.is_closed:
        raise ReviewError(_("This partnership is closed."))
    if HealthCheckRound.objects.open().filter(partnership=partnership).exists():
        raise ReviewError(_("A round is already open: close it before opening another."))
    try:
        with transaction.atomic():
            health_round = HealthCheckRound.objects.create(
                partnership=partnership,
                title=title.strip(),
                anonymous=anonymous,
                due_date=due_date,
                introduction=introduction.strip(),
                opened_by=opened_by,
            )
    except IntegrityError as error:  # another coordinator opened one at the same moment
        raise ReviewError(_("A round is already open: close it before opening another.")) from error
    HealthQuestion.objects.bulk_create(
        HealthQuestion(round=health_round, dimension=dimension, order=10 * (n + 1))
        for n, dimension in enumerate(BUILT_IN_ORDER)
    )
    transaction.on_commit(
        lambda: signals.round_opened.send(sender=HealthCheckRound, health_round=health_round),
        robust=True,
    )
    return health_round


@transaction.atomic
def update_round(
    *,
    health_round: HealthCheckRound,
    title: str,
    anonymous: bool,
    due_date: dt.date | None,
    introduction: str,
) -> HealthCheckRound:
    """Change a round's title, due date, introduction or anonymity. Anonymity may be switched on
    at any time, but never off once someone has answered: they answered under that promise."""
    health_round = _lock(health_round)
    if health_round.anonymous and not anonymous and health_round.responses.exists():
        raise ReviewError(
            _("Partners answered this round anonymously: it cannot be made non-anonymous.")
        )
    health_round.title = title.strip()
    health_round.anonymous = anonymous
    health_round.due_date = due_date
    health_round.introduction = introduction.strip()
    health_round.save(update_fields=["title", "anonymous", "due_date", "introduction"])
    return health_round


def _check_questions_editable(health_round: HealthCheckRound) -> None:
    if not health_round.is_open:
        raise ReviewError(_("This round is closed."))
    if health_round.responses.exists():
        raise ReviewError(
            _("Partners have started answering: the questions of this round can no longer change.")
        )


@transaction.atomic
def add_question(*, health_round: HealthCheckRound, text: str) -> HealthQuestion:
    """Add the coordinator's own question, before anyone answers (so every partner rates the
    same questionnaire and the means compare)."""
    health_round = _lock(health_round)
    _check_questions_editable(health_round)
    text = " ".join(text.split())
    if not text:
        raise ReviewError(_("Write the question."))
    key = text.casefold()
    if any(q.key == f"text:{key}" for q in health_round.questions.all()):
        raise ReviewError(_("This round already has this question."))
    last = max(
        [q.order for q in health_round.questions.all()] + [OWN_QUESTIONS_START - 1],
    )
    return HealthQuestion.objects.create(round=health_round, text=text, order=last + 1)


@transaction.atomic
def remove_question(*, question: HealthQuestion) -> None:
    _check_questions_editable(_lock(question.round))
    if question.is_built_in:
        raise ReviewError(_("The built-in questions are asked in every round."))
    question.delete()


def partners_user_may_answer_for(health_round: HealthCheckRound, user: User) -> list[Partner]:
    """The confirmed partners of the round's partnership this user represents."""
    return list(
        health_round.partnership.partners.filter(
            status=PartnerStatus.CONFIRMED, organisation_id__in=user.organisation_ids()
        ).select_related("organisation")
    )


@transaction.atomic
def submit_answers(
    *,
    health_round: HealthCheckRound,
    partner: Partner,
    respondent: User,
    answers: dict[int, tuple[int, str]],
) -> HealthResponse:
    """Record (or replace) one representative's answers: question id → (score, comment).
    Every question of the round must be answered with a score from 1 to 5."""
    health_round = _lock(health_round)
    if not health_round.is_open:
        raise ReviewError(_("This round is closed: answers can no longer be given or changed."))
    if partner.partnership_id != health_round.partnership_id or partner.status != (
        PartnerStatus.CONFIRMED
    ):
        raise ReviewError(_("Only confirmed partners answer the health check."))
    if partner.organisation_id not in respondent.organisation_ids():
        raise ReviewError(_("You may answer only for your own organisation."))
    question_ids = set(health_round.questions.values_list("pk", flat=True))
    if set(answers) != question_ids:
        raise ReviewError(_("Answer every question."))
    if any(not 1 <= score <= 5 for score, _comment in answers.values()):
        raise ReviewError(_("Scores go from 1 to 5."))
    response, _created = HealthResponse.objects.get_or_create(
        round=health_round, partner=partner, respondent=respondent
    )
    response.answers.all().delete()
    HealthAnswer.objects.bulk_create(
        HealthAnswer(response=response, question_id=qid, score=score, comment=comment.strip())
        for qid, (score, comment) in answers.items()
    )
    response.save(update_fields=["updated_at"])
    recompute.inputs_changed(health_round.partnership_id)  # when partners last answered
    return response


@transaction.atomic
def close_round(*, health_round: HealthCheckRound, closed_by: User) -> HealthCheckRound:
    """Close the round. It counts as completed when every partner confirmed now has answered."""
    health_round = _lock(health_round)
    if not health_round.is_open:
        raise ReviewError(_("This round is already closed."))
    expected = list(health_round.partnership.partners.filter(status=PartnerStatus.CONFIRMED))
    answered = set(health_round.responses.values_list("partner_id", flat=True))
    health_round.closed_at = timezone.now()
    health_round.closed_by = closed_by
    health_round.completed = bool(expected) and all(p.pk in answered for p in expected)
    health_round.save(update_fields=["closed_at", "closed_by", "completed"])
    health_round.expected_partners.set(expected)
    recompute.inputs_changed(health_round.partnership_id)  # the health signals read closed rounds
    return health_round
