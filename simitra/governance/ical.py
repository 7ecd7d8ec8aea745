"""The meetings as an iCalendar file (RFC 5545) for calendar programs, written with `icalendar`
(which escapes the text values and folds the long lines)."""

import datetime as dt
from dataclasses import dataclass

from icalendar import Calendar, Event, vText

PRODID = "-//Simitra//Tata Kelola//ID"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    summary: str
    location: str = ""
    url: str = ""
    description: str = ""
    stamp: dt.datetime | None = None


def _utc(moment: dt.datetime) -> dt.datetime:
    # Times go out in UTC (…Z): every calendar program shows them in its own zone, and the file
    # needs no VTIMEZONE.
    return moment.astimezone(dt.UTC)


def calendar(events: list[CalendarEvent], name: str) -> bytes:
    """One VEVENT per event, in the order given; empty location, URL and description left out."""
    ical = Calendar()
    ical.add("version", "2.0")
    ical.add("prodid", PRODID)
    ical.add("calscale", "GREGORIAN")
    ical.add("method", "PUBLISH")
    # The name most calendar programs show; a TEXT value, so escaped like the others.
    ical.add("x-wr-calname", vText(name))
    for event in events:
        ical.add_component(
            Event.new(
                uid=event.uid,
                stamp=_utc(event.stamp or dt.datetime.now(dt.UTC)),
                start=_utc(event.starts_at),
                end=_utc(event.ends_at),
                summary=event.summary,
                location=event.location or None,
                url=event.url or None,
                description=event.description or None,
            )
        )
    return ical.to_ical()
