"""openpyxl work: the template of a sheet, reading a filled one, marking its errors, and the
list export (written in write-only mode, so a long list keeps memory flat)."""

import io
from collections.abc import Callable

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .spec import INSTRUCTIONS_COMMON, CellError, CellInvalid, Outcome, Row, SheetSpec

DATA_SHEET = "Data"
TEMPLATE_ROWS = 5000  # rows prepared with drop-down lists
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F6F66")
ERROR_FILL = PatternFill("solid", fgColor="F8D7DA")


class WorkbookUnreadable(Exception):
    pass


class ImportInvalid(Exception):
    """Nothing was saved; `errors` name each wrong cell."""

    def __init__(self, errors: list[CellError]):
        self.errors = errors
        super().__init__(f"{len(errors)} errors")


def as_text(cell):
    """The cell with its string kept as text. openpyxl stores a string that starts with "="
    as a formula, which Excel would run for whoever opens the file (`=HYPERLINK(...)` in a
    title); a text cell shows it as typed and reads back unchanged."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def _codes_sheet_name() -> str:
    return _("Codes")[:31]


def _header(column) -> str:
    return f"{column.header}{' *' if column.required else ''}"


def build_template(spec: SheetSpec) -> bytes:
    """The template in the active language: instructions, the data sheet with its headers
    and drop-down lists, and the codes behind the lists."""
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = _("Instructions")[:31]
    data = workbook.create_sheet(DATA_SHEET)
    codes = workbook.create_sheet(_codes_sheet_name())

    instructions.column_dimensions["A"].width = 28
    instructions.column_dimensions["B"].width = 90
    instructions.append([str(spec.title)])
    instructions["A1"].font = Font(bold=True, size=14)
    for paragraph in [*INSTRUCTIONS_COMMON, *spec.instructions]:
        instructions.append([None, str(paragraph)])
    instructions.append([])
    instructions.append([_("Column"), _("What to fill in")])
    for cell in instructions[instructions.max_row]:
        cell.font = Font(bold=True)
    for column in spec.columns:
        help_text = str(column.help)
        if column.example:
            help_text += " " + _("Example: %(example)s") % {"example": column.example}
        instructions.append([_header(column), help_text])
    for row in instructions.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    data.freeze_panes = "A2"
    for index, column in enumerate(spec.columns, start=1):
        cell = data.cell(row=1, column=index, value=_header(column))
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.comment = Comment(str(column.help), "Simitra") if column.help else None
        letter = get_column_letter(index)
        data.column_dimensions[letter].width = column.width
        if column.choices is None:
            continue
        values = column.choices()
        codes.cell(row=1, column=index, value=str(column.header)).font = Font(bold=True)
        for offset, value in enumerate(values, start=2):
            as_text(codes.cell(row=offset, column=index, value=value))
        codes.column_dimensions[letter].width = max(column.width, 30)
        source = f"'{codes.title}'!${letter}$2:${letter}${len(values) + 1}"
        validation = DataValidation(
            type="list",
            formula1=f"={source}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop" if column.strict_choices else "warning",
            errorTitle=str(column.header)[:32],
            error=_("Choose a value from the list.")[:255],
        )
        data.add_data_validation(validation)
        validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
    # A space in the last prepared row, right of the columns: a spreadsheet that re-saves the
    # file keeps the drop-down lists only over the rows it holds as used (LibreOffice: the
    # filled rows, at least 1,000), so the lists would stop at row 1,001. The import reads a
    # row of blanks as empty.
    as_text(data.cell(row=TEMPLATE_ROWS + 1, column=len(spec.columns) + 1, value=" "))
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header_keys(spec: SheetSpec) -> dict[str, str]:
    """Every header text a column may have (either language, with or without the *)."""
    names = {}
    for language in ("id", "en"):
        with translation.override(language):
            for column in spec.columns:
                for text in (str(column.header), _header(column)):
                    names[text.strip().casefold()] = column.key
    for column in spec.columns:
        names[column.key.casefold()] = column.key
    return names


def read_rows(
    spec: SheetSpec, data: bytes, errors: list[CellError], progress=None
) -> tuple[list[Row], dict[str, int]]:
    """The filled rows of the data sheet, each cell read by its column, and where each
    column is; unreadable cells become errors (the row is still returned, without them)."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise WorkbookUnreadable(
            _("The file cannot be read as an Excel workbook (.xlsx).")
        ) from error
    try:
        sheet = (
            workbook[DATA_SHEET] if DATA_SHEET in workbook.sheetnames else workbook.worksheets[0]
        )
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if not header:
            raise WorkbookUnreadable(
                _("The data sheet is empty: keep the header row of the template.")
            )
        known = _header_keys(spec)
        positions: dict[str, int] = {}
        for index, title in enumerate(header):
            key = known.get(str(title or "").strip().casefold())
            if key and key not in positions:
                positions[key] = index
        missing = [c for c in spec.columns if c.required and c.key not in positions]
        if missing:
            raise WorkbookUnreadable(
                _("Columns missing from the header row: %(columns)s.")
                % {"columns": ", ".join(str(c.header) for c in missing)}
            )
        total = max((sheet.max_row or 1) - 1, 0)
        columns = [(c.key, positions.get(c.key), c, c.required) for c in spec.columns]
        result = []
        for number, values in enumerate(rows, start=2):
            if values is None or all(_blank(v) for v in values):
                continue
            row = Row(number=number, values={}, raw={})
            width = len(values)
            for key, index, column, required in columns:
                raw = values[index] if index is not None and index < width else None
                row.raw[key] = raw
                if raw is None and not required:
                    row.values[key] = None  # what `column.read` gives an empty cell
                    continue
                try:
                    row.values[key] = column.read(raw)
                except CellInvalid as invalid:
                    errors.append(cell_error(spec, positions, number, key, raw, str(invalid)))
            result.append(row)
            if progress and number % 200 == 0:
                progress(number - 1, total)
        return result, positions
    finally:
        workbook.close()


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_error(spec, positions, number, key, raw, message) -> CellError:
    column = spec.column(key) if key else None
    index = positions.get(key) if key else None
    return CellError(
        row=number,
        column=str(column.header) if column else "",
        letter=get_column_letter(index + 1) if index is not None else "",
        value="" if raw is None else str(raw),
        message=message,
    )


