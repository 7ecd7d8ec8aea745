"""Spreadsheet sheets described once, used for the template, the import and the export.

A `SheetSpec` lists its `Column`s (header, help, whether required, the drop-down list of codes,
how a cell is read) and says how valid rows are saved. The same description produces the
downloadable template (instructions sheet, drop-down lists), reads a filled template back
(every bad cell reported by row and column) and writes the list export in the same shape.

To add a sheet (contributions, deliveries, indicator values …): write a module like
`organisations.py` with its columns and a `validate`/`save` pair, and `register(spec)` it.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class CellInvalid(Exception):
    """A cell's value cannot be read; the message says what is expected."""


@dataclass(frozen=True)
class Column:
    key: str
    header: Any  # lazy translation
    help: Any = ""
    required: bool = False
    width: int = 18
    # Values offered in the cell's drop-down list (data validation) in the template.
    choices: Callable[[], list[str]] | None = None
    # Whether Excel refuses values outside the list (False: it only warns, e.g. district
    # codes that are not in the list of provinces and regencies).
    strict_choices: bool = True
    parse: Callable[[Any], Any] | None = None
    example: str = ""

    def read(self, value):
        """The cell's value, parsed; raises CellInvalid with a readable reason."""
        if isinstance(value, str):
            value = value.strip()
        if value in (None, ""):
            if self.required:
                raise CellInvalid(_("This cell must be filled."))
            return None
        return self.parse(value) if self.parse else value


@dataclass(frozen=True)
class CellError:
    row: int  # the row number in the sheet, as Excel shows it
    column: str  # the column's header ("" for a problem with the whole row)
    letter: str  # the column's letter ("" for the whole row)
    value: str
    message: str

    def as_dict(self) -> dict:
        return {
            "row": self.row,
            "column": self.column,
            "letter": self.letter,
            "value": self.value,
            "message": self.message,
        }


@dataclass
class Row:
    """One filled row of the data sheet: its number and its parsed values by column key."""

    number: int
    values: dict[str, Any]
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SheetSpec:
    key: str
    title: Any
    columns: list[Column]
    instructions: list[Any]
    # validate(rows, user, errors) → whatever `save` needs; adds CellErrors to `errors`.
    validate: Callable[[list[Row], Any, list[CellError]], Any] | None = None
    # save(validated, user) → Outcome; runs inside the import's transaction.
    save: Callable[[Any, Any], Outcome] | None = None
    # export_rows(user) → iterable of {column key: value} for the list export.
    export_rows: Callable[[Any], Iterable[dict]] | None = None
    export_count: Callable[[Any], int] | None = None
    importable: bool = True
    order: int = 100  # where the sheet is listed on the data exchange page

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


_SHEETS: dict[str, SheetSpec] = {}


def register(spec: SheetSpec) -> SheetSpec:
    _SHEETS[spec.key] = spec
    return spec


def sheets() -> list[SheetSpec]:
    return sorted(_SHEETS.values(), key=lambda spec: spec.order)


def get_sheet(key: str) -> SheetSpec | None:
    return _SHEETS.get(key)


# Readers shared by specs


def text(max_length: int):
    def parse(value):
        value = str(value).strip()
        if len(value) > max_length:
            raise CellInvalid(
                _("At most %(n)d characters (this has %(m)d).") % {"n": max_length, "m": len(value)}
            )
        return value

    return parse


def leading_code(value) -> str:
    """`53.02 Kabupaten Timor Tengah Selatan` (a drop-down entry) or `53.02` → `53.02`."""
    return str(value).strip().split()[0] if str(value).strip() else ""


def number_list(low: int, high: int):
    def parse(value):
        numbers = []
        for part in str(value).replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            try:
                number = int(float(part))
            except ValueError:
                raise CellInvalid(
                    _("Numbers separated by commas, e.g. 2, 3 (not %(value)s).") % {"value": part}
                ) from None
            if not low <= number <= high:
                raise CellInvalid(
                    _("Each number must be between %(low)d and %(high)d.")
                    % {"low": low, "high": high}
                )
            numbers.append(number)
        return list(dict.fromkeys(numbers))

    return parse


def whole_number(value) -> int:
    """A record's id: a whole number."""
    try:
        number = float(value) if not isinstance(value, int) else value
    except (TypeError, ValueError):
        raise CellInvalid(_("A whole number, e.g. 12.")) from None
    if number != int(number) or not 1 <= number < 2**31:
        raise CellInvalid(_("A whole number, e.g. 12."))
    return int(number)


def day(value) -> dt.date:
    """A date cell, or text written 2025-06-30 or 30-06-2025."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text_value = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text_value, pattern).date()
        except ValueError:
            continue
    raise CellInvalid(_("A date, e.g. 2025-06-30 or 30-06-2025."))


def amount(max_digits: int = 16, places: int = 2, minimum: Decimal | None = None):
    """A number with at most `places` decimals that fits `max_digits` digits."""

    def parse(value) -> Decimal:
        if isinstance(value, bool):
            raise CellInvalid(_("A number, e.g. 1250.5."))
        try:
            number = Decimal(str(value).strip().replace(" ", ""))
        except InvalidOperation:
            raise CellInvalid(_("A number, e.g. 1250.5.")) from None
        if not number.is_finite():
            raise CellInvalid(_("A number, e.g. 1250.5."))
        if number != number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):
            raise CellInvalid(_("At most %(n)d decimals.") % {"n": places})
        if abs(number) >= Decimal(10) ** (max_digits - places):
            raise CellInvalid(_("This number is too large."))
        if minimum is not None and number < minimum:
            raise CellInvalid(_("At least %(n)s.") % {"n": minimum})
        return number.quantize(Decimal(1).scaleb(-places))

    return parse


def yes_no(value) -> bool:
    wanted = str(value).strip().casefold()
    if wanted in {"ya", "yes", "y", "1", "true", "benar"}:
        return True
    if wanted in {"tidak", "no", "n", "0", "false", "salah"}:
        return False
    raise CellInvalid(_("Yes or No."))


def yes_no_choices() -> list[str]:
    return [_("Yes"), _("No")]


INSTRUCTIONS_COMMON = [
    gettext_lazy(
        "Fill one row per record in the sheet “Data”, from row 2. Keep the header row; the "
        "order of the columns does not matter."
    ),
    gettext_lazy(
        "Columns marked * must be filled. Cells with a drop-down list take one of its values; "
        "the sheet “Codes” lists every code."
    ),
    gettext_lazy(
        "The import is all or nothing: if any cell is wrong, nothing is saved and you get a "
        "list of every wrong cell (row and column) and a copy of your file with those cells "
        "marked."
    ),
    gettext_lazy(
        "A row that holds what Simitra already has (an export imported again unmodified) is "
        "counted as unchanged and writes nothing."
    ),
]
