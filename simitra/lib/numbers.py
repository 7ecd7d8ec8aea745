"""Numbers for people, in the reader's language: `1.250.000,5` and `62,5%` in Bahasa Indonesia,
`1,250,000.5` and `62.5%` in English.

For text only — pages, reasons, PDFs, e-mails. Machine numbers (form inputs, SVG geometry, data
attributes, JSON, Excel cells, IATI) stay plain.
"""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from babel.numbers import format_decimal
from django.utils.translation import get_language

MAX_DECIMALS = 2


def reader_language(lang: str | None = None) -> str:
    """`id` or `en`: the given language, else the active one (Indonesian when none is)."""
    return (lang or get_language() or "id")[:2].lower()


def as_decimal(value) -> Decimal:
    """The number as it is written: a float through its shortest form (2.675 is 2.675, not the
    2.67499… the machine holds), a fraction divided out (8/3 → 2.666…)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(str(value))


def round_half_up(value, places: int) -> Decimal:
    """The one rounding rule of numbers for people: to `places` decimals, halves away from
    zero, on the number as it is written (2.675 → 2.68, 2.665 → 2.67, -2.675 → -2.68)."""
    return as_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(value, decimals: int | None = None, *, lang: str | None = None) -> str:
    """`1.250.000,5` (id) / `1,250,000.5` (en), thousands grouped.

    `decimals=None` shows as many decimals as needed, at most two (`2,5`, `3`, `2,67`); an int
    shows exactly that many (`3,0`). Rounded by `round_half_up`. `None` reads `—`.
    """
    if value is None or value == "":
        return "—"
    places = MAX_DECIMALS if decimals is None else max(int(decimals), 0)
    number = round_half_up(value, places)
    if decimals is None:
        pattern = "#,##0." + "#" * places if places else "#,##0"
    else:
        pattern = "#,##0." + "0" * places if places else "#,##0"
    if number == 0:
        number = abs(number)  # no "-0"
    return format_decimal(number, format=pattern, locale=reader_language(lang))


def format_score(value, *, lang: str | None = None) -> str:
    """A mean or score: one decimal, or two when the second matters (`4,0`, `3,5`, `3,25`,
    `2,67` in Indonesian), rounded as `format_number` rounds. `None` reads `—`."""
    if value is None or value == "":
        return "—"
    number = round_half_up(value, MAX_DECIMALS)
    return format_number(number, 1 if number == round_half_up(number, 1) else 2, lang=lang)


def format_percent(fraction, decimals: int | None = 0, *, lang: str | None = None) -> str:
    """A fraction as a percentage: 0.625 → `62,5%` (id, decimals=1) / `62.5%` (en)."""
    if fraction is None or fraction == "":
        return "—"
    return format_number(as_decimal(fraction) * 100, decimals, lang=lang) + "%"
