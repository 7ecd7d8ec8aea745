"""An export imported again unmodified changes nothing: every row is reported unchanged and no
row (no history row) is written. Only a changed cell counts, and a changed submitted or approved
value is refused on its cell. The same holds after a spreadsheet program re-saved the file
(LibreOffice, headless), and the templates keep their drop-down lists over every prepared row."""

import datetime as dt
import io
import os
import shutil
import subprocess
import uuid
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from simitra.interop.excel import spec as sheets
from simitra.interop.excel.workbook import (
    TEMPLATE_ROWS,
    ImportInvalid,
    WorkbookUnreadable,
    build_template,
    import_workbook,
    write_list,
)
from simitra.organisations.models import Organisation
from simitra.resources.models import Delivery, Pledge
from simitra.resources.testing import make_delivery, make_pledge
from simitra.results.models import IndicatorValue
from simitra.results.testing import make_indicator, make_value

pytestmark = pytest.mark.django_db

HISTORY = [Organisation, Pledge, Delivery, IndicatorValue]
IMPORTABLE = [s.key for s in sheets.sheets() if s.importable and s.export_rows]


def history_rows() -> dict[str, int]:
    return {model.__name__: model.history.count() for model in HISTORY}


def records() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in HISTORY}


@pytest.fixture
def filled_world(world, reference):
    """Contributions (one in kind, one cancelled-free with a due date), deliveries and
    indicator values in every state, as the demo has them."""
    cash = make_pledge(
        world.partner_a,
        value=1_000_000,
        due_date=dt.date(2025, 12, 31),
        valuation_note="Nilai kontrak",
    )
    make_pledge(
        world.partner_b,
        value=0,
        category="endorsement",
        valuation_method="none",
        description="Surat edaran",
    )
    make_pledge(
        world.partner_a,
        value="2500000.50",
        currency="USD",
        exchange_rate=Decimal("15500.1234"),
        quantity=Decimal("12.5"),
        unit="hari-orang",
    )
    make_delivery(cash, amount=400_000, note="Tahap 1")
    make_delivery(cash, amount="100000.25", quantity=Decimal(3), day=dt.date(2025, 4, 2))
    number = make_indicator(world.partnership, world.partner_a, periods=4)
    qualitative = make_indicator(
        world.partnership, world.partner_a, periods=2, measure="qualitative", title="Cerita"
    )
    periods = list(number.periods.order_by("start"))
    make_value(periods[0], "3", status=IndicatorValue.Status.APPROVED)
    make_value(periods[1], "4.5", status=IndicatorValue.Status.SUBMITTED, comment="Catatan")
    make_value(periods[2], "6", status=IndicatorValue.Status.RETURNED)
    make_value(periods[3], "7.25")
    story = qualitative.periods.order_by("start").first()
    IndicatorValue.objects.create(
        period=story, text="Kader melatih ibu", status=IndicatorValue.Status.APPROVED
    )
    world.number = number
    return world


def export(key, user, folder, language="en"):
    spec = sheets.get_sheet(key)
    path = folder / f"{key}-{language}.xlsx"
    with translation.override(language):
        written = write_list(spec, spec.export_rows(user), path)
    return path, written


def stored_rows(key) -> int:
    """The rows of an export that hold a record (the values export also lists periods
    without a value, to be filled in)."""
    return {
        "organisations": Organisation.objects.count(),
        "contributions": Pledge.objects.count(),
        "deliveries": Delivery.objects.count(),
        "indicator_values": IndicatorValue.objects.count(),
    }[key]


def assert_no_op(key, data, user):
    before, history = records(), history_rows()
    outcome = import_workbook(sheets.get_sheet(key), data, user)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, stored_rows(key))
    assert records() == before
    assert history_rows() == history


@pytest.mark.parametrize("key", IMPORTABLE)
@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("who", ["coordinator", "partner_user", "partner_b_user"])
def test_every_export_imports_again_as_a_no_op(filled_world, tmp_path, key, language, who):
    user = getattr(filled_world, who)
    path, written = export(key, user, tmp_path, language)
    assert written >= stored_rows(key) > 0
    assert_no_op(key, path.read_bytes(), user)


def test_the_sheets_checked_are_every_importable_one():
    assert set(IMPORTABLE) == {"organisations", "contributions", "deliveries", "indicator_values"}


