import pytest
from django.utils import translation

from simitra.scoping.cocreation import Idea, tally

pytestmark = pytest.mark.usefixtures("english")

PARTNERS = [(1, "Bappeda"), (2, "Yayasan"), (3, "Posyandu")]


def test_it_counts_ideas_per_partner_and_flags_the_silent():
    result = tally(
        [
            Idea(1, "problem"),
            Idea(1, "cause"),
            Idea(2, "need"),
            Idea(2, "effect"),
            Idea(None, "option"),
        ],
        PARTNERS,
    )
    counts = {row.name: row.count for row in result.rows}
    assert counts == {"Bappeda": 2, "Yayasan": 2, "Posyandu": 0}
    assert result.total == 5 and result.unattributed == 1
    assert result.silent == ["Posyandu"]
    assert result.rows[0].share == 0.5
    assert result.dominant is None


def test_it_flags_one_sided_co_creation():
    result = tally([Idea(1, "cause")] * 4 + [Idea(2, "need")], PARTNERS)
    assert result.dominant == "Bappeda"
    assert any("80%" in reason for reason in result.reasons)


def test_ideas_of_organisations_that_are_not_partners_are_shown_apart():
    result = tally([Idea(9, "need")], PARTNERS, {9: "Mantan Mitra"})
    row = next(row for row in result.rows if row.organisation_id == 9)
    assert row.name == "Mantan Mitra" and not row.is_partner and row.count == 1


def test_no_ideas_is_no_flag_of_dominance():
    result = tally([], PARTNERS)
    assert result.total == 0 and result.dominant is None
    assert len(result.silent) == 3


@pytest.mark.parametrize(
    ("lang", "reason"),
    [
        ("id", "Bappeda mengusulkan 63% gagasan: ko-kreasi berat sebelah."),
        ("en", "Bappeda proposed 63% of the ideas: co-creation is one-sided."),
    ],
)
def test_the_dominant_share_reads_in_the_language_rounded_as_people_round(lang, reason):
    with translation.override(lang):
        result = tally([Idea(1, "cause")] * 5 + [Idea(2, "need")] * 3, PARTNERS)
    assert result.reasons[0] == reason  # 5 of 8 = 62.5 %, shown as 63 %
