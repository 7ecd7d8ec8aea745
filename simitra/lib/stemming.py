"""Indonesian stemming for search: "pemasaran", "memasarkan" and "dipasarkan" all become "pasar".

Search stems both sides — the stored text once when it is saved, the query on every search — and
compares whole stems, so a query finds every word form of the same root. The stemmer (PySastrawi)
is built once per process and every word's stem is cached: stemming one uncached word costs
about half a millisecond, a cached one next to nothing.

Nothing here knows Simitra's models; apps store `index_text(...)` in a text field and filter with
`contains_stem_lookups(...)`.
"""

import functools
import re

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

# Words too common to help a search, in Indonesian and English. Kept short on purpose: a longer
# list (such as PySastrawi's own) also drops words people search for ("baru", "besar", "awal").
# fmt: off
STOP_WORDS = frozenset({
    "dan", "atau", "di", "ke", "dari", "yang", "untuk", "dengan", "pada", "dalam", "oleh", "ini",
    "itu", "adalah", "juga", "serta", "bagi", "akan", "telah", "sudah", "tidak", "para", "sebagai",
    "the", "of", "and", "or", "in", "on", "for", "to", "a", "an", "is", "are", "with", "by",
})
# fmt: on

_WORD = re.compile(r"[^\W_]+")


@functools.cache
def _stemmer():
    return StemmerFactory().create_stemmer()


@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The root of one (lower-case) word: `stem("pelatihan") == "latih"`."""
    return _stemmer().stem(word) or word


def words(text: str) -> list[str]:
    """The words of `text`, lower-cased; hyphens, digits and punctuation split words."""
    return _WORD.findall((text or "").casefold())


def stems(text: str) -> list[str]:
    """The distinct stems of `text` in order of first appearance, stop words left out."""
    found = {}
    for word in words(text):
        if word in STOP_WORDS:
            continue
        found.setdefault(stem(word), None)
    return list(found)


def index_text(*texts: str) -> str:
    """What to store for later search: the stems of all `texts`, space-separated and with a
    space at both ends, so that `" stem "` matches whole stems only."""
    found = {}
    for text in texts:
        for item in stems(text):
            found.setdefault(item, None)
    return f" {' '.join(found)} " if found else ""


def contains_stem_lookups(field: str, query: str) -> list[dict]:
    """Keyword arguments for `.filter(**lookup)`, one per query stem, all of which must match:
    `[{"search_stems__contains": " pasar "}, …]`. An empty list when the query has no stems."""
    return [{f"{field}__contains": f" {item} "} for item in stems(query)]


def matches(index: str, query: str) -> bool:
    """Whether `index` (from `index_text`) holds every stem of `query` (for tests and lists)."""
    query_stems = stems(query)
    return bool(query_stems) and all(f" {item} " in index for item in query_stems)
