"""Partnership health: what the answers of a health-check round say (a pure measure, no ORM).

For every question *d* of a round (a built-in dimension or one the coordinator added), with
scores from 1 to 5:

    partner mean   m_p(d) = the mean of the scores partner p's representatives gave to d
    mean           M(d)   = the mean of m_p(d) over the partners that answered
                            (each partner weighs the same, however many of its people answered)
    disagreement   D(d)   = max_p m_p(d) − min_p m_p(d)
                            — the RANGE of partner means, 0 when only one partner answered
    trend          T(d)   = M(d) − M'(d), M' the same question in the previous round
                            (built-in dimensions by key, own questions by their wording)
    overall        O      = the mean of M(d) over the built-in dimensions

The range is used rather than a standard deviation because it says what the seed warns about —
one partner is content while another is not — in the units of the scale, and it stays
meaningful with two or three partners, where a standard deviation is not.

A question is called out, each with a sentence saying why, when

    low        M(d) <  low_mean     (LOW_MEAN, 3.0: below "neither agree nor disagree")
    falling    T(d) ≤ −fall         (FALL, 0.5 points since the previous round)
    divergent  D(d) ≥ divergence    (DIVERGENCE, 1.5 points between partner means)

Anonymous rounds: nothing is returned while the round is open (each new answer would show in
the change) or when fewer than `min_anonymous_partners` partners answered (MIN_ANONYMOUS_PARTNERS,
3); partner means and names are never returned, and comments come without their partner, in
alphabetical order. A previous round whose results are withheld gives no trend.

Arithmetic is exact (fractions), so a value exactly at a threshold is treated the same on every
machine; values are rounded to two decimals only in the output.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from django.utils.translation import gettext as _

from simitra.lib.numbers import format_score

LOW_MEAN = 3.0
FALL = 0.5
DIVERGENCE = 1.5
MIN_ANONYMOUS_PARTNERS = 3

LOW, FALLING, DIVERGENT = "low", "falling", "divergent"


@dataclass(frozen=True)
class Thresholds:
    low_mean: float = LOW_MEAN
    fall: float = FALL
    divergence: float = DIVERGENCE
    min_anonymous_partners: int = MIN_ANONYMOUS_PARTNERS


@dataclass(frozen=True)
class Question:
    key: str  # the dimension for built-ins, "text:<wording>" for own questions
    label: str
    built_in: bool = True


@dataclass(frozen=True)
class Score:
    partner_id: int
    question: str  # a Question.key
    score: int
    comment: str = ""


@dataclass(frozen=True)
class RoundInput:
    questions: tuple[Question, ...]
    scores: tuple[Score, ...]
    anonymous: bool = False
    is_open: bool = False
    partner_names: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Flag:
    kind: str  # LOW, FALLING or DIVERGENT
    question: str
    message: str


@dataclass(frozen=True)
class Comment:
    text: str
    partner: str = ""  # empty in anonymous rounds


@dataclass(frozen=True)
class QuestionResult:
    key: str
    label: str
    built_in: bool
    partners: int
    mean: float | None
    lowest: float | None
    highest: float | None
    disagreement: float | None
    previous_mean: float | None
    trend: float | None
    partner_means: dict[int, float]  # empty in anonymous rounds
    comments: tuple[Comment, ...]
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class HealthResults:
    shown: bool
    withheld_reason: str
    partners_answered: int
    questions: tuple[QuestionResult, ...] = ()
    overall_mean: float | None = None
    previous_overall_mean: float | None = None

    @property
    def flags(self) -> list[Flag]:
        return [flag for question in self.questions for flag in question.flags]

    @property
    def reasons(self) -> list[str]:
        return [flag.message for flag in self.flags]

    def flagged(self, kind: str) -> list[QuestionResult]:
        return [q for q in self.questions if any(f.kind == kind for f in q.flags)]


def _fraction(value: float | int) -> Fraction:
    return Fraction(str(value))


def _out(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 2)


def _mean(values: Iterable[Fraction]) -> Fraction | None:
    values = list(values)
    return sum(values, Fraction(0)) / len(values) if values else None


def withheld_reason(round_input: RoundInput, thresholds: Thresholds) -> str:
    """Why the results of this round may not be shown, or "" when they may."""
    if not round_input.anonymous:
        return ""
    if round_input.is_open:
        return _("In an anonymous round the results are shown once the round is closed.")
    partners = len({score.partner_id for score in round_input.scores})
    if partners < thresholds.min_anonymous_partners:
        return _(
            "This round is anonymous and fewer than %(minimum)d partners answered: showing its "
            "results would tell who answered what."
        ) % {"minimum": thresholds.min_anonymous_partners}
    return ""


def _partner_means(round_input: RoundInput) -> dict[str, dict[int, Fraction]]:
    """question key → partner id → that partner's mean score."""
    collected: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for score in round_input.scores:
        collected[score.question][score.partner_id].append(score.score)
    return {
        key: {partner: Fraction(sum(values), len(values)) for partner, values in by_partner.items()}
        for key, by_partner in collected.items()
    }


