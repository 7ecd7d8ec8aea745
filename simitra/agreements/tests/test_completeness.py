"""The completeness measure (pure)."""

from simitra.agreements.completeness import REQUIRED_SECTIONS, agreement_completeness

FULL = {key: f"Teks bagian {key}." for key in REQUIRED_SECTIONS}


def measure(sections=None, parties=("Dinas", "PT Mitra"), contributions=None):
    return agreement_completeness(
        sections=FULL if sections is None else sections,
        parties=list(parties),
        contributions={"Dinas": 1, "PT Mitra": 2} if contributions is None else contributions,
    )


def test_a_complete_agreement_scores_one():
    result = measure()
    assert result.complete and result.score == 1.0


def test_missing_empty_and_placeholder_sections_are_each_reported():
    sections = dict(FULL)
    del sections["purpose"]
    sections["scope"] = "   "
    sections["governance"] = "Sekretariat: [… sebutkan pihak]"
    result = measure(sections)
    assert [(m.code, m.section) for m in result.missing] == [
        ("section_missing", "purpose"),
        ("section_empty", "scope"),
        ("placeholder", "governance"),
    ]
    assert result.score == (len(REQUIRED_SECTIONS) + 3 - 3) / (len(REQUIRED_SECTIONS) + 3)


def test_optional_sections_are_not_required():
    assert "confidentiality" not in REQUIRED_SECTIONS
    assert "background" not in REQUIRED_SECTIONS
    assert measure().complete


def test_it_needs_two_parties_each_with_a_contribution():
    one = measure(parties=("Dinas",))
    assert [m.code for m in one.missing] == ["parties"]
    none = measure(contributions={"Dinas": 1})
    assert [m.code for m in none.missing] == ["no_contribution"]
    assert "PT Mitra" in none.missing[0].message
    assert none.for_section("roles") == list(none.missing)
