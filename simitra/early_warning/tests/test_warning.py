"""The early-warning signals as a pure function: each at its threshold and just below it, the
data-absent cases, which phase watches what, and the overall level with its reasons."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from simitra.early_warning import warning
from simitra.early_warning.warning import (
    ABSENT,
    AMBER,
    GREEN,
    OK,
    RED,
    UNKNOWN,
    ActivityFact,
    DecisionFact,
    HealthFact,
    IndicatorFact,
    PartnerFact,
    PartnershipFacts,
    PledgeFact,
    RiskFact,
    Thresholds,
)
from simitra.results.progress import IndicatorData, PeriodPoint

TODAY = dt.date(2026, 6, 30)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def check(code: str, thresholds=None, **facts) -> warning.Signal:
    facts.setdefault("phase", 5)
    return warning.CHECKS[code](PartnershipFacts(**facts), TODAY, thresholds or Thresholds())


def activities(*late_days, done=0):
    late = [
        ActivityFact(f"Kegiatan {n}", ago(days), "progress") for n, days in enumerate(late_days)
    ]
    finished = [ActivityFact("Selesai", ago(90), "done") for _ in range(done)]
    return tuple(late + finished + [ActivityFact("Berjalan", ago(-30), "progress")])


def indicator(actual: str) -> IndicatorFact:
    """Baseline 0 on 1 Jan 2026, target 100 by 31 Mar 2026: behind when more than 10 short."""
    return IndicatorFact(
        f"Indikator {actual}",
        IndicatorData(
            periods=[
                PeriodPoint(
                    dt.date(2026, 1, 1), dt.date(2026, 3, 31), Decimal(100), Decimal(actual)
                )
            ],
            baseline=Decimal(0),
            baseline_date=dt.date(2026, 1, 1),
        ),
    )


def pledge(days_late: int, status="pledged", value=100, delivered=0) -> PledgeFact:
    return PledgeFact(
        "Dana CSR", "PT A", ago(days_late), status, Decimal(value), Decimal(delivered)
    )


def health(overall=4.0, previous=None, widest=0.5) -> HealthFact:
    return HealthFact(
        round_title="Putaran 2026",
        shown=True,
        overall=overall,
        previous=previous,
        lowest_label="Trust",
        lowest_mean=overall,
        widest_label="Trust",
        widest=widest,
    )


def risk(score=10, mitigated=True, review=None, closed=False) -> RiskFact:
    return RiskFact("Risiko", score, mitigated, review, closed)


def decision(days_late: int, open=True) -> DecisionFact:
    return DecisionFact("Keputusan", ago(days_late), open)


def partner(silent_days: int | None, since_days: int = 400) -> PartnerFact:
    return PartnerFact("Mitra", ago(since_days), None if silent_days is None else ago(silent_days))


# (signal, facts that put it exactly at its amber threshold, facts just below it)
AT_AND_BELOW_AMBER = {
    warning.ACTIVITIES_OVERDUE: ({"activities": activities(8)}, {"activities": activities(7)}),
    warning.INDICATORS_BEHIND: (
        {"indicators": (indicator("89"),)},
        {"indicators": (indicator("90"),)},
    ),
    warning.PLEDGES_PAST_DUE: ({"pledges": (pledge(8),)}, {"pledges": (pledge(7),)}),
    warning.HEALTH_LOW: ({"health": health(overall=2.99)}, {"health": health(overall=3.0)}),
    warning.HEALTH_FALLING: (
        {"health": health(overall=3.5, previous=4.0)},
        {"health": health(overall=3.51, previous=4.0)},
    ),
    warning.HEALTH_DIVERGENT: ({"health": health(widest=1.5)}, {"health": health(widest=1.49)}),
    warning.RISKS_UNMITIGATED: (
        {"risks": (risk(score=10, mitigated=False),)},
        {"risks": (risk(score=9, mitigated=False),)},
    ),
    warning.RISKS_UNREVIEWED: (
        {"risks": (risk(review=ago(8)),)},
        {"risks": (risk(review=ago(7)),)},
    ),
    warning.GOVERNANCE_QUIET: ({"last_meeting": ago(120)}, {"last_meeting": ago(119)}),
    warning.DECISIONS_OVERDUE: ({"decisions": (decision(8),)}, {"decisions": (decision(7),)}),
    warning.PARTNERS_SILENT: ({"partners": (partner(120),)}, {"partners": (partner(119),)}),
}

# (signal, facts exactly at its red threshold, facts just below it — which are amber)
AT_AND_BELOW_RED = {
    warning.ACTIVITIES_OVERDUE: (
        {"activities": activities(8, 9, 10)},
        {"activities": activities(8, 9, 7)},
    ),
    warning.INDICATORS_BEHIND: (
        {"indicators": (indicator("10"), indicator("20"), indicator("89"))},
        {"indicators": (indicator("10"), indicator("20"), indicator("90"))},
    ),
    warning.PLEDGES_PAST_DUE: (
        {"pledges": (pledge(30), pledge(20), pledge(8, status="partly", delivered=40))},
        {"pledges": (pledge(30), pledge(20), pledge(8, status="delivered", delivered=100))},
    ),
    warning.HEALTH_LOW: ({"health": health(overall=2.49)}, {"health": health(overall=2.5)}),
    warning.HEALTH_FALLING: (
        {"health": health(overall=3.0, previous=4.0)},
        {"health": health(overall=3.01, previous=4.0)},
    ),
    warning.HEALTH_DIVERGENT: ({"health": health(widest=2.5)}, {"health": health(widest=2.49)}),
    warning.RISKS_UNMITIGATED: (
        {"risks": (risk(mitigated=False), risk(score=25, mitigated=False))},
        {"risks": (risk(mitigated=False), risk(score=25, mitigated=False, closed=True))},
    ),
    warning.RISKS_UNREVIEWED: (
        {"risks": (risk(review=None), risk(review=ago(30)), risk(score=16, review=ago(8)))},
        {"risks": (risk(review=None), risk(review=ago(30)), risk(score=16, review=ago(-5)))},
    ),
    warning.GOVERNANCE_QUIET: ({"last_meeting": ago(180)}, {"last_meeting": ago(179)}),
    warning.DECISIONS_OVERDUE: (
        {"decisions": (decision(8), decision(20), decision(40))},
        {"decisions": (decision(8), decision(20), decision(40, open=False))},
    ),
    warning.PARTNERS_SILENT: (
        {"partners": (partner(120), partner(200), partner(None, since_days=120))},
        {"partners": (partner(120), partner(200), partner(None, since_days=119))},
    ),
}


@pytest.mark.parametrize("code", warning.SIGNALS)
def test_each_signal_turns_amber_at_its_threshold_and_not_just_below(code):
    at, below = AT_AND_BELOW_AMBER[code]
    raised = check(code, **at)
    assert raised.state == AMBER, raised
    assert raised.raised
    assert check(code, **below).state == OK


@pytest.mark.parametrize("code", warning.SIGNALS)
def test_each_signal_turns_red_at_its_red_threshold_and_is_amber_just_below(code):
    at, below = AT_AND_BELOW_RED[code]
    assert check(code, **at).state == RED
    assert check(code, **below).state == AMBER


@pytest.mark.parametrize("code", warning.SIGNALS)
def test_without_its_data_a_signal_says_so_instead_of_guessing(code):
    signal = check(code)
    assert signal.state == ABSENT
    assert signal.value is None
    assert not signal.raised
    assert signal.message  # a sentence saying what is missing


def test_thresholds_come_from_the_thresholds_given():
    strict = Thresholds(grace_days=0, activities_amber=2, activities_red=2)
    assert check(warning.ACTIVITIES_OVERDUE, strict, activities=activities(1)).state == OK
    assert check(warning.ACTIVITIES_OVERDUE, strict, activities=activities(1, 2)).state == RED


def test_the_count_signals_name_the_worst_items_first_and_how_many_more():
    signal = check(
        warning.DECISIONS_OVERDUE, decisions=tuple(decision(d) for d in (10, 50, 30, 20))
    )
    assert signal.value == 4
    assert [days for _text, days in signal.params["items"]] == [50, 30, 20]
    assert signal.message == (
        "4 decisions are overdue: Keputusan (50 days late); Keputusan (30 days late); "
        "Keputusan (20 days late) and 1 more. Ask their owners how they stand and agree new "
        "dates at the next meeting."
    )


def test_pledges_say_how_much_is_outstanding():
    signal = check(
        warning.PLEDGES_PAST_DUE,
        pledges=(pledge(10, value=900_000_000, delivered=450_000_000), pledge(3, value=5)),
    )
    assert signal.value == 1
    assert "(Rp450,000,000 outstanding)" in signal.message
    with translation.override("id"):
        assert "(Rp450.000.000 belum diserahkan)" in signal.message
    assert "PT A: Dana CSR (10 days late)" in signal.message


def test_a_silent_partner_that_never_recorded_anything_is_told_apart():
    signal = check(warning.PARTNERS_SILENT, partners=(partner(None, since_days=200),))
    assert "Mitra (nothing since joining, 200 days ago)" in signal.message
    undated = check(warning.PARTNERS_SILENT, partners=(PartnerFact("Mitra", None, None),))
    assert undated.state == ABSENT  # neither a record nor a joining date: cannot be told
    assert "silence cannot be told" in undated.message


def test_health_absent_cases_say_why():
    assert "A round is open" in check(warning.HEALTH_LOW, health_round_open=True).message
    withheld = check(warning.HEALTH_LOW, health=HealthFact("Anonim", shown=False))
    assert withheld.state == ABSENT and "withheld" in withheld.message
    single = check(warning.HEALTH_FALLING, health=health(previous=None))
    assert (
        single.state == ABSENT
        and single.message == "Only one health-check round so far: no trend yet."
    )
    one_partner = check(warning.HEALTH_DIVERGENT, health=health(widest=None))
    assert one_partner.state == ABSENT


def test_low_health_names_the_lowest_dimension_and_what_to_do():
    signal = check(warning.HEALTH_LOW, health=health(overall=2.8))
    assert signal.message == (
        "Partnership health is low: 2.8 out of 5 in Putaran 2026, below 3.0. Lowest: Trust "
        "(2.8). Discuss the results with all partners and agree what to change."
    )


def test_closed_and_medium_risks_are_not_high_risks():
    signal = check(
        warning.RISKS_UNMITIGATED,
        risks=(risk(score=9, mitigated=False), risk(score=20, mitigated=False, closed=True)),
    )
    assert signal.state == OK
    assert signal.message == "No open high risk (likelihood × impact of 10 or more)."


def test_the_phase_decides_which_signals_are_watched():
    def watched(phase):
        return [s.code for s in warning.assess(PartnershipFacts(phase=phase), TODAY).signals]

    assert watched(1) == watched(2) == []
    assert watched(3) == [
        warning.ACTIVITIES_OVERDUE,
        warning.PLEDGES_PAST_DUE,
        warning.RISKS_UNMITIGATED,
        warning.RISKS_UNREVIEWED,
    ]
    assert watched(5) == watched(6) == list(warning.SIGNALS)
    assert warning.GOVERNANCE_QUIET not in watched(7)
    assert warning.PARTNERS_SILENT not in watched(7)
    assert warning.DECISIONS_OVERDUE in watched(7)


def test_the_level_is_red_when_any_signal_is_red_with_red_reasons_first():
    result = warning.assess(
        PartnershipFacts(
            phase=5,
            activities=activities(8),
            last_meeting=ago(200),
            decisions=(decision(1),),
        ),
        TODAY,
    )
    assert result.level == RED
    assert [s.code for s in result.raised] == [warning.GOVERNANCE_QUIET, warning.ACTIVITIES_OVERDUE]
    assert result.reasons[0].startswith("No governance meeting for 200 days")
    assert result.reasons[1].startswith("1 activity is overdue")
    assert (result.red_count, result.amber_count) == (1, 1)


def test_the_level_is_amber_when_the_worst_signal_is_amber():
    result = warning.assess(
        PartnershipFacts(phase=5, pledges=(pledge(30),), last_meeting=ago(10)), TODAY
    )
    assert result.level == AMBER
    assert len(result.reasons) == 1 and result.reasons[0].startswith("1 contribution is past")


def test_the_level_is_green_when_nothing_crossed_and_says_what_was_not_assessed():
    result = warning.assess(PartnershipFacts(phase=3, activities=activities()), TODAY)
    assert result.level == GREEN
    assert result.reasons == [
        "No signal has crossed its threshold.",
        "Not assessed for lack of data: Contributions past due, High risks without mitigation, "
        "High risks not reviewed.",
    ]


def test_the_level_is_unknown_when_no_signal_had_its_data_or_none_is_watched():
    assert warning.assess(PartnershipFacts(phase=5), TODAY).level == UNKNOWN
    scoping = warning.assess(PartnershipFacts(phase=1, activities=activities(40)), TODAY)
    assert scoping.level == UNKNOWN and scoping.signals == ()
    assert scoping.reasons == [
        "Nothing is watched in this phase yet: early warning starts with the plan."
    ]


def test_a_signal_survives_a_round_trip_through_json():
    signal = check(warning.PLEDGES_PAST_DUE, pledges=(pledge(9),))
    again = warning.Signal.from_dict(signal.as_dict())
    assert again == signal and again.message == signal.message


def test_sentences_are_translated_to_indonesian():
    signal = check(warning.GOVERNANCE_QUIET, last_meeting=ago(130))
    with translation.override("id"):
        indonesian = signal.message
    assert indonesian != signal.message
    assert "130 hari" in indonesian
