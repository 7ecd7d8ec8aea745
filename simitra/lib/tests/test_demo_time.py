"""The demo's calendar: story dates move by whole months from the anchor to the load day."""

import datetime as dt

import time_machine
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from simitra.lib.demo_time import (
    ANCHOR,
    add_months,
    months_since_anchor,
    shifted,
    shifted_datetime,
)
from simitra.results.services import add_months as results_add_months

D = dt.date


def test_on_the_anchor_day_nothing_moves():
    assert D(2026, 11, 20) == ANCHOR
    assert months_since_anchor(ANCHOR) == 0
    assert shifted(D(2025, 6, 30), today=ANCHOR) == D(2025, 6, 30)


def test_whole_months_count_from_the_anchor_day_of_the_month():
    assert months_since_anchor(D(2026, 12, 19)) == 0
    assert months_since_anchor(D(2026, 12, 20)) == 1
    assert months_since_anchor(D(2027, 11, 20)) == 12
    assert months_since_anchor(D(2028, 3, 5)) == 15
    assert months_since_anchor(D(2026, 11, 19)) == -1  # before the anchor the story moves back
    assert shifted(D(2025, 6, 30), today=D(2026, 12, 20)) == D(2025, 7, 30)


def test_a_day_the_month_lacks_becomes_its_last_day():
    a_month_later = D(2026, 12, 20)
    assert shifted(D(2026, 1, 31), today=a_month_later) == D(2026, 2, 28)
    assert shifted(D(2027, 1, 31), today=a_month_later) == D(2027, 2, 28)
    assert shifted(D(2028, 1, 31), today=a_month_later) == D(2028, 2, 29)
    assert shifted(D(2025, 5, 31), today=a_month_later) == D(2025, 6, 30)
    assert shifted(None, today=a_month_later) is None


def test_today_is_read_when_called():
    with time_machine.travel(timezone.make_aware(dt.datetime(2027, 1, 5, 10)), tick=False):
        assert shifted(D(2025, 2, 1)) == D(2025, 3, 1)


def test_a_moment_keeps_its_local_time_of_day():
    moment = timezone.make_aware(dt.datetime(2025, 1, 31, 9, 30))
    moved = shifted_datetime(moment, today=D(2027, 12, 25))
    assert timezone.localtime(moved).replace(tzinfo=None) == dt.datetime(2026, 2, 28, 9, 30)
    assert shifted_datetime(dt.datetime(2025, 1, 1, 8), today=D(2026, 12, 20)) == dt.datetime(
        2025, 2, 1, 8
    )
    assert shifted_datetime(None) is None


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31)), st.integers(-120, 120))
def test_month_arithmetic_is_the_results_app_s(day, months):
    assert add_months(day, months) == results_add_months(day, months)
