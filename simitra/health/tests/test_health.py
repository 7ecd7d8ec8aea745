"""The health measure as a pure function: mean, disagreement, trend, call-outs, anonymity."""

import pytest
from django.utils import translation

from simitra.health import health
from simitra.health.health import Question, RoundInput, Score, Thresholds, summarise

TRUST = Question("trust", "Trust")
EQUITY = Question("equity", "Equity")
OWN = Question("text:do we meet often enough?", "Do we meet often enough?", built_in=False)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def scores(question, by_partner):
    """{partner id: [scores of its representatives]} → Score rows."""
    return tuple(
        Score(partner, question.key, value)
        for partner, values in by_partner.items()
        for value in values
    )


def round_of(*rows, questions=(TRUST, EQUITY), **fields):
    return RoundInput(
        questions=tuple(questions), scores=tuple(s for row in rows for s in row), **fields
    )


def result(results, key="trust"):
    return next(q for q in results.questions if q.key == key)


def test_the_mean_weighs_each_partner_once():
    # Partner 1 sent three people who all gave 5; partner 2 one person who gave 2.
    current = round_of(scores(TRUST, {1: [5, 5, 5], 2: [2]}))
    trust = result(summarise(current))
    assert trust.mean == 3.5  # (5 + 2) / 2, not (5+5+5+2) / 4
    assert trust.partners == 2
    assert trust.partner_means == {1: 5.0, 2: 2.0}


def test_disagreement_is_the_range_of_partner_means():
    current = round_of(scores(TRUST, {1: [4, 5], 2: [3], 3: [2, 2]}))
    trust = result(summarise(current))
    assert (trust.lowest, trust.highest, trust.disagreement) == (2.0, 4.5, 2.5)


def test_one_partner_has_no_disagreement():
    trust = result(summarise(round_of(scores(TRUST, {1: [1, 5]}))))
    assert trust.disagreement == 0
    assert not [f for f in trust.flags if f.kind == health.DIVERGENT]


def test_the_trend_compares_with_the_previous_round():
    previous = round_of(scores(TRUST, {1: [4], 2: [4]}), scores(EQUITY, {1: [3], 2: [3]}))
    current = round_of(scores(TRUST, {1: [3], 2: [4]}), scores(EQUITY, {1: [4], 2: [4]}))
    results = summarise(current, previous)
    assert result(results).previous_mean == 4.0
    assert result(results).trend == -0.5
    assert result(results, "equity").trend == 1.0
    assert results.overall_mean == 3.75
    assert results.previous_overall_mean == 3.5


def test_no_previous_round_means_no_trend():
    trust = result(summarise(round_of(scores(TRUST, {1: [3]}))))
    assert trust.previous_mean is None and trust.trend is None


def test_own_questions_compare_across_rounds_by_their_wording():
    previous = round_of(scores(OWN, {1: [4], 2: [4]}), questions=[OWN])
    current = round_of(scores(OWN, {1: [2], 2: [2]}), questions=[OWN])
    own = result(summarise(current, previous), OWN.key)
    assert own.trend == -2.0
    assert not own.built_in
    assert summarise(current, previous).overall_mean is None  # only built-ins count


def kinds(question_result):
    return {flag.kind for flag in question_result.flags}


def test_low_is_called_out_below_the_threshold_not_at_it():
    at = result(summarise(round_of(scores(TRUST, {1: [3], 2: [3]}))))
    below = result(summarise(round_of(scores(TRUST, {1: [3], 2: [3], 3: [2]}))))
    assert health.LOW not in kinds(at)
    assert health.LOW in kinds(below)  # 8/3 = 2.67
    assert "Trust is low: 2.67 out of 5, below 3.0." in below.flags[0].message


def test_falling_is_called_out_at_the_threshold_and_not_just_above_it():
    previous = round_of(scores(TRUST, {1: [4], 2: [4], 3: [4]}))
    exactly_half = round_of(scores(TRUST, {1: [4], 2: [4], 3: [4], 4: [2]}))  # 3.5: −0.5
    less = round_of(scores(TRUST, {1: [4], 2: [4], 3: [4], 4: [4], 5: [2]}))  # 3.6: −0.4
    assert health.FALLING in kinds(result(summarise(exactly_half, previous)))
    assert health.FALLING not in kinds(result(summarise(less, previous)))


