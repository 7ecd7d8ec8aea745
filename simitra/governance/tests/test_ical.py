import datetime as dt

from simitra.governance.ical import CalendarEvent, calendar, escape_text, fold


def test_it_escapes_text_values():
    assert escape_text("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne"


def test_it_folds_long_lines_without_splitting_characters():
    line = "DESCRIPTION:" + "é" * 100
    folded = fold(line)
    parts = folded.split("\r\n ")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert "".join(parts) == line


def test_a_calendar_has_one_event_per_meeting_in_utc():
    start = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    text = calendar(
        [
            CalendarEvent(
                uid="meeting-1@example.test",
                starts_at=start,
                ends_at=start + dt.timedelta(hours=2),
                summary="Rapat, triwulan",
                location="Soe",
                stamp=start,
            )
        ],
        "NTT",
    )
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART:20260312T020000Z\r\n" in text
    assert "DTEND:20260312T040000Z\r\n" in text
    assert "SUMMARY:Rapat\\, triwulan\r\n" in text
    assert text.count("BEGIN:VEVENT") == 1
