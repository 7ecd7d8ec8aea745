"""An anonymous round: no partner and no observer ever learns who answered what — not from the
page, the panel, the CSV or counts small enough to tell. The coordinator sees who has answered
(to remind the others), never what they answered."""

import csv
import io

import pytest
from django.urls import reverse

from simitra.health import services
from simitra.health.models import HealthResponse
from simitra.partnerships.testing import make_organisation, make_partner

from .conftest import answer, open_round

pytestmark = pytest.mark.django_db

NAMES = ["Sekretariat Kemitraan", "PT Mitra Usaha", "Dinas Kesehatan"]


def url(name, health_round):
    return reverse(f"health:{name}", args=[health_round.partnership.code, health_round.pk])


def english(client):
    client.post(reverse("accounts:set_language"), {"language": "en"})
    return client


def answer_anonymously(world, health_round):
    answer(health_round, world.coordinator, world.partner_broker, 4, "Sekretariat sibuk", trust=5)
    answer(health_round, world.partner_user, world.partner_a, 4, "Kami puas", trust=4)
    answer(health_round, world.partner_b_user, world.partner_b, 4, "Dana belum cair", trust=1)


@pytest.fixture
def anonymous_round(reviewing):
    health_round = open_round(reviewing, anonymous=True)
    answer_anonymously(reviewing, health_round)
    return services.close_round(health_round=health_round, closed_by=reviewing.coordinator)


def pages(world, health_round, who):
    client = english(world_client(world, who))
    return {
        "round": client.get(url("round", health_round)).content.decode(),
        "panel": client.get(
            reverse("health:panel", args=[world.partnership.code]), HTTP_HX_REQUEST="true"
        ).content.decode(),
        "csv": client.get(url("export", health_round)).content.decode(),
    }


def world_client(world, who):
    from django.test import Client

    client = Client()
    client.force_login(getattr(world, who))
    return client


@pytest.mark.parametrize("who", ["partner_b_user", "partner_user", "observer"])
def test_partners_and_observers_see_no_partner_names_anywhere(reviewing, anonymous_round, who):
    for name, body in pages(reviewing, anonymous_round, who).items():
        for organisation in NAMES:
            assert organisation not in body, f"{organisation} shown in the {name}"
    round_page = pages(reviewing, anonymous_round, who)["round"]
    assert "Partners disagree on Trust: their means range from 1.0 to 5.0." in round_page
    assert "3 of 3 confirmed partners answered" in round_page
    assert "Mean per partner" not in round_page


def test_comments_come_without_names_in_alphabetical_order(reviewing, anonymous_round):
    body = pages(reviewing, anonymous_round, "observer")["round"]
    assert body.index("Dana belum cair") < body.index("Kami puas") < body.index("Sekretariat sibuk")


def test_the_coordinator_sees_who_answered_but_never_what(reviewing, anonymous_round):
    body = pages(reviewing, anonymous_round, "coordinator")["round"]
    assert all(name in body for name in NAMES)  # the participation list
    assert "Mean per partner" not in body
    assert "Dana belum cair —" not in body
    csv_text = pages(reviewing, anonymous_round, "coordinator")["csv"]
    assert not any(name in csv_text for name in NAMES)
    header = next(csv.reader(io.StringIO(csv_text)))
    assert header[-1] == "Called out"  # no column per partner


def test_results_are_withheld_while_the_round_is_open(reviewing):
    health_round = open_round(reviewing, anonymous=True)
    answer_anonymously(reviewing, health_round)
    for who in ("partner_user", "coordinator"):
        body = pages(reviewing, health_round, who)
        assert "Dana belum cair" not in body["round"]
        assert "shown once the round is closed" in body["round"]
        assert "Partners disagree" not in body["round"]
        assert "Trust" not in body["csv"]


def test_results_are_withheld_when_too_few_partners_answered(reviewing):
    health_round = open_round(reviewing, anonymous=True)
    answer(health_round, reviewing.partner_user, reviewing.partner_a, 5)
    answer(health_round, reviewing.partner_b_user, reviewing.partner_b, 1)
    services.close_round(health_round=health_round, closed_by=reviewing.coordinator)
    body = pages(reviewing, health_round, "partner_user")
    assert "fewer than 3 partners answered" in body["round"]
    assert "2 of 3 confirmed partners answered" in body["round"]
    assert "Trust" not in body["round"].split("Questions")[0]
    assert "Trust" not in body["csv"]


def test_the_minimum_of_partners_comes_from_settings(reviewing, anonymous_round, settings):
    settings.SIMITRA_HEALTH_MIN_ANONYMOUS_PARTNERS = 4
    assert (
        "fewer than 4 partners answered" in pages(reviewing, anonymous_round, "observer")["round"]
    )


def test_a_later_round_shows_no_trend_from_a_withheld_one(reviewing):
    first = open_round(reviewing, anonymous=True)
    answer(first, reviewing.partner_user, reviewing.partner_a, 5)
    services.close_round(health_round=first, closed_by=reviewing.coordinator)
    second = open_round(reviewing, title="Kedua")
    answer(second, reviewing.partner_user, reviewing.partner_a, 1)
    services.close_round(health_round=second, closed_by=reviewing.coordinator)
    rows = list(csv.reader(io.StringIO(pages(reviewing, second, "coordinator")["csv"])))
    trust = next(row for row in rows if row[0] == "Trust")
    assert trust[6:8] == ["", ""]  # no previous mean, no trend: it would reveal partner A's 5


def test_anonymity_cannot_be_switched_off_once_someone_answered(reviewing, client_for):
    health_round = open_round(reviewing, anonymous=True)
    answer(health_round, reviewing.partner_user, reviewing.partner_a)
    client = english(client_for(reviewing.coordinator))
    response = client.post(url("round_edit", health_round), {"title": "Terbuka saja"})
    assert response.status_code == 200
    assert "cannot be made non-anonymous" in response.content.decode()
    health_round.refresh_from_db()
    assert health_round.anonymous and health_round.title != "Terbuka saja"


def test_anonymity_can_be_switched_on_later(reviewing):
    health_round = open_round(reviewing)
    answer(health_round, reviewing.partner_user, reviewing.partner_a)
    services.update_round(
        health_round=health_round, title="x", anonymous=True, due_date=None, introduction=""
    )
    health_round.refresh_from_db()
    assert health_round.anonymous


def test_each_person_sees_only_their_own_answers(reviewing, client_for):
    health_round = open_round(reviewing, anonymous=True)
    colleague = make_organisation("Koperasi Mitra")
    make_partner(reviewing.partnership, colleague)
    answer(health_round, reviewing.partner_b_user, reviewing.partner_b, 1, "Rahasia B")
    page = client_for(reviewing.partner_user).get(url("answer", health_round)).content.decode()
    assert "Rahasia B" not in page and "checked" not in page
    assert HealthResponse.objects.count() == 1