def change(path, key, row, column_key, value, language="en", more=()) -> bytes:
    """The exported file with cells changed (found by their header): (row, column key,
    value), then each of `more`."""
    spec = sheets.get_sheet(key)
    workbook = load_workbook(path)
    sheet = workbook["Data"]
    headers = [cell.value for cell in sheet[1]]
    for number, column_key, new in [(row, column_key, value), *more]:
        column = spec.column(column_key)
        with translation.override(language):
            header = f"{column.header}{' *' if column.required else ''}"
        sheet.cell(row=number, column=headers.index(header) + 1).value = new
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_one_changed_contribution_is_the_one_updated(filled_world, tmp_path):
    path, _written = export("contributions", filled_world.coordinator, tmp_path)
    history = history_rows()
    data = change(path, "contributions", 2, "description", "Dana CSR tahap 2")
    outcome = import_workbook(sheets.get_sheet("contributions"), data, filled_world.coordinator)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 1, 2)
    assert history_rows() == {**history, "Pledge": history["Pledge"] + 1}
    assert Pledge.objects.filter(description="Dana CSR tahap 2").count() == 1


def test_a_contribution_written_another_way_is_unchanged(filled_world, tmp_path):
    """The partner's name in capitals, the currency and the exchange rate left empty (the
    partnership's currency, 1): the same contribution."""
    path, _written = export("contributions", filled_world.coordinator, tmp_path)
    sheet = load_workbook(path)["Data"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(row=r, column=9).value == "IDR")
    partner = sheet.cell(row=row, column=3).value
    more = [(row, "currency", None), (row, "exchange_rate", None)]
    data = change(path, "contributions", row, "partner", partner.upper(), more=more)
    assert load_workbook(io.BytesIO(data))["Data"].cell(row=row, column=9).value is None
    assert_no_op("contributions", data, filled_world.coordinator)


def test_a_changed_approved_value_is_refused_on_its_cell(filled_world, tmp_path):
    path, _written = export("indicator_values", filled_world.partner_user, tmp_path)
    sheet = load_workbook(path)["Data"]
    approved = next(
        row
        for row in range(2, sheet.max_row + 1)
        if sheet.cell(row=row, column=4).value == 3  # the approved 3
    )
    history = history_rows()
    data = change(path, "indicator_values", approved, "value", 30)
    data_comment = change(path, "indicator_values", approved, "comment", "Diubah")
    spec = sheets.get_sheet("indicator_values")
    for changed, letter, header in [(data, "D", "Value"), (data_comment, "F", "Comment")]:
        with pytest.raises(ImportInvalid) as refused, translation.override("en"):
            import_workbook(spec, changed, filled_world.partner_user)
        assert [(e.row, e.letter, e.column, e.message) for e in refused.value.errors] == [
            (approved, letter, header, "A submitted or approved value cannot be changed.")
        ]
    assert IndicatorValue.objects.get(status="approved", value__isnull=False).value == Decimal(3)
    assert history_rows() == history


def test_an_equal_draft_submitted_is_updated(filled_world, tmp_path):
    path, _written = export("indicator_values", filled_world.partner_user, tmp_path)
    sheet = load_workbook(path)["Data"]
    draft = next(
        row for row in range(2, sheet.max_row + 1) if sheet.cell(row=row, column=4).value == 7.25
    )
    data = change(path, "indicator_values", draft, "submit", "Yes")
    outcome = import_workbook(sheets.get_sheet("indicator_values"), data, filled_world.partner_user)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 1, 4)
    assert IndicatorValue.objects.get(value=Decimal("7.25")).status == "submitted"


def test_a_changed_delivery_is_refused_and_a_row_without_id_adds_one(filled_world, tmp_path):
    path, _written = export("deliveries", filled_world.partner_user, tmp_path)
    spec = sheets.get_sheet("deliveries")
    data = change(path, "deliveries", 2, "note", "Tahap 1 (diubah)")
    with pytest.raises(ImportInvalid) as refused, translation.override("en"):
        import_workbook(spec, data, filled_world.partner_user)
    [error] = refused.value.errors
    assert (error.row, error.column) == (2, "Note")
    assert error.message.startswith("A delivery is recorded, not changed")
    # The same row without its ID is a new delivery.
    data = change(path, "deliveries", 3, "id", None)
    outcome = import_workbook(spec, data, filled_world.partner_user)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (1, 0, 1)
    assert Delivery.objects.count() == 3


