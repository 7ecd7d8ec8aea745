"""Health-check pages run the same number of queries whatever the number of rounds, partners
and answers; `latest_results` reads many partnerships in a fixed number of queries."""

import pytest
from django.urls import reverse

from simitra.health import selectors as results
from simitra.health import services
from simitra.lib.testing import count_queries
from simitra.organisations.models import Sector
from simitra.partnerships.testing import (
    make_member,
    make_organisation,
    make_partner,
    make_partnership,
    make_user,
)

from .conftest import answer, answer_all, open_round

pytestmark = pytest.mark.django_db


def _get(client, url, **headers):
    assert client.get(url, **headers).status_code == 200


def _add_partners(world, health_round, n):
    for _ in range(n):
        organisation = make_organisation(sector=Sector.DONOR)
        partner = make_partner(world.partnership, organisation)
        person = make_user()
        make_member(person, organisation)
        answer(health_round, person, partner, 3, "catatan")


def _add_closed_rounds(world, n):
    for i in range(n):
        health_round = open_round(world, title=f"Putaran {i}")
        answer_all(world, health_round)
        services.close_round(health_round=health_round, closed_by=world.coordinator)


@pytest.mark.parametrize("anonymous", [False, True])
def test_the_round_page_does_not_grow_with_partners(reviewing, client_for, anonymous):
    _add_closed_rounds(reviewing, 1)
    health_round = open_round(reviewing, anonymous=anonymous)
    answer_all(reviewing, health_round)
    client = client_for(reviewing.coordinator)
    url = reverse("health:round", args=[reviewing.partnership.code, health_round.pk])
    small = count_queries(_get, client, url)
    _add_partners(reviewing, health_round, 6)
    assert count_queries(_get, client, url) == small
    export = reverse("health:export", args=[reviewing.partnership.code, health_round.pk])
    assert count_queries(_get, client, export) == count_queries(_get, client, export)


def test_the_panel_does_not_grow_with_rounds(reviewing, client_for):
    client = client_for(reviewing.partner_user)
    url = reverse("health:panel", args=[reviewing.partnership.code])
    _add_closed_rounds(reviewing, 2)
    small = count_queries(_get, client, url, HTTP_HX_REQUEST="true")
    _add_closed_rounds(reviewing, 6)
    assert count_queries(_get, client, url, HTTP_HX_REQUEST="true") == small


def test_latest_results_reads_many_partnerships_in_three_queries(reviewing):
    _add_closed_rounds(reviewing, 2)
    others = []
    for _ in range(5):
        partnership = make_partnership(coordinators=[reviewing.coordinator])
        partner = make_partner(partnership, reviewing.org_a)
        health_round = services.open_round(
            partnership=partnership, opened_by=reviewing.coordinator, title="R"
        )
        answer(health_round, reviewing.partner_user, partner, 2)
        services.close_round(health_round=health_round, closed_by=reviewing.coordinator)
        others.append(partnership.pk)
    ids = [reviewing.partnership.pk, *others]
    assert count_queries(results.latest_results, ids) == 3
    latest = results.latest_results(ids)
    assert set(latest) == set(ids)
    assert latest[others[0]].results.overall_mean == 2.0
    mine = latest[reviewing.partnership.pk]
    assert mine.title == "Putaran 1"
    assert mine.results.questions[0].previous_mean == 4.0  # against "Putaran 0"
    assert results.latest_results([]) == {}