def test_divergence_is_called_out_at_the_threshold_and_names_the_partners():
    names = {1: "PT Mitra", 2: "Dinas", 3: "Posyandu"}
    at = round_of(scores(TRUST, {1: [5], 2: [4], 3: [3, 4]}), partner_names=names)  # 5 − 3.5
    below = round_of(scores(TRUST, {1: [5], 2: [4], 3: [4, 3, 4]}), partner_names=names)
    flagged = result(summarise(at))
    assert health.DIVERGENT in kinds(flagged)
    assert (
        "Partners disagree on Trust: their means range from 3.5 (Posyandu) to 5.0 (PT Mitra)."
        in [f.message for f in flagged.flags]
    )
    assert health.DIVERGENT not in kinds(result(summarise(below)))  # 5 − 3.67 < 1.5


def test_thresholds_can_be_changed():
    current = round_of(scores(TRUST, {1: [4], 2: [3]}))
    strict = Thresholds(low_mean=4.0, divergence=1.0)
    assert kinds(result(summarise(current, thresholds=strict))) == {health.LOW, health.DIVERGENT}
    assert kinds(result(summarise(current))) == set()


def test_the_reasons_are_the_flag_sentences():
    results = summarise(round_of(scores(TRUST, {1: [1], 2: [5]}), scores(EQUITY, {1: [4], 2: [4]})))
    assert results.reasons == [flag.message for flag in results.flags]
    assert [q.key for q in results.flagged(health.DIVERGENT)] == ["trust"]
    assert results.flagged(health.LOW) == []  # trust: mean 3.0


def test_comments_of_a_named_round_carry_their_partner():
    current = RoundInput(
        questions=(TRUST,),
        scores=(Score(1, "trust", 2, "Laporan keuangan terlambat"), Score(2, "trust", 4, " ")),
        partner_names={1: "PT Mitra", 2: "Dinas"},
    )
    comments = result(summarise(current)).comments
    assert [(c.partner, c.text) for c in comments] == [("PT Mitra", "Laporan keuangan terlambat")]


# Anonymity ---------------------------------------------------------------------------------


def anonymous(by_partner, comments=None, **fields):
    comments = comments or {}
    rows = tuple(
        Score(partner, "trust", value, comments.get(partner, ""))
        for partner, values in by_partner.items()
        for value in values
    )
    return RoundInput(
        questions=(TRUST,),
        scores=rows,
        anonymous=True,
        partner_names={1: "PT Mitra", 2: "Dinas", 3: "Posyandu"},
        **fields,
    )


def test_an_anonymous_round_never_returns_partner_means_or_names():
    current = anonymous({1: [5], 2: [1], 3: [3]}, comments={1: "zzz dari PT", 2: "aaa dari Dinas"})
    trust = result(summarise(current))
    assert trust.partner_means == {}
    assert [(c.partner, c.text) for c in trust.comments] == [
        ("", "aaa dari Dinas"),
        ("", "zzz dari PT"),
    ]
    divergent = next(f for f in trust.flags if f.kind == health.DIVERGENT)
    assert "PT Mitra" not in divergent.message and "Posyandu" not in divergent.message
    assert "range from 1.0 to 5.0" in divergent.message


def test_an_anonymous_round_is_withheld_below_the_minimum_of_partners():
    two = summarise(anonymous({1: [5, 4], 2: [1]}))
    assert not two.shown and two.questions == () and two.overall_mean is None
    assert two.partners_answered == 2
    assert "fewer than 3 partners" in two.withheld_reason
    assert summarise(anonymous({1: [5], 2: [1], 3: [2]})).shown


def test_an_open_anonymous_round_is_withheld():
    results = summarise(anonymous({1: [5], 2: [1], 3: [2]}, is_open=True))
    assert not results.shown
    assert "once the round is closed" in results.withheld_reason


def test_a_withheld_previous_round_gives_no_trend():
    previous = anonymous({1: [5], 2: [5]})  # only two partners: withheld
    current = round_of(scores(TRUST, {1: [1], 2: [1], 3: [1]}), questions=[TRUST])
    trust = result(summarise(current, previous))
    assert trust.previous_mean is None and trust.trend is None
    assert health.FALLING not in kinds(trust)


def test_a_named_open_round_shows_its_results_as_they_come():
    assert summarise(round_of(scores(TRUST, {1: [3]}), is_open=True)).shown


def test_the_call_out_reads_in_indonesian_with_a_decimal_comma():
    with translation.override("id"):
        below = result(summarise(round_of(scores(TRUST, {1: [3], 2: [3], 3: [2]}))))
        assert "rendah: 2,67 dari 5, di bawah 3,0." in below.flags[0].message
