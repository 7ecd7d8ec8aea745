"""Calendar arithmetic shared by the apps."""

import datetime as dt

from django.utils import timezone


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (earlier when negative), or the month's last day when it has
    no such day (31 January + 1 month = 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise ValueError(day)


def local_date(value: dt.datetime | dt.date | None) -> dt.date | None:
    """The local calendar day of a moment (an aware datetime in the active time zone, a naive one
    as it is); a date or None comes back unchanged."""
    if value is None or not isinstance(value, dt.datetime):
        return value
    return timezone.localdate(value) if timezone.is_aware(value) else value.date()
