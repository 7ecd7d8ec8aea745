"""Excel: the template, an all-or-nothing import with a per-row, per-column report, and the
list exports."""

import io

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from simitra.accounts.models import Membership
from simitra.interop.excel import spec as sheets
from simitra.interop.excel.workbook import (
    ImportInvalid,
    WorkbookUnreadable,
    build_template,
    import_workbook,
    mark_errors,
    write_list,
)
from simitra.organisations.models import Organisation
from simitra.partnerships.testing import make_organisation

pytestmark = pytest.mark.django_db

ORGANISATIONS = sheets.get_sheet("organisations")


def filled(rows, language="id") -> bytes:
    """The template in `language`, with `rows` ({column key: value}) written into it."""
    with translation.override(language):
        workbook = load_workbook(io.BytesIO(build_template(ORGANISATIONS)))
    data = workbook["Data"]
    header = [cell.value for cell in data[1]]
    keys = {}
    with translation.override(language):
        for column in ORGANISATIONS.columns:
            title = f"{column.header}{' *' if column.required else ''}"
            keys[column.key] = header.index(title) + 1
    for offset, row in enumerate(rows, start=2):
        for key, value in row.items():
            data.cell(row=offset, column=keys[key], value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GOOD = [
    {
        "name": "Yayasan Air Sehat",
        "acronym": "YAS",
        "sector": "LSM / masyarakat sipil",
        "region": "53.02 Kabupaten Timor Tengah Selatan",
        "other_regions": "52, 53.01",
        "sdg_goals": "6, 3",
        "capabilities": "air bersih, sanitasi",
        "website": "yas.example.id",
    },
    {
        "name": "PT Surya Desa",
        "sector": "private",
        "iati_type": "71 Private Sector in Provider Country",
        "email": "info@suryadesa.example",
    },
    {"name": "Universitas Pesisir", "sector": "University / research", "sdg_goals": 4},
]


def test_the_template_has_instructions_lists_and_codes(reference):
    with translation.override("id"):
        workbook = load_workbook(io.BytesIO(build_template(ORGANISATIONS)))
    assert workbook.sheetnames == ["Petunjuk", "Data", "Kode"]
    data = workbook["Data"]
    assert data["A1"].value == "Nama *"
    lists = {
        str(dv.sqref).split(":")[0].rstrip("0123456789"): dv
        for dv in data.data_validations.dataValidation
    }
    # Sector (C), IATI type (D) and main region (F) have drop-down lists from "Kode".
    assert sorted(lists) == ["C", "D", "F"]
    assert str(lists["C"].sqref) == "C2:C5001"
    assert lists["C"].type == "list" and lists["C"].formula1 == "='Kode'!$C$2:$C$7"
    assert lists["C"].errorStyle == "stop"
    assert lists["F"].errorStyle == "warning"  # district codes may be typed by hand
    codes = workbook["Kode"]
    regions = [cell.value for cell in codes["F"] if cell.value]
    assert "53.02 Kabupaten Timor Tengah Selatan" in regions
    assert len(regions) == 1 + 38 + 514  # header, provinces, regencies and cities
    instructions = " ".join(
        str(c.value) for row in workbook["Petunjuk"].iter_rows() for c in row if c.value
    )
    assert (
        "semua atau tidak sama sekali" in instructions.lower()
        or "all or nothing" in instructions.lower()
    )


def test_good_rows_import(reference, world):
    outcome = import_workbook(ORGANISATIONS, filled(GOOD), world.outsider)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (3, 0, 0)
    yas = Organisation.objects.get(name="Yayasan Air Sehat")
    assert yas.sector == "ngo" and yas.acronym == "YAS" and yas.website == "https://yas.example.id"
    assert sorted(r.code for r in yas.regions.all()) == ["52", "53.01", "53.02"]
    assert sorted(g.number for g in yas.sdg_goals.all()) == [3, 6]
    assert sorted(c.name for c in yas.capabilities.all()) == ["air bersih", "sanitasi"]
    assert Organisation.objects.get(name="PT Surya Desa").iati_type == "71"
    # As on the page, whoever registers an organisation becomes its organisation admin.
    assert Membership.objects.filter(user=world.outsider, is_admin=True).count() == 4


def test_an_english_template_imports_too(reference, world):
    rows = [{"name": "Koperasi Baru", "sector": "Community group (masyarakat binaan)"}]
    assert import_workbook(ORGANISATIONS, filled(rows, "en"), world.outsider).created == 1


def test_one_bad_cell_anywhere_imports_nothing_and_is_reported(reference, world):
    rows = [*GOOD, {"name": "Lembaga Salah", "sector": "ngo", "region": "99.99 Tidak Ada"}]
    before = Organisation.objects.count()
    with translation.override("en"), pytest.raises(ImportInvalid) as invalid:
        import_workbook(ORGANISATIONS, filled(rows), world.outsider)
    assert Organisation.objects.count() == before
    [error] = invalid.value.errors
    assert (error.row, error.letter, error.value) == (5, "F", "99.99 Tidak Ada")
    assert error.column == "Main region"
    assert error.message == "Unknown region code: 99.99."


def test_every_wrong_cell_is_reported_with_the_pages_messages(reference, world):
    make_organisation("Donor Lama", iati_identifier="XM-DAC-7")
    rows = [
        {"name": "A", "sector": "bukan sektor"},
        {"name": "B", "sector": "ngo", "sdg_goals": "2, 19", "email": "bukan-email"},
        {"name": "C", "sector": "ngo", "iati_identifier": "XM-DAC-7"},
        {"sector": "ngo"},
        {"name": "A", "sector": "ngo"},
        {"name": "D", "sector": "ngo", "iati_type": "99 Aneh"},
    ]
    with translation.override("en"), pytest.raises(ImportInvalid) as invalid:
        import_workbook(ORGANISATIONS, filled(rows), world.outsider)
    found = {(e.row, e.column): e.message for e in invalid.value.errors}
    assert found[(2, "Sector")] == "Choose a sector from the list."
    assert found[(3, "SDG goals")] == "Each number must be between 1 and 17."
    assert found[(3, "E-mail")] == "Enter a valid email address."
    # The identifier is Donor Lama's: the row would change it, and only its admins may.
    assert found[(4, "Name")] == (
        "This organisation is already registered and only its organisation admins may change it."
    )
    assert found[(5, "Name")] == "This cell must be filled."
    assert found[(6, "Name")] == "The same organisation is already in row 2."
    assert found[(7, "IATI organisation type")] == "Unknown IATI organisation type: 99."
    assert not Organisation.objects.filter(name__in=["A", "B", "C", "D"]).exists()


def test_existing_organisations_are_updated_only_by_their_admins(reference, world):
    rows = [{"name": world.org_a.name, "sector": "private", "phone": "0380-1"}]
    with translation.override("id"), pytest.raises(ImportInvalid) as invalid:
        import_workbook(ORGANISATIONS, filled(rows), world.partner_user)
    assert invalid.value.errors[0].column == "Nama"
    world.partner_user.memberships.update(is_admin=True)
    admin = type(world.partner_user).objects.get(pk=world.partner_user.pk)  # fresh, uncached
    outcome = import_workbook(ORGANISATIONS, filled(rows), admin)
    assert outcome.updated == 1
    world.org_a.refresh_from_db()
    assert world.org_a.phone == "0380-1"


def test_the_export_imports_again_unchanged(reference, world):
    import_workbook(ORGANISATIONS, filled(GOOD), world.outsider)
    buffer = io.BytesIO()
    count = write_list(ORGANISATIONS, ORGANISATIONS.export_rows(world.outsider), buffer)
    assert count == Organisation.objects.count() == 7
    # Even a user who administers none of them may import the unchanged list.
    outcome = import_workbook(ORGANISATIONS, buffer.getvalue(), world.partner_b_user)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 7)


