"""The organisations import writes the new organisations' regions, SDG goals and capabilities
with a fixed number of queries, however many rows the sheet has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from simitra.interop.excel.workbook import import_workbook

from .test_excel import ORGANISATIONS, filled

pytestmark = pytest.mark.django_db

RELATION_TABLES = (
    '"organisations_organisation_regions"',
    '"organisations_organisation_sdg_goals"',
    '"organisations_organisation_capabilities"',
    '"organisations_capability"',
)


def rows(count: int, start: int, tags: str) -> list[dict]:
    return [
        {
            "name": f"Organisasi Uji {n}",
            "sector": "LSM / masyarakat sipil",
            "region": "53.02 Kabupaten Timor Tengah Selatan",
            "other_regions": "52",
            "sdg_goals": "2, 3",
            "capabilities": tags,
        }
        for n in range(start, start + count)
    ]


def queries(data: bytes, user) -> tuple[int, int, int]:
    with CaptureQueriesContext(connection) as captured:
        outcome = import_workbook(ORGANISATIONS, data, user)
    relation = sum(
        1 for q in captured.captured_queries if any(table in q["sql"] for table in RELATION_TABLES)
    )
    return outcome.created, relation, len(captured.captured_queries)


def test_relation_queries_do_not_grow_with_rows(reference, world):
    created_few, few, total_few = queries(filled(rows(5, 0, "gizi, pelatihan")), world.outsider)
    created_many, many, total_many = queries(
        filled(rows(50, 5, "air bersih, sanitasi")), world.outsider
    )
    assert (created_few, created_many) == (5, 50)
    # Three bulk inserts, and a look-up and an insert for each of the two new tags.
    assert many == few <= 7
    # Nothing is per row any more: the forms read reference sets loaded once for the file, and
    # organisations, slugs, memberships and their history rows are written in bulk; only the
    # number of insert batches may grow (SQLite's limit on a statement's parameters).
    assert total_many - total_few <= 6, (total_few, total_many)
