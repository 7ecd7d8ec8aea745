"""Simitra's date formats, one per language (settings.FORMAT_MODULE_PATH).

Every date a page shows is written the one way of its language: `3 Des 2026` in Indonesian,
`3 Dec 2026` in English (`DATE_FORMAT`, which `{{ day }}`, `{{ day|date }}` and
`django.utils.formats.date_format(day)` use), with the time after it where a moment is shown
(`DATETIME_FORMAT`). Every date field of a form is typed in a browser's date picker, which sends
and shows ISO (`2026-12-03`): ISO is the first input format of both languages, so a date
rendered into an input is always ISO, and the formats people type by hand still parse. What
Django's own locale files say about the rest (numbers, first day of the week) still holds: a
name missing here is looked up there.
"""

ISO_DATE = "%Y-%m-%d"
ISO_DATETIME = "%Y-%m-%dT%H:%M"
