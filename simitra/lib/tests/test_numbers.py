"""Numbers, percentages and money read in the reader's language, as text only."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.template import Context, Template
from django.utils import translation

from simitra.lib.money import amount_in_words, format_money
from simitra.lib.numbers import format_number, format_percent, format_score, round_half_up


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("id", "1.250.000,5"), ("en", "1,250,000.5")],
)
def test_it_groups_thousands_and_marks_decimals_the_way_of_the_language(lang, expected):
    assert format_number(Decimal("1250000.50"), lang=lang) == expected


def test_it_follows_the_active_language_when_none_is_given():
    with translation.override("id"):
        assert format_number(2.5) == "2,5"
    with translation.override("en"):
        assert format_number(2.5) == "2.5"


def test_it_shows_at_most_two_decimals_unless_told_how_many():
    assert format_number(Decimal("2.675"), lang="id") == "2,68"  # halves round up
    assert format_number(Decimal("3.00"), lang="id") == "3"
    assert format_number(3, 1, lang="en") == "3.0"
    assert format_number(Decimal("1234.5"), 0, lang="en") == "1,235"
    assert format_number(Decimal("-0.001"), lang="en") == "0"
    assert format_number(None) == "—"


def test_percentages_read_in_the_language():
    assert format_percent(0.625, 1, lang="id") == "62,5%"
    assert format_percent(0.625, 1, lang="en") == "62.5%"
    assert format_percent(Decimal("0.5"), lang="id") == "50%"
    assert format_percent(None) == "—"


def test_rupiah_is_grouped_the_way_of_the_language():
    assert format_money(Decimal("1500000"), lang="id") == "Rp1.500.000"
    assert format_money(Decimal("1500000"), lang="en") == "Rp1,500,000"
    with translation.override("en"):
        assert format_money(Decimal("-2500.6")) == "-Rp2,501"
        assert amount_in_words(2_000_000) == "two million rupiah"
    with translation.override("id"):
        assert format_money(Decimal("-2500.6")) == "-Rp2.501"
        assert amount_in_words(2_000_000) == "dua juta rupiah"


def render(text: str, lang: str, **context) -> str:
    with translation.override(lang):
        return Template(text).render(Context(context))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("id", "1.250.000,5 · 3,0 · 62,5% · Rp1.500.000"),
        ("en", "1,250,000.5 · 3.0 · 62.5% · Rp1,500,000"),
    ],
)
def test_the_template_filters_follow_the_active_language(lang, expected):
    text = "{{ big|number }} · {{ score|number:1 }} · {{ share|percent:1 }} · {{ amount|money }}"
    rendered = render(
        text, lang, big=Decimal("1250000.5"), score=3, share=0.625, amount=Decimal(1_500_000)
    )
    assert rendered == expected


def test_the_number_filter_says_nothing_is_there_with_a_dash():
    assert render("{{ missing|number }}|{{ missing|percent }}", "id", missing=None) == "—|—"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_plain_template_numbers_are_not_grouped_so_years_and_ids_stay_whole(lang):
    assert render("{{ year }} {{ pk }}", lang, year=2026, pk=12345) == "2026 12345"
    assert render("{{ value }}", lang, value=Decimal("2.5")) == ("2,5" if lang == "id" else "2.5")


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("2.675"), 2, Decimal("2.68")),
        (2.675, 2, Decimal("2.68")),  # the float as written, not the 2.67499… it holds
        (2.665, 2, Decimal("2.67")),
        (0.005, 2, Decimal("0.01")),
        (-2.675, 2, Decimal("-2.68")),  # halves away from zero, both ways
        (-0.005, 2, Decimal("-0.01")),
        (3, 1, Decimal("3.0")),
        (Fraction(8, 3), 2, Decimal("2.67")),
        (Fraction(107, 40), 2, Decimal("2.68")),  # 2.675 exactly
        (Decimal("33.25"), 1, Decimal("33.3")),
    ],
)
def test_there_is_one_rounding_rule_halves_away_from_zero(value, places, expected):
    assert round_half_up(value, places) == expected


@pytest.mark.parametrize(
    ("value", "id_text", "en_text"),
    [
        (2.675, "2,68", "2.68"),
        (Decimal("2.675"), "2,68", "2.68"),
        (Fraction(107, 40), "2,68", "2.68"),
        (2.665, "2,67", "2.67"),
        (0.005, "0,01", "0.01"),
        (-2.675, "-2,68", "-2.68"),
        (-0.001, "0,0", "0.0"),  # no "-0"
        (4, "4,0", "4.0"),
        (Decimal("3.5"), "3,5", "3.5"),
        (3.25, "3,25", "3.25"),
        (3.04999, "3,05", "3.05"),
        (Fraction(8, 3), "2,67", "2.67"),
        (2.999, "3,0", "3.0"),  # one decimal once the second no longer matters
        (None, "—", "—"),
    ],
)
def test_a_score_rounds_as_a_number_does(value, id_text, en_text):
    assert format_score(value, lang="id") == id_text
    assert format_score(value, lang="en") == en_text


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_number_and_a_score_agree_on_halves(lang):
    for value in (2.675, 2.665, 0.005, -2.675, Decimal("1.125"), 1.005):
        assert format_score(value, lang=lang) == format_number(value, 2, lang=lang)
