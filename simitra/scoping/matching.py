"""How well an organisation's profile matches a partnership's problem (the candidate search).

Text is compared on Indonesian word stems, so that word forms match (*penurunan* / *menurunkan*
→ *turun*, *kemitraan* → *mitra*, *pembangunan* → *bangun*): both sides are lower-cased, split
into words, stop words dropped, and each word stemmed (Sastrawi's stemmer).

For a query (problem text Q, regions R, SDG goals G) and a profile (text P, regions R', goals G'):

    w(s)    = ln(1 + N / (1 + df(s)))     rarer stems weigh more (N profiles, df = profiles
                                          whose text has stem s)
    text    = Σ_{s ∈ Q∩P} w(s) / Σ_{s ∈ Q} w(s)
    region  = 1    if a region of R' equals or lies inside a region of R (Kemendagri codes nest
                   by prefix: 53 ⊃ 53.02 ⊃ 53.02.02)
              0.5  if a region of R' contains a region of R (it works at a wider level)
              0    otherwise
    sdg     = |G ∩ G'| / |G|
    score   = (0.6·text + 0.25·region + 0.15·sdg) / (sum of the weights of the parts the query
              has: a query without regions or goals is not penalised for lacking them)

The reasons returned beside the score are the shared stems, the matching regions and goals.
Pure apart from the stemmer's own word cache: no ORM inside.
"""

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

WEIGHT_TEXT = 0.6
WEIGHT_REGION = 0.25
WEIGHT_SDG = 0.15

_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    return frozenset(StopWordRemoverFactory().get_stop_words())


@lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    return _stemmer().stem(word)


@lru_cache(maxsize=50_000)
def stems(text: str) -> frozenset[str]:
    """The set of meaningful stems in `text` (stop words, digits and one-letter words dropped)."""
    stop = _stop_words()
    result = set()
    for word in _WORD.findall(text.lower()):
        if len(word) < 2 or word.isdigit() or word in stop:
            continue
        stem = stem_word(word)
        if len(stem) >= 2 and stem not in stop:
            result.add(stem)
    return frozenset(result)


@dataclass(frozen=True)
class Profile:
    organisation_id: int
    name: str
    stems: frozenset[str]
    region_codes: tuple[str, ...] = ()
    sdg_goals: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Query:
    stems: frozenset[str]
    region_codes: tuple[str, ...] = ()
    sdg_goals: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Match:
    organisation_id: int
    score: float
    text: float
    region: float
    sdg: float
    shared_words: tuple[str, ...]
    regions: tuple[str, ...]  # the profile's regions that matched
    sdgs: tuple[int, ...]

    def as_details(self) -> dict:
        return {
            "score": round(self.score, 3),
            "text": round(self.text, 3),
            "region": self.region,
            "sdg": round(self.sdg, 3),
            "words": list(self.shared_words),
            "regions": list(self.regions),
            "sdgs": list(self.sdgs),
        }


def _inside(code: str, area: str) -> bool:
    return code == area or code.startswith(f"{area}.")


def region_match(profile_codes: Iterable[str], query_codes: Iterable[str]) -> tuple[float, tuple]:
    query_codes = tuple(query_codes)
    inside = tuple(c for c in profile_codes if any(_inside(c, area) for area in query_codes))
    if inside:
        return 1.0, inside
    wider = tuple(c for c in profile_codes if any(_inside(area, c) for area in query_codes))
    if wider:
        return 0.5, wider
    return 0.0, ()


def stem_weights(query: Query, profiles: Iterable[Profile]) -> dict[str, float]:
    profiles = list(profiles)
    df = Counter()
    for profile in profiles:
        for stem in query.stems & profile.stems:
            df[stem] += 1
    n = len(profiles)
    return {stem: math.log(1 + n / (1 + df[stem])) for stem in query.stems}


def score(profile: Profile, query: Query, weights: dict[str, float]) -> Match:
    total = sum(weights.get(s, 1.0) for s in query.stems)
    shared = query.stems & profile.stems
    text = sum(weights.get(s, 1.0) for s in shared) / total if total else 0.0
    region, regions = region_match(profile.region_codes, query.region_codes)
    sdgs = tuple(sorted(query.sdg_goals & profile.sdg_goals))
    sdg = len(sdgs) / len(query.sdg_goals) if query.sdg_goals else 0.0
    parts = [(WEIGHT_TEXT, text)] if query.stems else []
    if query.region_codes:
        parts.append((WEIGHT_REGION, region))
    if query.sdg_goals:
        parts.append((WEIGHT_SDG, sdg))
    weight_sum = sum(w for w, _ in parts)
    value = sum(w * v for w, v in parts) / weight_sum if weight_sum else 0.0
    return Match(
        organisation_id=profile.organisation_id,
        score=value,
        text=text,
        region=region,
        sdg=sdg,
        shared_words=tuple(sorted(shared, key=lambda s: (-weights.get(s, 1.0), s))),
        regions=regions,
        sdgs=sdgs,
    )


def rank(profiles: Iterable[Profile], query: Query) -> list[Match]:
    """Every profile scored, best first (ties by name, so the order is stable)."""
    profiles = list(profiles)
    weights = stem_weights(query, profiles)
    names = {p.organisation_id: p.name.lower() for p in profiles}
    matches = [score(profile, query, weights) for profile in profiles]
    matches.sort(key=lambda m: (-m.score, names[m.organisation_id], m.organisation_id))
    return matches