def test_a_delivery_id_of_another_contribution_is_refused(filled_world, tmp_path):
    path, _written = export("deliveries", filled_world.partner_user, tmp_path)
    other = Pledge.objects.exclude(deliveries__isnull=False).first()
    data = change(path, "deliveries", 2, "pledge", other.pk)
    with pytest.raises(ImportInvalid) as refused, translation.override("en"):
        import_workbook(sheets.get_sheet("deliveries"), data, filled_world.partner_user)
    assert [(e.row, e.letter, e.message) for e in refused.value.errors] == [
        (2, "A", "No delivery of this contribution has this ID.")
    ]


# The same after a spreadsheet program re-saved the files.

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None and os.environ.get("SIMITRA_REQUIRE_LIBREOFFICE") != "1",
    reason="LibreOffice (soffice) is not installed",
)


def resave(path, folder):
    """`path` opened and saved again as .xlsx by LibreOffice, into another folder, with a
    profile of its own (so runs side by side do not share one)."""
    return resave_all([path], folder)[path]


def resave_all(paths, folder) -> dict:
    """Each of `paths` (of distinct names) opened and saved again as .xlsx by LibreOffice, in one
    run of it (a start, with a new profile, costs seconds; each file is converted on its own)."""
    assert SOFFICE, "SIMITRA_REQUIRE_LIBREOFFICE=1 but soffice is not installed"
    assert len({path.name for path in paths}) == len(paths)
    out = folder / f"resaved-{uuid.uuid4().hex[:8]}"
    out.mkdir()
    profile = folder / f"lo-{uuid.uuid4().hex}"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            *(str(path) for path in paths),
        ],
        check=True,
        capture_output=True,
        timeout=180 * len(paths),
    )
    resaved = {path: out / path.name for path in paths}
    for path, again in resaved.items():
        assert again.exists(), f"LibreOffice wrote nothing for {path.name}"
    return resaved


def validations(data) -> dict[str, str]:
    sheet = load_workbook(io.BytesIO(data))["Data"]
    return {str(v.sqref)[0]: str(v.sqref) for v in sheet.data_validations.dataValidation}


@needs_libreoffice
def test_every_template_and_export_survives_a_libreoffice_round_trip(filled_world, tmp_path):
    files = []
    for key in IMPORTABLE:
        spec = sheets.get_sheet(key)
        with translation.override("id"):
            template = tmp_path / f"template-{key}.xlsx"
            template.write_bytes(build_template(spec))
        files.append(template)
        files.append(export(key, filled_world.coordinator, tmp_path, "id")[0])
    for path, resaved in resave_all(files, tmp_path).items():
        if path.name.startswith("template-"):
            key = path.stem.removeprefix("template-")
            before, after = validations(path.read_bytes()), validations(resaved.read_bytes())
            assert after == before  # every drop-down list over all prepared rows
            assert all(v.endswith(str(TEMPLATE_ROWS + 1)) for v in after.values())
            with pytest.raises(WorkbookUnreadable):  # an empty template stays empty
                import_workbook(
                    sheets.get_sheet(key), resaved.read_bytes(), filled_world.coordinator
                )
        else:
            key = path.stem.removesuffix("-id")
            assert_no_op(key, resaved.read_bytes(), filled_world.coordinator)


@needs_libreoffice
def test_a_template_filled_after_a_libreoffice_round_trip_imports(filled_world, tmp_path):
    spec = sheets.get_sheet("indicator_values")
    template = tmp_path / "template.xlsx"
    with translation.override("en"):
        template.write_bytes(build_template(spec))
    resaved = resave(template, tmp_path)

    def filled(*rows) -> bytes:
        workbook = load_workbook(resaved)
        for number, row in enumerate(rows, start=2):
            for letter, value in row.items():
                workbook["Data"][f"{letter}{number}"] = value
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    story = filled_world.number.partnership.indicators.get(title="Cerita")
    new = {"A": story.pk, "B": dt.date(2025, 4, 1), "E": "Posyandu aktif", "G": "Yes"}
    changed = {"A": filled_world.number.pk, "B": dt.date(2025, 1, 1), "D": 99}  # approved: 3
    with pytest.raises(ImportInvalid) as refused, translation.override("en"):
        import_workbook(spec, filled(new, changed), filled_world.partner_user)
    assert [(e.row, e.letter, e.message) for e in refused.value.errors] == [
        (3, "D", "A submitted or approved value cannot be changed.")
    ]
    outcome = import_workbook(spec, filled(new), filled_world.partner_user)
    assert (outcome.created, outcome.updated) == (1, 0)
    assert IndicatorValue.objects.get(text="Posyandu aktif").status == "submitted"
