import datetime as dt

from icalendar import Calendar

from simitra.governance.ical import CalendarEvent, calendar

WIB = dt.timezone(dt.timedelta(hours=7))
START = dt.datetime(2026, 3, 12, 9, 0, tzinfo=WIB)


def event(**fields) -> CalendarEvent:
    fields.setdefault("uid", "meeting-1@example.test")
    fields.setdefault("summary", "Rapat")
    return CalendarEvent(
        starts_at=START, ends_at=START + dt.timedelta(hours=2), stamp=START, **fields
    )


def test_it_escapes_text_values():
    text = "a, b; c\\d\ne"
    ics = calendar([event(summary=text, location=text, description=text)], text)
    read = Calendar.from_ical(ics).events[0]
    assert (read["SUMMARY"], read["LOCATION"], read["DESCRIPTION"]) == (text, text, text)
    # icalendar keeps X- properties as written, so the calendar's name is checked as written.
    assert b"\r\nX-WR-CALNAME:a\\, b\\; c\\\\d\\ne\r\n" in ics


def test_it_folds_long_lines_without_splitting_characters():
    text = "é" * 100
    ics = calendar([event(description=text)], "NTT")
    assert all(len(line) <= 75 for line in ics.split(b"\r\n"))
    assert ics.decode()  # no UTF-8 character cut in two
    assert Calendar.from_ical(ics).events[0]["DESCRIPTION"] == text


def test_a_calendar_has_one_event_per_meeting_in_utc():
    ics = calendar([event(summary="Rapat, triwulan", location="Soe")], "NTT")
    assert ics.startswith(b"BEGIN:VCALENDAR\r\n") and ics.endswith(b"END:VCALENDAR\r\n")
    parsed = Calendar.from_ical(ics)
    assert parsed["VERSION"] == "2.0"
    [read] = parsed.events
    assert read.uid == "meeting-1@example.test"
    assert read.start == START and read.start.utcoffset() == dt.timedelta(0)
    assert read.end == START + dt.timedelta(hours=2) and read.end.utcoffset() == dt.timedelta(0)
    assert read.start.astimezone(dt.UTC).hour == 2  # 09:00 WIB is 02:00 UTC
    assert read["SUMMARY"] == "Rapat, triwulan"
    assert read["LOCATION"] == "Soe"
