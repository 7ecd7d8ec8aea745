"""The gatherer reads every signal's data from the other apps, for many partnerships in a
fixed number of queries."""

import pytest
import time_machine

from simitra.early_warning import warning
from simitra.early_warning.alerting import recompute_warnings
from simitra.early_warning.selectors import warning_facts
from simitra.lib.testing import count_queries
from simitra.partnerships.models import Partnership
from simitra.partnerships.testing import make_user

from .warning_data import NOW, TODAY, ago, busy_partnership

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def coordinator():
    return make_user("koordinator")


def test_it_reads_the_data_of_every_signal(coordinator):
    partnership = busy_partnership(coordinator)
    facts = warning_facts(Partnership.objects.filter(pk=partnership.pk))[partnership.pk]["facts"]
    assert [(a.title, a.end) for a in facts.activities] == [
        ("Pelatihan kader", ago(30)),
        ("Survei akhir", ago(-60)),
    ]
    pledge = facts.pledges[0]
    assert (pledge.partner, pledge.due, pledge.value, pledge.delivered) == (
        "PTA",
        ago(30),
        1_000_000,
        500_000,
    )
    assert facts.indicators[0].data.periods[0].actual == 10
    assert (facts.health.overall, facts.health.widest) == (3.0, 2.0)
    assert facts.risks[0].score == 16 and not facts.risks[0].mitigated
    assert facts.last_meeting == ago(200)
    assert facts.decisions[0].due == ago(20) and facts.decisions[0].open
    last_active = {p.name: p.last_active for p in facts.partners}
    assert last_active == {"PTA": ago(40), "DIN": ago(150)}  # B's absence is not activity


def test_every_signal_is_raised_from_the_data(coordinator):
    partnership = busy_partnership(coordinator)
    facts = warning_facts(Partnership.objects.filter(pk=partnership.pk))[partnership.pk]["facts"]
    result = warning.assess(facts, TODAY)
    states = {signal.code: signal.state for signal in result.signals}
    assert states == {
        warning.ACTIVITIES_OVERDUE: warning.AMBER,
        warning.INDICATORS_BEHIND: warning.AMBER,
        warning.PLEDGES_PAST_DUE: warning.AMBER,
        warning.HEALTH_LOW: warning.OK,  # 3.0 is not below 3.0
        warning.HEALTH_FALLING: warning.ABSENT,  # one round only
        warning.HEALTH_DIVERGENT: warning.AMBER,
        warning.RISKS_UNMITIGATED: warning.AMBER,
        warning.RISKS_UNREVIEWED: warning.AMBER,
        warning.GOVERNANCE_QUIET: warning.RED,
        warning.DECISIONS_OVERDUE: warning.AMBER,
        warning.PARTNERS_SILENT: warning.AMBER,
    }
    assert result.level == warning.RED


def test_closed_partnerships_are_skipped(coordinator):
    partnership = busy_partnership(coordinator)
    partnership.status = Partnership.Status.COMPLETED
    partnership.save()
    assert warning_facts(Partnership.objects.all()) == {}


def test_the_number_of_queries_does_not_grow_with_the_partnerships(coordinator):
    for _ in range(2):
        busy_partnership(coordinator)
    small = count_queries(warning_facts, Partnership.objects.all())
    for _ in range(4):
        busy_partnership(coordinator)
    assert count_queries(warning_facts, Partnership.objects.all()) == small
    assert len(warning_facts(Partnership.objects.all())) == 6


def test_recomputing_does_not_grow_with_the_partnerships_either(coordinator):
    first = [busy_partnership(coordinator) for _ in range(2)]
    small = count_queries(
        recompute_warnings, Partnership.objects.filter(pk__in=[p.pk for p in first])
    )
    more = [busy_partnership(coordinator) for _ in range(5)]
    large = count_queries(
        recompute_warnings, Partnership.objects.filter(pk__in=[p.pk for p in more])
    )
    assert large == small
    # A second run with nothing changed writes no state and raises nothing.
    again = count_queries(recompute_warnings, Partnership.objects.all())
    assert again < small
    assert recompute_warnings(Partnership.objects.all()).as_dict() == {
        "partnerships": 7,
        "changed": 0,
        "raised": 0,
        "escalated": 0,
        "resolved": 0,
    }
