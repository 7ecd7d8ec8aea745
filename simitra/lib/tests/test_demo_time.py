"""The demo's calendar: story dates move by whole months from the anchor to the load day."""

import datetime as dt

import time_machine
from django.utils import timezone

from simitra.lib.dates import add_months
from simitra.lib.demo_time import ANCHOR, months_since_anchor, shifted, shifted_datetime

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


def test_month_arithmetic_keeps_the_day_or_takes_the_month_s_last():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)
    assert add_months(D(2026, 3, 31), -1) == D(2026, 2, 28)
    assert add_months(D(2026, 11, 20), 14) == D(2028, 1, 20)
    assert add_months(D(2026, 12, 15), -12) == D(2025, 12, 15)
