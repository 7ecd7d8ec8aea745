"""Excel exports write user text as text: a title such as `=HYPERLINK(...)` must not become a
formula that Excel runs for whoever opens the file, and the import reads it back unchanged."""

import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from simitra.interop.excel import spec as sheets
from simitra.interop.excel.workbook import build_template, import_workbook, write_list
from simitra.organisations.models import Organisation
from simitra.resources.models import Pledge
from simitra.resources.testing import make_delivery, make_pledge
from simitra.results.testing import make_indicator, make_value

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/","x")'
PLUS = "+1+cmd|' /C calc'!A0"
MINUS = "-2+3+cmd|' /C calc'!A0"
AT = "@SUM(1+1)*cmd|' /C calc'!A0"
TAB = "\t=1+1"
CR = "\r=1+1"
HOSTILE = {HYPERLINK, PLUS, MINUS, AT, TAB, CR}


@pytest.fixture
def hostile(world, reference):
    world.partnership.title = HYPERLINK
    world.partnership.save(update_fields=["title"])
    world.coordinator.first_name = AT
    world.coordinator.save(update_fields=["first_name"])
    world.org_a.name, world.org_a.description, world.org_a.address = HYPERLINK, PLUS, AT
    world.org_a.save(update_fields=["name", "description", "address"])
    pledge = make_pledge(
        world.partner_a, value=1_000_000, description=HYPERLINK, valuation_note=MINUS
    )
    make_delivery(pledge, amount=1000, note=HYPERLINK)
    indicator = make_indicator(world.partnership, world.partner_a, periods=1, title=TAB)
    make_value(indicator.periods.get(), "4", comment=CR, text=HYPERLINK)
    return world


def cells(data: bytes):
    workbook = load_workbook(io.BytesIO(data))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            yield from row


def export(spec, user) -> bytes:
    buffer = io.BytesIO()
    with translation.override("en"):
        write_list(spec, spec.export_rows(user), buffer)
    return buffer.getvalue()


def test_no_export_writes_user_text_as_a_formula(hostile):
    written = set()
    for spec in sheets.sheets():
        if spec.export_rows is None:
            continue
        exported = list(cells(export(spec, hostile.coordinator)))
        assert [c.coordinate for c in exported if c.data_type == "f"] == [], spec.key
        written |= {c.value for c in exported if c.data_type == "s"}
    # Every hostile text reached some export, kept exactly as typed.
    assert written >= HOSTILE


def test_no_template_writes_a_formula_cell(hostile):
    for spec in sheets.sheets():
        with translation.override("en"):
            data = build_template(spec)
        assert [c.coordinate for c in cells(data) if c.data_type == "f"] == [], spec.key


def test_the_organisation_export_imports_again_unchanged(hostile):
    spec = sheets.get_sheet("organisations")
    data = export(spec, hostile.outsider)
    outcome = import_workbook(spec, data, hostile.partner_b_user)
    assert (outcome.created, outcome.updated) == (0, 0)
    hostile.org_a.refresh_from_db()
    assert (hostile.org_a.name, hostile.org_a.description) == (HYPERLINK, PLUS)
    assert Organisation.objects.filter(name=HYPERLINK).count() == 1


def test_the_contribution_export_imports_again_unchanged(hostile):
    spec = sheets.get_sheet("contributions")
    import_workbook(spec, export(spec, hostile.coordinator), hostile.coordinator)
    pledge = Pledge.objects.get()
    assert (pledge.description, pledge.valuation_note) == (HYPERLINK, MINUS)
