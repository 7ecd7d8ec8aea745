"""The MoU's background is drafted from the problem statement and the evidence behind it, not
only from the partnership's short summary."""

import pytest

from simitra.agreements.testing import make_mou
from simitra.scoping.tests.helpers import make_evidence, make_problem

pytestmark = pytest.mark.django_db


def background(mou) -> str:
    return mou.sections.get(key="background").body


def test_the_background_cites_the_problem_statement_and_its_evidence(ready):
    ready.partnership.summary = "Kemitraan untuk gizi balita."
    ready.partnership.save(update_fields=["summary"])
    make_problem(
        ready.partnership,
        core="Stunting balita tinggi",
        statement="Satu dari tiga balita di Kupang pendek.\nPenurunannya lambat sejak 2019.",
    )
    make_evidence(
        ready.partnership,
        title="Survei Status Gizi Indonesia",
        publisher="Kementerian Kesehatan",
        year=2022,
        figure="prevalensi stunting 35,3%",
        supports_problem=True,
    )
    make_evidence(ready.partnership, title="Catatan rapat desa", supports_problem=False)
    text = background(make_mou(ready, language="en"))
    lines = text.splitlines()
    assert lines[0] == "The problem the Parties address: Stunting balita tinggi."
    assert lines[1:3] == [
        "Satu dari tiga balita di Kupang pendek.",
        "Penurunannya lambat sejak 2019.",
    ]
    assert lines[3] == (
        "The evidence behind it: Survei Status Gizi Indonesia (Kementerian Kesehatan, 2022): "
        "prevalensi stunting 35,3%."
    )
    assert "Kemitraan untuk gizi balita." in lines
    assert "Catatan rapat desa" not in text
    assert "[…" not in text


def test_in_indonesian_too(ready):
    make_problem(ready.partnership, core="Stunting balita tinggi")
    make_evidence(ready.partnership, title="SSGI 2022", supports_problem=True)
    text = background(make_mou(ready, language="id"))
    assert "Stunting balita tinggi" in text and "SSGI 2022" in text
    assert "The problem the Parties address" not in text


def test_without_a_problem_statement_or_summary_it_leaves_a_placeholder(ready):
    ready.partnership.summary = ""
    ready.partnership.save(update_fields=["summary"])
    assert "[…" in background(make_mou(ready, language="en"))
