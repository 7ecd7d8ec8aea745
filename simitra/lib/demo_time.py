"""The demo's calendar: its story is written for one day and moved to the day it is loaded.

The fixed dates of the demo modules (`simitra/*/demo.py`) were written for the anchor day,
20 November 2026. Loaded on another day, each of them moves by the whole number of months
between the anchor and that day (read when the demo is loaded), so the story reads the same:
what was due two months before the anchor is due two months before the load day, give or take
the days since the month's 20th. Dates the demo computes from today already (results, risks)
are not moved.
"""

import datetime as dt

from django.utils import timezone

from simitra.lib.dates import add_months

ANCHOR = dt.date(2026, 11, 20)


def months_since_anchor(today: dt.date | None = None) -> int:
    """Whole months from the anchor to `today` (default: the local date now), the largest `n`
    with anchor + n months ≤ today; negative before the anchor."""
    today = today or timezone.localdate()
    months = (today.year - ANCHOR.year) * 12 + today.month - ANCHOR.month
    return months - 1 if today.day < ANCHOR.day else months


def shifted(day: dt.date | None, today: dt.date | None = None) -> dt.date | None:
    """A story date moved to the load day (None stays None)."""
    if day is None:
        return None
    return add_months(day, months_since_anchor(today))


def shifted_datetime(moment: dt.datetime | None, today: dt.date | None = None):
    """A story moment moved to the load day, at the same local time of day."""
    if moment is None:
        return None
    if timezone.is_naive(moment):
        return dt.datetime.combine(shifted(moment.date(), today), moment.time())
    local = timezone.localtime(moment)
    day = shifted(local.date(), today)
    return timezone.make_aware(dt.datetime.combine(day, local.time().replace(tzinfo=None)))
