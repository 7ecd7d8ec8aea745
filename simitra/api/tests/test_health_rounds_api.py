"""Health-check rounds: the coordinator opens, changes and closes them through the page's
services, with the page's refusals; results as the round's page shows them (nothing per
partner in an anonymous round, nothing under the minimum of partners)."""

import pytest

from simitra.health.models import HealthCheckRound, HealthQuestion
from simitra.health.services import close_round, submit_answers

from .conftest import assert_error
from .cycle import add_cycle_records

pytestmark = pytest.mark.django_db
URL = "/api/v1/health-rounds/"


@pytest.fixture
def records(world):
    return add_cycle_records(world)


def _english(client):
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    return client


def _open(client, world, **fields):
    payload = {"partnership": world.partnership.code, "title": "Cek kesehatan 2026", **fields}
    return client.post(URL, payload, format="json")


def _answer(health_round, partner, user, score):
    submit_answers(
        health_round=health_round,
        partner=partner,
        respondent=user,
        answers={q.pk: (score, f"Komentar {score}") for q in health_round.questions.all()},
    )


class TestOpeningAndClosing:
    def test_one_round_at_a_time(self, world, records, api_for):
        client = _english(api_for(world.coordinator))
        body = assert_error(_open(client, world), 409, "review_refused")
        assert body["detail"] == "A round is already open: close it before opening another."
        closed = client.post(f"{URL}{records.health_round.pk}/close/")
        assert closed.status_code == 200, closed.content
        assert closed.json()["is_open"] is False and closed.json()["closed_at"]
        assert closed.json()["completed"] is False  # only partner A answered
        opened = _open(client, world, anonymous=False, due_date="2026-12-31")
        assert opened.status_code == 201, opened.content
        body = opened.json()
        assert body["is_open"] and body["anonymous"] is False and body["partners_answered"] == 0
        assert len(body["questions"]) >= 5 and all(q["built_in"] for q in body["questions"])
        health_round = HealthCheckRound.objects.get(pk=body["id"])
        assert health_round.opened_by == world.coordinator

    def test_a_closed_round_is_not_closed_again(self, world, records, api_for):
        client = _english(api_for(world.coordinator))
        assert client.post(f"{URL}{records.health_round.pk}/close/").status_code == 200
        body = assert_error(client.post(f"{URL}{records.health_round.pk}/close/"), 409)
        assert body["code"] == "review_refused"
        assert body["detail"] == "This round is already closed."

    def test_a_round_that_every_partner_answered_is_completed(self, world, records, api_for):
        _answer(records.health_round, world.partner_b, world.partner_b_user, 3)
        world.partnership.partners.filter(organisation=world.broker).update(status="withdrawn")
        body = api_for(world.coordinator).post(f"{URL}{records.health_round.pk}/close/").json()
        assert body["completed"] is True and body["partners_answered"] == 2

    def test_the_title_is_required_as_on_the_page(self, world, records, api_for):
        close_round(health_round=records.health_round, closed_by=world.coordinator)
        body = assert_error(_open(api_for(world.coordinator), world, title=""), 400, "invalid")
        assert "title" in body["fields"]
        assert HealthCheckRound.objects.count() == 1

    @pytest.mark.parametrize("who", ["partner_user", "observer"])
    def test_only_the_coordinator_opens_and_closes(self, world, records, api_for, who):
        close_round(health_round=records.health_round, closed_by=world.coordinator)
        client = api_for(getattr(world, who))
        assert_error(_open(client, world), 403, "permission_denied")
        assert HealthCheckRound.objects.count() == 1
        other = HealthCheckRound.objects.create(partnership=world.partnership, title="Terbuka")
        assert_error(client.post(f"{URL}{other.pk}/close/"), 403)
        other.refresh_from_db()
        assert other.is_open

    def test_an_outsider_finds_nothing(self, world, records, api_for):
        client = api_for(world.outsider)
        assert client.get(URL).json()["count"] == 0
        body = assert_error(client.post(f"{URL}{records.health_round.pk}/close/"), 404)
        assert world.partnership.code not in str(body)
        assert_error(client.get(f"{URL}{records.health_round.pk}/results/"), 404)
        assert "partnership" in assert_error(_open(client, world), 400)["fields"]
        records.health_round.refresh_from_db()
        assert records.health_round.is_open
        assert_error(api_for(None).get(URL), 401)

    def test_a_published_partnership_keeps_its_rounds_inside(self, world, records, api_for):
        world.partnership.visibility = "public"
        world.partnership.save(update_fields=["visibility"])
        client = api_for(world.outsider)
        assert client.get(URL).json()["count"] == 0
        assert_error(client.get(f"{URL}{records.health_round.pk}/"), 404)