class RowErrors:
    """Collects errors of one import by row and column key, for the spec's `validate`."""

    def __init__(self, spec: SheetSpec, positions: dict[str, int], errors: list[CellError]):
        self.spec, self.positions, self.errors = spec, positions, errors
        self.bad_rows = {error.row for error in errors}
        keys = {str(c.header): c.key for c in spec.columns}
        self.bad_cells = {(error.row, keys.get(error.column, "")) for error in errors}

    def add(self, row: Row, key: str, message: str) -> None:
        raw = row.raw.get(key) if key else None
        if (row.number, key) in self.bad_cells:
            return  # that cell is already reported; this would be a consequence
        self.errors.append(cell_error(self.spec, self.positions, row.number, key, raw, message))
        self.bad_rows.add(row.number)
        self.bad_cells.add((row.number, key))

    def has(self, row: Row) -> bool:
        """Whether a cell of this row could not be read (its other checks would only add
        consequences of that)."""
        return row.number in self.bad_rows


def import_workbook(
    spec: SheetSpec, data: bytes, user, progress: Callable[[int, int], None] | None = None
) -> Outcome:
    """Read, validate and save a filled template: all rows or none."""
    errors: list[CellError] = []
    rows, positions = read_rows(spec, data, errors, progress)
    if not rows and not errors:
        raise WorkbookUnreadable(_("The data sheet has no filled rows."))
    collector = RowErrors(spec, positions, errors)
    with transaction.atomic():
        validated = spec.validate(rows, user, collector)
        if errors:
            raise ImportInvalid(sorted(errors, key=lambda e: (e.row, e.letter)))
        outcome = spec.save(validated, user)
        if progress:
            progress(len(rows), len(rows))
    return outcome


def mark_errors(data: bytes, errors: list[CellError]) -> bytes:
    """A copy of the uploaded workbook with each wrong cell coloured and commented."""
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook[DATA_SHEET] if DATA_SHEET in workbook.sheetnames else workbook.worksheets[0]
    by_cell: dict[str, list[str]] = {}
    for error in errors:
        by_cell.setdefault(f"{error.letter or 'A'}{error.row}", []).append(error.message)
    for coordinate, messages in by_cell.items():
        cell = sheet[coordinate]
        cell.fill = ERROR_FILL
        cell.comment = Comment("\n".join(messages), "Simitra", width=300, height=120)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(sheet, value):
    if not isinstance(value, str):
        return value
    return as_text(WriteOnlyCell(sheet, value=value))


def write_list(spec: SheetSpec, rows, out, *, progress=None, total: int = 0) -> int:
    """The list export: a data sheet with the spec's headers (so it can be imported again
    where the sheet is importable), written row by row."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(DATA_SHEET)
    for index, column in enumerate(spec.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    header = []
    for column in spec.columns:
        cell = WriteOnlyCell(sheet, value=_header(column))
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        header.append(cell)
    sheet.append(header)
    count = 0
    for count, row in enumerate(rows, start=1):
        sheet.append([_cell(sheet, row.get(column.key)) for column in spec.columns])
        if progress and count % 200 == 0:
            progress(count, total)
    workbook.save(out)
    return count


__all__ = [
    "ImportInvalid",
    "Outcome",
    "WorkbookUnreadable",
    "build_template",
    "import_workbook",
    "mark_errors",
    "read_rows",
    "write_list",
]
