"""The plan's nomenclature read from an Excel file, all or nothing.

The layout is the planners' matrix (one sheet; the template download has it):

    A Kode | B Uraian | C Prioritas | D Kode indikator | E Indikator | F Satuan | G… targets

Row 1 holds the headers; from column G each header is a year of the plan and the cells below
are that year's targets. A row with a code is an item of the nomenclature (and may carry its
first indicator); a row without a code but with an indicator adds another indicator to the item
above. Every error is reported with its row and column; if there is any, nothing is written.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from . import codes
from .models import Plan, PlanIndicator, PlanItem, PlanTarget

HEADERS = ["Kode", "Uraian", "Prioritas", "Kode indikator", "Indikator", "Satuan"]
FIRST_YEAR_COLUMN = len(HEADERS) + 1  # G
YES = {"ya", "y", "yes", "1", "true", "prioritas"}
NO = {"tidak", "t", "no", "n", "0", "false", "bukan"}
MAX_ROWS = 20000


@dataclass(frozen=True)
class CellError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)d, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": str(self.message)}


@dataclass
class _Indicator:
    code: str
    name: str
    unit: str
    targets: dict[int, Decimal]


@dataclass
class _Item:
    row: int
    code: str
    name: str
    level: int
    is_priority: bool
    indicators: list[_Indicator] = field(default_factory=list)


@dataclass
class ImportResult:
    errors: list[CellError] = field(default_factory=list)
    plan: Plan | None = None
    items: int = 0
    indicators: int = 0
    targets: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _letter(column: int) -> str:
    return get_column_letter(column)


def read_items(file, years: list[int]) -> tuple[list[_Item], list[CellError]]:
    """Parse and validate the sheet; nothing is written here."""
    errors: list[CellError] = []
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        return [], [CellError(1, "A", _("The file is not an Excel workbook (.xlsx)."))]
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = list(next(rows, ()) or ())
    year_columns: dict[int, int] = {}
    for index, value in enumerate(header[FIRST_YEAR_COLUMN - 1 :], start=FIRST_YEAR_COLUMN):
        text = _text(value)
        if not text:
            continue
        digits = text.split()[-1]
        if not digits.isdigit() or int(digits) not in years:
            errors.append(
                CellError(
                    1,
                    _letter(index),
                    _("“%(text)s” is not a year of the plan (%(first)d–%(last)d).")
                    % {"text": text, "first": years[0], "last": years[-1]},
                )
            )
            continue
        year_columns[index] = int(digits)
    items: list[_Item] = []
    seen: dict[str, int] = {}
    for row_number, row in enumerate(rows, start=2):
        if row_number > MAX_ROWS:
            errors.append(CellError(row_number, "A", _("The file has too many rows.")))
            break
        cells = [_text(v) for v in (list(row) + [None] * FIRST_YEAR_COLUMN)]
        code, name, priority, ind_code, ind_name, unit = cells[:6]
        if not any(cells[: FIRST_YEAR_COLUMN - 1]) and not any(cells[c - 1] for c in year_columns):
            continue
        if code:
            level = codes.level_of(code)
            if level is None:
                errors.append(
                    CellError(
                        row_number,
                        "A",
                        _("“%(code)s” is not a code of the nomenclature (e.g. 1.02.02.2.02.0001).")
                        % {"code": code},
                    )
                )
                continue
            if code in seen:
                errors.append(
                    CellError(
                        row_number,
                        "A",
                        _("The code %(code)s is already on row %(row)d.")
                        % {"code": code, "row": seen[code]},
                    )
                )
                continue
            seen[code] = row_number
            if not name:
                errors.append(CellError(row_number, "B", _("The item has no name.")))
            flag = priority.lower()
            if flag and flag not in YES | NO:
                errors.append(CellError(row_number, "C", _("Write “Ya” or “Tidak”.")))
            is_priority = flag in YES if flag else level == codes.PROGRAM
            items.append(_Item(row_number, code, name[:400], level, is_priority))
        elif not (ind_code or ind_name):
            errors.append(CellError(row_number, "A", _("The row has no code.")))
            continue
        if ind_code or ind_name:
            if not items:
                errors.append(CellError(row_number, "A", _("The indicator has no item above it.")))
                continue
            item = items[-1]
            if not ind_code:
                errors.append(CellError(row_number, "D", _("The indicator has no code.")))
                continue
            if not ind_name:
                errors.append(CellError(row_number, "E", _("The indicator has no name.")))
            if any(i.code == ind_code for i in item.indicators):
                errors.append(
                    CellError(
                        row_number,
                        "D",
                        _("The indicator %(code)s is already listed for %(item)s.")
                        % {"code": ind_code, "item": item.code},
                    )
                )
                continue
            targets: dict[int, Decimal] = {}
            for column, year in year_columns.items():
                raw = cells[column - 1]
                if not raw:
                    continue
                try:
                    targets[year] = Decimal(raw.replace(",", "."))
                except InvalidOperation:
                    errors.append(
                        CellError(row_number, _letter(column), _("The target is not a number."))
                    )
            item.indicators.append(_Indicator(ind_code[:40], ind_name[:400], unit[:60], targets))
    for item in items:
        parent = codes.parent_code(item.code)
        if parent and parent not in seen:
            errors.append(
                CellError(
                    item.row,
                    "A",
                    _("The parent %(parent)s of %(code)s is not in the file.")
                    % {"parent": parent, "code": item.code},
                )
            )
    if not items and not errors:
        errors.append(CellError(2, "A", _("The file lists no item of the plan.")))
    errors.sort(key=lambda e: (e.row, e.column))
    return items, errors


def import_plan(
    *,
    file,
    region,
    kind: str,
    start_year: int,
    end_year: int,
    title: str,
    source: str = "",
    imported_by=None,
) -> ImportResult:
    """Create the plan with every item, indicator and target of the file, or nothing."""
    years = list(range(start_year, end_year + 1))
    items, errors = read_items(file, years)
    result = ImportResult(errors=errors)
    if errors:
        return result
    with transaction.atomic():
        plan = Plan.objects.create(
            region=region,
            kind=kind,
            start_year=start_year,
            end_year=end_year,
            title=title,
            source=source,
            imported_by=imported_by,
        )
        created = PlanItem.objects.bulk_create(
            PlanItem(
                plan=plan,
                code=item.code,
                level=item.level,
                name=item.name,
                is_priority=item.is_priority,
            )
            for item in items
        )
        by_code = {row.code: row for row in created}
        for row in created:
            parent = codes.parent_code(row.code)
            row.parent = by_code.get(parent) if parent else None
        PlanItem.objects.bulk_update(created, ["parent"])
        indicators, pending = [], []
        for item in items:
            for spec in item.indicators:
                indicator = PlanIndicator(
                    item=by_code[item.code], code=spec.code, name=spec.name, unit=spec.unit
                )
                indicators.append(indicator)
                pending.append((indicator, spec.targets))
        PlanIndicator.objects.bulk_create(indicators)
        targets = [
            PlanTarget(indicator=indicator, year=year, value=value)
            for indicator, values in pending
            for year, value in values.items()
        ]
        PlanTarget.objects.bulk_create(targets)
    result.plan = plan
    result.items, result.indicators, result.targets = len(created), len(indicators), len(targets)
    return result