class TestChanging:
    def test_anonymity_is_not_switched_off_once_someone_answered(self, world, records, api_for):
        client = _english(api_for(world.coordinator))
        url = f"{URL}{records.health_round.pk}/"
        body = assert_error(client.patch(url, {"anonymous": False}, format="json"), 409)
        assert body["detail"].startswith("Partners answered this round anonymously")
        records.health_round.refresh_from_db()
        assert records.health_round.anonymous is True
        changed = client.patch(url, {"due_date": "2026-12-15"}, format="json")
        assert changed.status_code == 200 and changed.json()["due_date"] == "2026-12-15"

    def test_own_questions_only_before_anyone_answers(self, world, records, api_for):
        client = _english(api_for(world.coordinator))
        text = {"text": "Rapat koordinasi berjalan tepat waktu."}
        body = assert_error(
            client.post(f"{URL}{records.health_round.pk}/questions/", text, format="json"), 409
        )
        assert body["detail"].startswith("Partners have started answering")
        close_round(health_round=records.health_round, closed_by=world.coordinator)
        fresh = _open(client, world).json()
        added = client.post(f"{URL}{fresh['id']}/questions/", text, format="json")
        assert added.status_code == 201, added.content
        assert added.json()["questions"][-1]["label"] == text["text"]
        assert added.json()["questions"][-1]["built_in"] is False
        again = client.post(f"{URL}{fresh['id']}/questions/", text, format="json")
        assert assert_error(again, 409)["detail"] == "This round already has this question."
        blank = client.post(f"{URL}{fresh['id']}/questions/", {"text": " "}, format="json")
        assert "text" in assert_error(blank, 400)["fields"]
        assert HealthQuestion.objects.filter(round_id=fresh["id"], dimension="").count() == 1
        observer = api_for(world.observer).post(
            f"{URL}{fresh['id']}/questions/", {"text": "Lain"}, format="json"
        )
        assert_error(observer, 403)


class TestResults:
    def test_an_anonymous_round_is_withheld_while_open(self, world, records, api_for):
        body = api_for(world.coordinator).get(f"{URL}{records.health_round.pk}/results/").json()
        assert body["shown"] is False and body["withheld_reason"]
        assert body["questions"] == [] and body["overall_mean"] is None

    def test_an_anonymous_round_under_the_minimum_stays_withheld(self, world, records, api_for):
        _answer(records.health_round, world.partner_b, world.partner_b_user, 2)
        close_round(health_round=records.health_round, closed_by=world.coordinator)
        client = _english(api_for(world.partner_user))
        body = client.get(f"{URL}{records.health_round.pk}/results/").json()
        assert body["shown"] is False and body["partners_answered"] == 2
        assert "fewer than 3 partners answered" in body["withheld_reason"]
        assert body["questions"] == []
        assert body["participation"] is None  # who answered: the coordinator's only
        assert "Catatan A" not in str(body) and world.org_a.name not in str(body)
        coordinator = api_for(world.coordinator).get(f"{URL}{records.health_round.pk}/results/")
        rows = {row["partner"]: row["answered"] for row in coordinator.json()["participation"]}
        assert rows[world.partner_a.pk] and rows[world.partner_b.pk]
        assert not rows[world.partnership.partners.get(organisation=world.broker).pk]

    def test_an_anonymous_round_shows_only_results_over_partners(self, world, records, api_for):
        broker = world.partnership.partners.get(organisation=world.broker)
        _answer(records.health_round, world.partner_b, world.partner_b_user, 2)
        _answer(records.health_round, broker, world.coordinator, 3)
        close_round(health_round=records.health_round, closed_by=world.coordinator)
        for who in ("partner_user", "observer", "coordinator"):
            body = api_for(getattr(world, who)).get(f"{URL}{records.health_round.pk}/results/")
            body = body.json()
            assert body["shown"] is True and body["partners_answered"] == 3
            assert body["overall_mean"] == 3.0  # (4 + 2 + 3) / 3
            for question in body["questions"]:
                assert question["partner_means"] == []
                assert question["lowest"] == 2.0 and question["highest"] == 4.0
                assert all(comment["partner"] == "" for comment in question["comments"])
            if who != "coordinator":  # who answered: the coordinator's, to remind the missing
                assert body["participation"] is None
                assert world.org_a.name not in str(body) and world.org_b.name not in str(body)

    def test_a_named_round_shows_each_partner(self, world, records, api_for):
        close_round(health_round=records.health_round, closed_by=world.coordinator)
        fresh = _open(api_for(world.coordinator), world, anonymous=False).json()
        health_round = HealthCheckRound.objects.get(pk=fresh["id"])
        _answer(health_round, world.partner_a, world.partner_user, 5)
        _answer(health_round, world.partner_b, world.partner_b_user, 2)
        body = api_for(world.observer).get(f"{URL}{health_round.pk}/results/").json()
        assert body["shown"] is True  # named: shown while open too, as on the page
        question = body["questions"][0]
        assert question["partner_means"] == sorted(
            [
                {"partner": world.partner_a.pk, "mean": 5.0},
                {"partner": world.partner_b.pk, "mean": 2.0},
            ],
            key=lambda row: row["partner"],
        )
        assert {c["partner"] for c in question["comments"]} == {world.org_a.name, world.org_b.name}
        assert "divergent" in {flag["kind"] for flag in question["flags"]}
        assert [row["answered"] for row in body["participation"]].count(True) == 2
