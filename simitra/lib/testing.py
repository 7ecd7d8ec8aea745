"""Test helpers that know nothing of Simitra's models."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext

# The days the demo is loaded on in its tests (the `demo_day` fixture): the anchor its dates were
# written for (simitra/lib/demo_time.py), the last day of a month's shift a year later (the story
# then stands 29 days after the anchor's), and a day in another year.
DEMO_DAYS = tuple(
    dt.datetime(*day, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    for day in ((2026, 11, 20), (2027, 12, 19), (2028, 3, 5))
)


def count_queries(function, *args, **kwargs) -> int:
    """How many SQL queries `function(*args, **kwargs)` runs."""
    with CaptureQueriesContext(connection) as context:
        function(*args, **kwargs)
    return len(context.captured_queries)
