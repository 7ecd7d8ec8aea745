"""The public knowledge portal shows published items of published partnerships only — in its
lists, its search results and its counts — to anyone, logged in or not."""

import re

import pytest
from django.urls import reverse

from simitra.knowledge.models import PartnershipIndex
from simitra.lib.testing import count_queries
from simitra.partnerships.models import Partnership
from simitra.partnerships.testing import make_partnership

from .conftest import lesson, practice

pytestmark = pytest.mark.django_db

PRIVATE_TITLES = [
    "Draf praktik internal",
    "Pelajaran internal sensitif",
    "Praktik dari kemitraan rahasia",
    "Pelajaran dari kemitraan rahasia",
    "Kemitraan Rahasia Air Bersih",
]


def portal(client, **params):
    response = client.get(reverse("knowledge:portal"), params)
    assert response.status_code == 200
    return response.content.decode()


def counts(body) -> dict:
    """The numbers on the three tabs."""
    found = re.findall(r'kind=(\w+)[^"]*"[^>]*>[^<]*<span class="badge[^"]*">(\d+)</span>', body)
    return {kind: int(n) for kind, n in found}


def all_tabs(client, **params) -> str:
    return "".join(
        portal(client, kind=kind, **params) for kind in ("practices", "lessons", "partnerships")
    )


@pytest.mark.parametrize("who", [None, "coordinator"])
def test_it_lists_published_items_only(portal_world, client_for, world, who):
    portal_world.hidden.coordinators.add(world.coordinator)  # even its coordinator sees nothing
    client = client_for(getattr(world, who) if who else None)
    body = all_tabs(client)
    assert "Kelas pemasaran oleh pelatih sebaya" in body
    assert "Pelatih sebaya lebih dipercaya" in body
    assert "Literasi Digital UMKM Perempuan" in body
    for title in PRIVATE_TITLES:
        assert title not in body
    assert counts(portal(client)) == {"practices": 1, "lessons": 1, "partnerships": 1}


def test_search_stems_the_query_and_the_text(portal_world, client):
    # "pemasaran" (in the practice's title) and "memasarkan" (in its summary) share "pasar".
    body = portal(client, q="pemasaran")
    assert "Kelas pemasaran oleh pelatih sebaya" in body
    assert counts(body) == {"practices": 1, "lessons": 0, "partnerships": 1}
    assert "Kelas pemasaran oleh pelatih sebaya" in portal(client, q="dipasarkan")
    assert counts(portal(client, q="dilatih")) == {
        "practices": 1,
        "lessons": 1,
        "partnerships": 1,  # "Pelatihan" in its summary
    }
    # Every word must match: the partnership never speaks of "sebaya".
    assert counts(portal(client, q="dilatih sebaya"))["partnerships"] == 0


def test_search_never_finds_or_counts_private_items(portal_world, client):
    # Every private item and the private partnership mention "pemasaran" or "pelatihan" too.
    for query in ("pemasaran", "pelatihan", "rahasia", "internal", "air bersih"):
        body = all_tabs(client, q=query)
        for title in PRIVATE_TITLES:
            assert title not in body, (query, title)
    assert counts(portal(client, q="rahasia")) == {"practices": 0, "lessons": 0, "partnerships": 0}
    assert counts(portal(client, q="air")) == {"practices": 0, "lessons": 0, "partnerships": 0}


def test_a_query_of_stop_words_only_does_not_filter(portal_world, client):
    assert counts(portal(client, q="dan di")) == counts(portal(client))


def test_the_partnership_index_follows_edits(portal_world, client):
    assert "Literasi Digital" in portal(client, q="literasi", kind="partnerships")
    portal_world.public.title = "Pemberdayaan Perempuan Makassar"
    portal_world.public.save()
    body = portal(client, q="memberdayakan", kind="partnerships")
    assert "Pemberdayaan Perempuan Makassar" in body
    assert counts(portal(client, q="literasi")) == {"practices": 0, "lessons": 0, "partnerships": 0}
    assert not PartnershipIndex.objects.filter(partnership=portal_world.hidden).exists()


def test_unpublishing_a_partnership_hides_it_and_its_knowledge(portal_world, client):
    portal_world.public.visibility = Partnership.Visibility.PRIVATE
    portal_world.public.save()
    assert counts(portal(client)) == {"practices": 0, "lessons": 0, "partnerships": 0}
    assert counts(portal(client, q="pemasaran")) == {
        "practices": 0,
        "lessons": 0,
        "partnerships": 0,
    }


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"sdg": "8"}, 1),
        ({"sdg": "6"}, 0),  # only the private partnership works on SDG 6
        ({"province": "73"}, 1),
        ({"province": "52"}, 0),
        ({"sector": "private"}, 1),
        ({"sector": "donor"}, 0),
        ({"theme": "25010"}, 1),
    ],
)
def test_it_filters_by_sdg_province_sector_and_theme(portal_world, client, params, expected):
    found = counts(portal(client, **params))
    assert found == {"practices": expected, "lessons": expected, "partnerships": expected}


def test_an_unknown_filter_value_is_ignored_not_an_error(portal_world, client):
    body = portal(client, sdg="99", theme="14030")  # 14030 is only the private one's theme
    assert "Kemitraan Rahasia" not in body
    assert counts(portal(client, sdg="99", q="rahasia")) == {
        "practices": 0,
        "lessons": 0,
        "partnerships": 0,
    }  # the search still applies
    assert '<option value="14030"' not in body  # themes of published partnerships only
    assert '<option value="25010"' in body


def test_it_says_so_when_nothing_matches(portal_world, client):
    client.post(reverse("accounts:set_language"), {"language": "en"})
    assert "Nothing published matches this search" in portal(client, q="gunung berapi")


def _add_public(n):
    for i in range(n):
        partnership = make_partnership(
            title=f"Kemitraan pelatihan {i}", visibility=Partnership.Visibility.PUBLIC
        )
        practice(partnership, f"Praktik pelatihan {i}", tags=["UMKM", f"tema {i}"])
        lesson(partnership, f"Pelajaran pelatihan {i}", tags=["UMKM"])


@pytest.mark.parametrize("params", [{}, {"q": "pelatihan", "sdg": "8"}])
@pytest.mark.parametrize("kind", ["practices", "lessons", "partnerships"])
def test_its_query_count_does_not_grow_with_rows(portal_world, client, params, kind):
    _add_public(2)
    portal(client, kind=kind, **params)  # index what is new
    small = count_queries(portal, client, kind=kind, **params)
    _add_public(8)
    portal(client, kind=kind, **params)
    assert count_queries(portal, client, kind=kind, **params) == small
