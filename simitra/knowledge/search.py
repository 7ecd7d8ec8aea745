"""The public knowledge portal's reads: what is published, filtered and searched.

Everything starts from what anyone may see — published partnerships, and published lessons and
practices of published partnerships — so a private item can never reach a list, a search result
or a count, whoever is logged in.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, Q

from simitra.lib.stemming import contains_stem_lookups, index_text
from simitra.partnerships.models import Partnership

from .models import Lesson, PartnershipIndex, Practice


def public_partnerships():
    return Partnership.objects.visible_to(AnonymousUser())


def public_practices():
    return Practice.objects.public()


def public_lessons():
    return Lesson.objects.public()


def refresh_partnership_index() -> int:
    """Recompute the search stems of published partnerships changed since they were indexed.
    Two queries when something changed, one otherwise; returns how many were refreshed."""
    stale = list(
        public_partnerships()
        .filter(Q(search_index__isnull=True) | ~Q(search_index__source_updated_at=F("updated_at")))
        .only("pk", "title", "code", "summary", "updated_at")
        .prefetch_related("regions")
    )
    if not stale:
        return 0
    PartnershipIndex.objects.bulk_create(
        [
            PartnershipIndex(
                partnership=p,
                search_stems=index_text(
                    p.title, p.code, p.summary, *(region.name for region in p.regions.all())
                ),
                source_updated_at=p.updated_at,
            )
            for p in stale
        ],
        update_conflicts=True,
        unique_fields=["partnership"],
        update_fields=["search_stems", "source_updated_at"],
    )
    return len(stale)


def _partnership_ids(filters: dict):
    """Published partnerships matching the portal's filters (SDG goal, province, regency,
    partner sector, theme), as a subquery of ids."""
    partnerships = public_partnerships()
    if filters.get("sdg"):
        partnerships = partnerships.with_sdg_goal(filters["sdg"])
    if filters.get("province"):
        partnerships = partnerships.in_region(filters["province"])
    if filters.get("regency"):
        partnerships = partnerships.in_region(filters["regency"])
    if filters.get("sector"):
        partnerships = partnerships.with_confirmed_sector(filters["sector"])
    if filters.get("theme"):
        partnerships = partnerships.filter(dac_sector=filters["theme"])
    return partnerships.values("pk")


def portal_querysets(filters: dict) -> dict:
    """{"practices": …, "lessons": …, "partnerships": …} for the filters and the query `q`."""
    has_filters = any(filters.get(key) for key in ("sdg", "province", "regency", "sector", "theme"))
    partnerships = public_partnerships()
    practices = public_practices()
    lessons = public_lessons()
    if has_filters:
        ids = _partnership_ids(filters)
        partnerships = partnerships.filter(pk__in=ids)
        practices = practices.filter(partnership__in=ids)
        lessons = lessons.filter(partnership__in=ids)
    query = (filters.get("q") or "").strip()
    if query:
        refresh_partnership_index()
        for lookup in contains_stem_lookups("search_index__search_stems", query):
            partnerships = partnerships.filter(**lookup)
        practices = practices.search(query)
        lessons = lessons.search(query)
    return {"practices": practices, "lessons": lessons, "partnerships": partnerships}
