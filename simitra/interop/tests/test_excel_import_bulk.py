"""The organisations import checks the whole sheet against sets loaded once and writes the new
organisations in bulk: its queries do not grow with the rows, an error in any row saves nothing
and names that row, and the slugs, admin memberships and history rows are those the page's
service gives one organisation at a time."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from simitra.accounts.models import Membership
from simitra.interop.excel.workbook import ImportInvalid, import_workbook
from simitra.organisations.models import Capability, Organisation
from simitra.partnerships.testing import make_organisation

from .test_excel import ORGANISATIONS, filled

pytestmark = pytest.mark.django_db


def rows(count: int, start: int = 0) -> list[dict]:
    return [
        {
            "name": f"Lembaga Uji {n}",
            "acronym": f"LU{n}",
            "sector": "LSM / masyarakat sipil",
            "region": "53.02 Kabupaten Timor Tengah Selatan",
            "other_regions": "52",
            "sdg_goals": "2, 3",
            "capabilities": f"gizi, tag {n % 3}",
            "website": f"lu{n}.example.id",
            "email": f"info{n}@example.id",
        }
        for n in range(start, start + count)
    ]


def counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "history": Organisation.history.count(),
        "memberships": Membership.objects.count(),
        "membership history": Membership.history.count(),
        "capabilities": Capability.objects.count(),
        "regions": Organisation.regions.through.objects.count(),
        "goals": Organisation.sdg_goals.through.objects.count(),
        "tags": Organisation.capabilities.through.objects.count(),
    }


def captured(data: bytes, user) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert import_workbook(ORGANISATIONS, data, user).created > 0
    return [query["sql"] for query in queries.captured_queries]


def test_the_imports_queries_do_not_grow_with_rows(reference, world):
    few = captured(filled(rows(3)), world.outsider)
    many = captured(filled(rows(60, start=3)), world.outsider)
    reads = [sql for sql in many if not sql.startswith("INSERT")]
    assert len(reads) == len([sql for sql in few if not sql.startswith("INSERT")])
    # The inserts are bulk ones: more rows only cost more batches where the database limits
    # a statement's parameters (SQLite: 999), not a query per row.
    assert len(many) - len(few) <= 6
    assert len(many) < 40


@pytest.mark.parametrize("bad_row", [0, 16, 39])
def test_an_error_in_row_n_saves_nothing_and_names_row_n(reference, world, bad_row):
    sheet = rows(40)
    sheet[bad_row]["email"] = "bukan-email"
    before = counts()
    with translation.override("en"), pytest.raises(ImportInvalid) as invalid:
        import_workbook(ORGANISATIONS, filled(sheet), world.outsider)
    [error] = invalid.value.errors
    # Data rows start on the sheet's second row.
    assert (error.row, error.column, error.value) == (bad_row + 2, "E-mail", "bukan-email")
    assert error.message == "Enter a valid email address."
    assert counts() == before


def test_a_repeated_organisation_in_row_n_names_both_rows_and_saves_nothing(reference, world):
    sheet = rows(30)
    sheet[24]["name"] = sheet[5]["name"]
    before = counts()
    with translation.override("en"), pytest.raises(ImportInvalid) as invalid:
        import_workbook(ORGANISATIONS, filled(sheet), world.outsider)
    [error] = invalid.value.errors
    assert (error.row, error.column) == (26, "Name")
    assert error.message == "The same organisation is already in row 7."
    assert counts() == before


def test_an_identifier_already_used_is_refused_in_its_row(reference, world):
    make_organisation("Donor Lama", iati_identifier="XM-DAC-7")
    sheet = rows(12)
    sheet[8]["iati_identifier"] = "XM-DAC-7"
    before = counts()
    with translation.override("en"), pytest.raises(ImportInvalid) as invalid:
        import_workbook(ORGANISATIONS, filled(sheet), world.outsider)
    [error] = invalid.value.errors
    assert (error.row, error.column) == (10, "Name")
    assert counts() == before


def test_slugs_are_those_given_one_after_the_other(reference, world):
    make_organisation("Yayasan Sinar Bahari", slug="ysb")
    make_organisation("Yayasan Sinar Bahari Dua", slug="ysb-3")
    sheet = [
        {"name": "Yayasan Sinar Baru", "acronym": "YSB", "sector": "ngo"},
        {"name": "Yayasan Sumber Berkah", "acronym": "YSB", "sector": "ngo"},
        # Its own name gives "ysb-2", which the first row has just taken.
        {"name": "YSB 2", "sector": "ngo"},
        {"name": "Koperasi Tani", "sector": "community"},
    ]
    import_workbook(ORGANISATIONS, filled(sheet), world.outsider)
    slugs = dict(
        Organisation.objects.filter(name__in=[r["name"] for r in sheet]).values_list("name", "slug")
    )
    assert slugs == {
        "Yayasan Sinar Baru": "ysb-2",
        "Yayasan Sumber Berkah": "ysb-4",
        "YSB 2": "ysb-2-2",
        "Koperasi Tani": "koperasi-tani",
    }


def test_new_organisations_have_their_admin_and_history_rows(reference, world):
    before = counts()
    import_workbook(ORGANISATIONS, filled(rows(5)), world.outsider)
    after = counts()
    assert after["organisations"] - before["organisations"] == 5
    assert after["history"] - before["history"] == 5
    assert after["memberships"] - before["memberships"] == 5
    assert after["membership history"] - before["membership history"] == 5
    assert after["regions"] - before["regions"] == 10
    assert after["goals"] - before["goals"] == 10
    assert after["tags"] - before["tags"] == 10
    organisation = Organisation.objects.get(name="Lembaga Uji 3")
    assert organisation.slug == "lu3" and organisation.created_by == world.outsider
    assert organisation.website == "https://lu3.example.id"
    [created] = organisation.history.all()
    assert created.history_type == "+" and created.history_user == world.outsider
    assert created.slug == "lu3" and created.name == "Lembaga Uji 3"
    membership = Membership.objects.get(organisation=organisation)
    assert membership.user == world.outsider and membership.is_admin
    [joined] = membership.history.all()
    assert joined.history_type == "+" and joined.history_user == world.outsider
    assert sorted(c.name for c in organisation.capabilities.all()) == ["gizi", "tag 0"]
