"""Money in the reader's language (Rp1.250.000.000 / Rp1,250,000,000) and amounts spelled in
words (terbilang)."""

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency, format_decimal
from lokal.terbilang import terbilang

from simitra.lib.numbers import reader_language

DEFAULT_CURRENCY = "IDR"

_EN_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_SCALES = ["", "thousand", "million", "billion", "trillion", "quadrillion"]


def format_money(
    amount: Decimal | int | None, currency: str = DEFAULT_CURRENCY, lang: str | None = None
) -> str:
    """Rupiah without decimals (the Indonesian way), thousands grouped in the reader's language:
    `Rp1.250.000.000` (id), `Rp1,250,000,000` (en); babel for the other currencies. `lang`
    defaults to the active language."""
    if amount is None:
        return "—"
    amount = Decimal(amount)
    lang = "id" if reader_language(lang) == "id" else "en"
    if currency == "IDR":
        whole = amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        sign = "-" if whole < 0 else ""
        return f"{sign}Rp{format_decimal(abs(whole), format='#,##0', locale=lang)}"
    return format_currency(amount, currency, locale=lang)


def _english_below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = []
    if hundreds:
        words.append(f"{_EN_ONES[hundreds]} hundred")
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(_EN_TENS[tens] + (f"-{_EN_ONES[ones]}" if ones else ""))
    elif rest:
        words.append(_EN_ONES[rest])
    return " ".join(words)


def english_words(value: int) -> str:
    if value == 0:
        return "zero"
    groups = []
    while value:
        value, group = divmod(value, 1000)
        groups.append(group)
    if len(groups) > len(_EN_SCALES):
        raise ValueError("Number too large to spell.")
    words = [
        " ".join(w for w in (_english_below_thousand(g), _EN_SCALES[i]) if w)
        for i, g in reversed(list(enumerate(groups)))
        if g
    ]
    return " ".join(words)


_CURRENCY_WORDS = {
    "id": {"IDR": "rupiah", "USD": "dolar Amerika Serikat", "EUR": "euro"},
    "en": {"IDR": "rupiah", "USD": "US dollars", "EUR": "euros"},
}


def amount_in_words(
    amount: Decimal | int, currency: str = DEFAULT_CURRENCY, lang: str | None = None
) -> str:
    """The whole amount spelled out: `satu miliar dua ratus lima puluh juta rupiah`. `lang`
    defaults to the active language."""
    lang = reader_language(lang)
    whole = int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    negative = whole < 0
    whole = abs(whole)
    unit = _CURRENCY_WORDS.get(lang, _CURRENCY_WORDS["en"]).get(currency, currency)
    if lang == "id":
        text = f"{terbilang(whole)} {unit}"
        return f"minus {text}" if negative else text
    text = f"{english_words(whole)} {unit}"
    return f"minus {text}" if negative else text
