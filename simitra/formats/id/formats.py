"""Indonesian: `3 Des 2026`, `3 Des 2026 14:30` (see simitra/formats/__init__.py)."""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # '2026-12-03': what a date picker sends
    "%d-%m-%Y",  # '03-12-2026'
    "%d/%m/%Y",  # '03/12/2026'
    "%d-%m-%y",  # '03-12-26'
    "%d/%m/%y",  # '03/12/26'
    "%d %b %Y",  # '03 Dec 2026'
    "%d %B %Y",  # '03 December 2026'
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%dT%H:%M",  # '2026-12-03T14:30': what a date-and-time picker sends
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d-%m-%Y %H.%M",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
]