def _question_means(round_input: RoundInput) -> dict[str, Fraction]:
    return {
        key: _mean(by_partner.values())
        for key, by_partner in _partner_means(round_input).items()
        if by_partner
    }


def _flags(
    question: Question,
    mean: Fraction | None,
    previous: Fraction | None,
    partner_means: dict[int, Fraction],
    round_input: RoundInput,
    thresholds: Thresholds,
) -> list[Flag]:
    flags = []
    if mean is None:
        return flags
    if mean < _fraction(thresholds.low_mean):
        flags.append(
            Flag(
                LOW,
                question.key,
                _("%(question)s is low: %(mean)s out of 5, below %(threshold)s.")
                % {
                    "question": question.label,
                    "mean": format_score(mean),
                    "threshold": format_score(thresholds.low_mean),
                },
            )
        )
    if previous is not None and mean - previous <= -_fraction(thresholds.fall):
        flags.append(
            Flag(
                FALLING,
                question.key,
                _("%(question)s is falling: %(mean)s now, %(previous)s in the previous round.")
                % {
                    "question": question.label,
                    "mean": format_score(mean),
                    "previous": format_score(previous),
                },
            )
        )
    if len(partner_means) >= 2:
        lowest, highest = min(partner_means.values()), max(partner_means.values())
        if highest - lowest >= _fraction(thresholds.divergence):
            values = {
                "question": question.label,
                "low": format_score(lowest),
                "high": format_score(highest),
            }
            if round_input.anonymous:
                message = (
                    _(
                        "Partners disagree on %(question)s: their means range from %(low)s to %(high)s."
                    )
                    % values
                )
            else:
                names = round_input.partner_names
                low_partners = sorted(
                    names.get(p, "?") for p, v in partner_means.items() if v == lowest
                )
                high_partners = sorted(
                    names.get(p, "?") for p, v in partner_means.items() if v == highest
                )
                message = _(
                    "Partners disagree on %(question)s: their means range from %(low)s "
                    "(%(low_partners)s) to %(high)s (%(high_partners)s)."
                ) % {
                    **values,
                    "low_partners": ", ".join(low_partners),
                    "high_partners": ", ".join(high_partners),
                }
            flags.append(Flag(DIVERGENT, question.key, message))
    return flags


def _comments(question: Question, round_input: RoundInput) -> tuple[Comment, ...]:
    texts = [
        (round_input.partner_names.get(s.partner_id, ""), s.comment.strip())
        for s in round_input.scores
        if s.question == question.key and s.comment.strip()
    ]
    if round_input.anonymous:
        return tuple(Comment(text=text) for _partner, text in sorted(texts, key=lambda t: t[1]))
    return tuple(Comment(text=text, partner=partner) for partner, text in sorted(texts))


def summarise(
    current: RoundInput,
    previous: RoundInput | None = None,
    thresholds: Thresholds | None = None,
) -> HealthResults:
    """The results of `current`, with trends against `previous` (see the module docstring)."""
    thresholds = thresholds or Thresholds()
    partners_answered = len({score.partner_id for score in current.scores})
    reason = withheld_reason(current, thresholds)
    if reason:
        return HealthResults(
            shown=False, withheld_reason=reason, partners_answered=partners_answered
        )
    by_question = _partner_means(current)
    previous_means = (
        _question_means(previous)
        if previous is not None and not withheld_reason(previous, thresholds)
        else {}
    )
    results = []
    for question in current.questions:
        partner_means = by_question.get(question.key, {})
        mean = _mean(partner_means.values())
        prior = previous_means.get(question.key)
        lowest = min(partner_means.values()) if partner_means else None
        highest = max(partner_means.values()) if partner_means else None
        results.append(
            QuestionResult(
                key=question.key,
                label=question.label,
                built_in=question.built_in,
                partners=len(partner_means),
                mean=_out(mean),
                lowest=_out(lowest),
                highest=_out(highest),
                disagreement=_out(highest - lowest) if partner_means else None,
                previous_mean=_out(prior),
                trend=_out(mean - prior) if mean is not None and prior is not None else None,
                partner_means={}
                if current.anonymous
                else {partner: _out(value) for partner, value in partner_means.items()},
                comments=_comments(question, current),
                flags=tuple(_flags(question, mean, prior, partner_means, current, thresholds)),
            )
        )
    built_in = [by_question.get(q.key) for q in current.questions if q.built_in]
    overall = _mean(_mean(m.values()) for m in built_in if m)
    previous_built_in = [
        previous_means[q.key] for q in current.questions if q.built_in and q.key in previous_means
    ]
    return HealthResults(
        shown=True,
        withheld_reason="",
        partners_answered=partners_answered,
        questions=tuple(results),
        overall_mean=_out(overall),
        previous_overall_mean=_out(_mean(previous_built_in)),
    )
