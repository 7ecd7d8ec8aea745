"""Test helpers that know nothing of Simitra's models."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(function, *args, **kwargs) -> int:
    """How many SQL queries `function(*args, **kwargs)` runs."""
    with CaptureQueriesContext(connection) as context:
        function(*args, **kwargs)
    return len(context.captured_queries)