def test_the_partnership_export_lists_only_what_the_user_may_see(reference, world):
    spec = sheets.get_sheet("partnerships")
    for user, expected in ((world.coordinator, 1), (world.outsider, 0)):
        buffer = io.BytesIO()
        assert write_list(spec, spec.export_rows(user), buffer) == expected
        values = [c.value for row in load_workbook(buffer)["Data"].iter_rows() for c in row]
        assert ("Kemitraan Uji" in values) == bool(expected)


def test_errors_are_marked_in_a_copy_of_the_file(reference, world):
    data = filled([{"name": "X", "sector": "bukan"}])
    with pytest.raises(ImportInvalid) as invalid:
        import_workbook(ORGANISATIONS, data, world.outsider)
    marked = load_workbook(io.BytesIO(mark_errors(data, invalid.value.errors)))["Data"]
    cell = marked[f"{invalid.value.errors[0].letter}2"]
    assert cell.comment is not None and cell.fill.fgColor.rgb.endswith("F8D7DA")


def test_a_file_that_is_not_a_workbook_or_has_no_rows_is_refused(reference, world):
    with pytest.raises(WorkbookUnreadable):
        import_workbook(ORGANISATIONS, b"not a workbook", world.outsider)
    with pytest.raises(WorkbookUnreadable):
        import_workbook(ORGANISATIONS, filled([]), world.outsider)
    empty = Workbook()
    empty.active.append(["Something else"])
    buffer = io.BytesIO()
    empty.save(buffer)
    with pytest.raises(WorkbookUnreadable, match="Name|Nama"):
        import_workbook(ORGANISATIONS, buffer.getvalue(), world.outsider)
