from decimal import Decimal

import pytest

from simitra.lib.money import amount_in_words, english_words, format_money


def test_it_formats_rupiah_the_indonesian_way():
    assert format_money(Decimal("1250000000")) == "Rp1.250.000.000"
    assert format_money(Decimal("1250.6")) == "Rp1.251"
    assert format_money(None) == "—"


def test_it_formats_other_currencies_with_babel():
    assert "1.500,00" in format_money(Decimal("1500"), "USD")


def test_it_spells_rupiah_in_indonesian():
    assert amount_in_words(1_250_000_000) == "satu miliar dua ratus lima puluh juta rupiah"
    assert amount_in_words(1000) == "seribu rupiah"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (0, "zero"),
        (15, "fifteen"),
        (42, "forty-two"),
        (1_250_000_000, "one billion two hundred fifty million"),
        (1_001, "one thousand one"),
    ],
)
def test_it_spells_numbers_in_english(value, words):
    assert english_words(value) == words


def test_it_spells_amounts_in_english_with_the_currency():
    assert amount_in_words(2_000_000, lang="en") == "two million rupiah"
