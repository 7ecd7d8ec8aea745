"""The plan's nomenclature imported from Excel: a good file loads; a bad code, a missing parent
or a duplicate refuses the whole file, naming row and column; nothing is written."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from simitra.partnerships.models import ObserverGrant
from simitra.partnerships.testing import make_user
from simitra.reference.models import Region
from simitra.regional import codes
from simitra.regional.demo import excerpt_source, excerpt_workbook
from simitra.regional.importing import import_plan
from simitra.regional.models import Plan, PlanIndicator, PlanItem, PlanTarget

from .helpers import GOOD_ROWS, workbook

pytestmark = pytest.mark.django_db


def _import(file, **extra):
    return import_plan(
        file=file,
        region=Region.objects.get(code="53.02"),
        kind=Plan.Kind.RPJMD,
        start_year=2025,
        end_year=2029,
        title="RPJMD uji",
        **extra,
    )


def _nothing_written():
    assert not Plan.objects.exists()
    assert not PlanItem.objects.exists()
    assert not PlanIndicator.objects.exists()
    assert not PlanTarget.objects.exists()


def test_code_shapes_and_parents():
    assert [
        codes.level_of(c) for c in ["1", "1.02", "1.02.02", "1.02.02.2.02", "1.02.02.2.02.0001"]
    ] == [1, 2, 3, 4, 5]
    for bad in [
        "",
        "12",
        "1.2",
        "1.02.2",
        "1.02.02.2.2",
        "1.02.02.2.02.001",
        "1.02.02.2.02.0001.1",
        "a.02",
    ]:
        assert codes.level_of(bad) is None, bad
    assert codes.parent_code("1.02.02.2.02.0001") == "1.02.02.2.02"
    assert codes.parent_code("1.02.02.2.02") == "1.02.02"
    assert codes.parent_code("1.02") == "1"
    assert codes.parent_code("1") is None


def test_a_good_file_loads_with_its_tree_indicators_and_targets():
    result = _import(workbook(GOOD_ROWS))
    assert result.ok, result.errors
    assert (result.items, result.indicators, result.targets) == (9, 2, 3)
    plan = result.plan
    sub = PlanItem.objects.get(plan=plan, code="1.02.02.2.02.0004")
    assert sub.level == codes.SUB_KEGIATAN
    assert sub.parent.code == "1.02.02.2.02"
    assert sub.parent.parent.code == "1.02.02"
    assert list(
        PlanItem.objects.filter(plan=plan, is_priority=True).values_list("code", flat=True)
    ) == ["1.02.02", "1.03.03"]
    indicator = PlanIndicator.objects.get(item=sub, code="2.2.1.(a)")
    assert dict(indicator.targets.values_list("year", "value")) == {
        2025: Decimal("70"),
        2026: Decimal("74"),
    }
    assert PlanIndicator.objects.get(item=sub, code="IKD-2").targets.get().value == 80


def test_the_shipped_excerpt_loads_and_names_its_source():
    result = _import(excerpt_workbook(), source=excerpt_source())
    assert result.ok, result.errors
    assert result.items == 19
    assert "Permendagri No. 90 Tahun 2019" in result.plan.source
    names = dict(PlanItem.objects.values_list("code", "name"))
    assert names["1.02.02.2.02.0001"] == "Pengelolaan Pelayanan Kesehatan Ibu Hamil"
    assert names["2.17.07"].startswith("PROGRAM PEMBERDAYAAN USAHA MENENGAH")


@pytest.mark.parametrize(
    "change, row, column, words",
    [
        (lambda rows: rows[4].__setitem__(0, "1.02.02.2.02.04"), 6, "A", "is not a code"),
        (lambda rows: rows.pop(3), 5, "A", "parent 1.02.02.2.02"),
        (
            lambda rows: rows.append(["1.03.03", "PROGRAM AIR MINUM LAGI"]),
            12,
            "A",
            "already on row 9",
        ),
        (lambda rows: rows[4].__setitem__(6, "tujuh puluh"), 6, "G", "not a number"),
        (lambda rows: rows[2].__setitem__(2, "mungkin"), 4, "C", "Ya"),
    ],
    ids=["bad-code", "missing-parent", "duplicate", "bad-target", "bad-priority"],
)
def test_a_bad_cell_refuses_the_whole_file_naming_row_and_column(change, row, column, words):
    rows = [list(r) for r in GOOD_ROWS]
    change(rows)
    with translation.override("en"):
        result = _import(workbook(rows))
        message = str(result.errors[0]) if result.errors else ""
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(row, column)]
    assert words in message
    assert f"Row {row}, column {column}" in message
    _nothing_written()


def test_a_year_column_outside_the_plan_is_refused():
    result = _import(workbook(GOOD_ROWS, years=[2025, 2031]))
    assert [(e.row, e.column) for e in result.errors] == [(1, "H")]
    _nothing_written()


def test_a_file_that_is_not_a_workbook_is_refused():
    result = _import(type("F", (), {"read": lambda self, *a: b"not a zip", "seek": lambda *a: 0})())
    assert not result.ok
    _nothing_written()


def _post(client, file, region="53.02"):
    return client.post(
        reverse("regional:plan_import"),
        {
            "region": region,
            "kind": "rpjmd",
            "start_year": 2025,
            "end_year": 2029,
            "title": "RPJMD uji",
            "source": "uji",
            "file": file,
        },
    )


def test_the_import_page_loads_a_file_for_the_regions_observer(client):
    planner = make_user("bappeda")
    ObserverGrant.objects.create(user=planner, region=Region.objects.get(code="53.02"))
    client.force_login(planner)
    response = _post(client, workbook(GOOD_ROWS))
    plan = Plan.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("regional:region", args=[plan.pk])


def test_the_import_page_lists_the_errors_and_writes_nothing(client):
    planner = make_user("bappeda")
    ObserverGrant.objects.create(user=planner, region=Region.objects.get(code="53.02"))
    client.force_login(planner)
    rows = [list(r) for r in GOOD_ROWS]
    rows.pop(3)
    response = _post(client, workbook(rows))
    assert response.status_code == 400
    assert (
        "Baris 5, kolom A: Induk 1.02.02.2.02 dari 1.02.02.2.02.0004" in response.content.decode()
    )
    _nothing_written()


def test_an_observer_of_another_region_may_not_import_for_this_one(client):
    planner = make_user("bappeda")
    ObserverGrant.objects.create(user=planner, region=Region.objects.get(code="73.71"))
    client.force_login(planner)
    response = _post(client, workbook(GOOD_ROWS))
    assert response.status_code == 400
    assert "Anda tidak boleh mengimpor rencana untuk wilayah ini." in response.content.decode()
    _nothing_written()


def test_the_import_page_is_404_for_an_outsider(client):
    client.force_login(make_user("luar"))
    assert client.get(reverse("regional:plan_import")).status_code == 404
    assert _post(client, workbook(GOOD_ROWS)).status_code == 404
    _nothing_written()


def test_the_template_download_is_a_file_the_importer_loads(client):
    client.force_login(make_user("siapa"))
    response = client.get(reverse("regional:plan_template"))
    assert response.status_code == 200
    from io import BytesIO

    result = _import(BytesIO(response.content))
    assert result.ok, result.errors
    assert result.items == 5
