"""Excel sheets of contributions, deliveries and indicator values: a filled template imports;
one bad cell anywhere imports nothing and is reported by row and column."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from simitra.interop.excel import spec as sheets
from simitra.interop.excel.workbook import (
    ImportInvalid,
    build_template,
    import_workbook,
    write_list,
)
from simitra.resources.models import Delivery, Pledge
from simitra.resources.testing import make_pledge
from simitra.results.models import IndicatorValue
from simitra.results.testing import make_indicator, make_value

pytestmark = pytest.mark.django_db


def filled(key, rows, language="en") -> bytes:
    spec = sheets.get_sheet(key)
    with translation.override(language):
        workbook = load_workbook(io.BytesIO(build_template(spec)))
        header = [cell.value for cell in workbook["Data"][1]]
        positions = {
            c.key: header.index(f"{c.header}{' *' if c.required else ''}") + 1 for c in spec.columns
        }
    data = workbook["Data"]
    for offset, row in enumerate(rows, start=2):
        for key, value in row.items():
            data.cell(row=offset, column=positions[key], value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def refused(key, data, user):
    with pytest.raises(ImportInvalid) as error, translation.override("en"):
        import_workbook(sheets.get_sheet(key), data, user)
    return [(e.row, e.letter, e.column, e.message) for e in error.value.errors]


def test_the_templates_have_instructions_and_lists(reference):
    with translation.override("id"):
        workbook = load_workbook(io.BytesIO(build_template(sheets.get_sheet("contributions"))))
    assert workbook.sheetnames == ["Petunjuk", "Data", "Kode"]
    letters = sorted(str(dv.sqref)[0] for dv in workbook["Data"].data_validations.dataValidation)
    assert letters == ["D", "K"]  # category, valuation method
    assert "Sumbangan manusia" not in str(workbook["Kode"]["D2"].value)
    values = load_workbook(io.BytesIO(build_template(sheets.get_sheet("indicator_values"))))
    assert [str(dv.sqref)[0] for dv in values["Data"].data_validations.dataValidation] == ["G"]


class TestContributions:
    def rows(self, world):
        return [
            {
                "partnership": world.partnership.code,
                "partner": "PT Mitra Usaha",
                "category": "support",
                "description": "Dana CSR",
                "estimated_value": 1_000_000,
                "valuation_method": "Cash amount",
                "due_date": dt.date(2025, 12, 31),
            },
            {
                "partnership": world.partnership.code,
                "partner": "Dinas Kesehatan",
                "category": "Regulation, recommendation, written or verbal endorsement",
                "description": "Surat edaran",
                "estimated_value": 0,
                "valuation_method": "none",
            },
        ]

    def test_a_filled_template_imports(self, world, reference):
        outcome = import_workbook(
            sheets.get_sheet("contributions"),
            filled("contributions", self.rows(world)),
            world.coordinator,
        )
        assert outcome.created == 2
        pledge = Pledge.objects.get(description="Dana CSR")
        assert pledge.partner == world.partner_a and pledge.created_by == world.coordinator
        assert pledge.due_date == dt.date(2025, 12, 31) and pledge.currency == "IDR"

    def test_one_bad_cell_imports_nothing_and_names_row_and_column(self, world, reference):
        rows = self.rows(world)
        rows[1]["estimated_value"] = 5  # "not valued in money" with a value: the form refuses
        errors = refused("contributions", filled("contributions", rows), world.coordinator)
        assert errors == [
            (3, "H", "Estimated value", "A contribution not valued in money has no value: use 0.")
        ]
        assert not Pledge.objects.exists()

    def test_a_representative_records_only_its_own_organisation(self, world, reference):
        errors = refused(
            "contributions", filled("contributions", self.rows(world)), world.partner_user
        )
        assert errors == [
            (3, "C", "Partner", "Not a partner you may record contributions for here.")
        ]
        assert not Pledge.objects.exists()

    def test_an_outsider_cannot_name_a_private_partnership(self, world, reference):
        errors = refused("contributions", filled("contributions", self.rows(world)), world.outsider)
        assert {(row, letter) for row, letter, _c, _m in errors} == {(2, "B"), (3, "B")}

    def test_the_export_imports_again_unchanged(self, world, reference, tmp_path):
        make_pledge(world.partner_a, value=1_000_000)
        spec = sheets.get_sheet("contributions")
        path = tmp_path / "out.xlsx"
        with translation.override("en"):
            write_list(spec, spec.export_rows(world.coordinator), path)
        outcome = import_workbook(spec, path.read_bytes(), world.coordinator)
        assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 1)
        assert Pledge.objects.count() == 1


class TestDeliveries:
    def test_a_filled_template_imports_and_a_bad_link_imports_nothing(self, world, reference):
        pledge = make_pledge(world.partner_a, value=1_000_000)
        rows = [
            {
                "pledge": pledge.pk,
                "delivered_on": "2025-02-01",
                "amount": 400_000,
                "evidence_url": "https://bukti.example/1.pdf",
            },
            {
                "pledge": pledge.pk,
                "delivered_on": "2025-03-01",
                "amount": 100_000,
                "evidence_url": "not a link",
            },
        ]
        errors = refused("deliveries", filled("deliveries", rows), world.partner_user)
        assert [(r, letter) for r, letter, _c, _m in errors] == [(3, "H")]
        assert not Delivery.objects.exists()
        rows[1]["evidence_url"] = "https://bukti.example/2.pdf"
        outcome = import_workbook(
            sheets.get_sheet("deliveries"), filled("deliveries", rows), world.partner_user
        )
        assert outcome.created == 2
        pledge.refresh_from_db()
        assert pledge.status == "partly"
        errors = refused("deliveries", filled("deliveries", rows[:1]), world.partner_b_user)
        assert errors[0][:2] == (2, "B")


class TestIndicatorValues:
    @pytest.fixture
    def indicators(self, world):
        number = make_indicator(world.partnership, world.partner_a, periods=3)
        percent = make_indicator(
            world.partnership, world.partner_a, periods=2, measure="percentage", title="Persen"
        )
        return number, percent

    def rows(self, indicators):
        number, percent = indicators
        return [
            {"indicator": number.pk, "period_start": "2025-01-01", "value": 12, "submit": "Yes"},
            {"indicator": number.pk, "period_start": "2025-04-01", "value": "13.5"},
            {"indicator": percent.pk, "period_start": dt.date(2025, 1, 1), "value": 55.25},
        ]

    def test_a_filled_template_imports_in_bulk(self, world, indicators, reference):
        outcome = import_workbook(
            sheets.get_sheet("indicator_values"),
            filled("indicator_values", self.rows(indicators)),
            world.partner_user,
        )
        assert outcome.created == 3
        statuses = dict(IndicatorValue.objects.values_list("value", "status"))
        assert statuses == {
            Decimal("12.00"): "submitted",
            Decimal("13.50"): "draft",
            Decimal("55.25"): "draft",
        }
        assert IndicatorValue.objects.get(value=12).submitted_by == world.partner_user

    @pytest.mark.parametrize(
        ("change", "cell", "message"),
        [
            ({"value": 140}, "D", "A percentage lies between 0 and 100."),
            ({"value": "1.234"}, "D", "At most 2 decimals."),
            ({"value": "banyak"}, "D", "A number, e.g. 1250.5."),
            ({"period_start": "2025-02-01"}, "B", "Choose one of this indicator's periods."),
            ({"indicator": 999999}, "A", "No indicator you may see has this ID."),
        ],
    )
    def test_one_bad_cell_imports_nothing(
        self, world, indicators, reference, change, cell, message
    ):
        rows = self.rows(indicators)
        rows[2].update(change)
        errors = refused("indicator_values", filled("indicator_values", rows), world.partner_user)
        assert [(r, letter, m) for r, letter, _c, m in errors] == [(4, cell, message)]
        assert not IndicatorValue.objects.exists()

    def test_another_partner_may_not_enter_and_the_coordinator_may_not_submit(
        self, world, indicators, reference
    ):
        data = filled("indicator_values", self.rows(indicators))
        errors = refused("indicator_values", data, world.partner_b_user)
        assert {(r, letter) for r, letter, _c, _m in errors} == {(2, "A"), (3, "A"), (4, "A")}
        errors = refused("indicator_values", data, world.coordinator)
        assert [(r, letter) for r, letter, _c, _m in errors] == [(2, "G")]
        assert not IndicatorValue.objects.exists()

    def test_an_approved_value_is_not_changed(self, world, indicators, reference):
        make_value(indicators[0].periods.order_by("start").first(), "3", status="approved")
        errors = refused(
            "indicator_values",
            filled("indicator_values", self.rows(indicators)),
            world.partner_user,
        )
        assert (
            2,
            "D",
            "Value",
            "A submitted or approved value cannot be changed.",
        ) in errors
        assert IndicatorValue.objects.get().value == Decimal("3")

    def test_the_export_is_a_sheet_to_fill_that_imports_again(
        self, world, indicators, reference, tmp_path
    ):
        make_value(indicators[0].periods.order_by("start").first(), "4")
        spec = sheets.get_sheet("indicator_values")
        path = tmp_path / "values.xlsx"
        with translation.override("en"):
            written = write_list(spec, spec.export_rows(world.partner_user), path)
        assert written == 5  # every period of both indicators
        outcome = import_workbook(spec, path.read_bytes(), world.partner_user)
        assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 1)
