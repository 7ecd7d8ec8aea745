"""Opening, editing, questions and closing of health-check rounds (coordinator actions)."""

import pytest
from django.urls import reverse

from simitra.health import services
from simitra.health.models import HealthCheckRound, HealthQuestion
from simitra.partnerships.models import Partnership

from .conftest import answer, answer_all, open_round

pytestmark = pytest.mark.django_db


def open_url(world):
    return reverse("health:round_open", args=[world.partnership.code])


def round_url(name, health_round, *extra):
    return reverse(f"health:{name}", args=[health_round.partnership.code, health_round.pk, *extra])


def test_the_coordinator_opens_a_round_with_the_built_in_questionnaire(reviewing, client_for):
    response = client_for(reviewing.coordinator).post(
        open_url(reviewing), {"title": "Cek kesehatan 2025", "anonymous": "on"}
    )
    health_round = HealthCheckRound.objects.get()
    assert response.status_code == 302 and response["Location"] == health_round.get_absolute_url()
    assert health_round.anonymous and health_round.is_open
    assert health_round.opened_by == reviewing.coordinator
    assert list(health_round.questions.values_list("dimension", flat=True)) == [
        "equity",
        "transparency",
        "mutual_benefit",
        "co_created",
        "balanced_contribution",
        "shared_risk",
        "communication",
        "trust",
        "governance",
        "value",
    ]


def test_a_round_without_a_title_is_refused_and_nothing_is_saved(reviewing, client_for):
    response = client_for(reviewing.coordinator).post(
        open_url(reviewing), {"title": "", "introduction": "Mohon diisi"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bidang ini harus diisi" in body
    assert "Mohon diisi" in body  # what was typed is kept
    assert not HealthCheckRound.objects.exists()


def test_only_one_round_is_open_at_a_time(reviewing, client_for):
    open_round(reviewing)
    client = client_for(reviewing.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = client.post(open_url(reviewing), {"title": "Kedua"})
    assert response.status_code == 200
    assert "A round is already open" in response.content.decode()
    assert HealthCheckRound.objects.count() == 1


def test_a_closed_partnership_opens_no_round(reviewing):
    reviewing.partnership.status = Partnership.Status.TERMINATED
    reviewing.partnership.save()
    with pytest.raises(services.ReviewError):
        open_round(reviewing)


@pytest.mark.parametrize(
    "who, status", [("partner_user", 403), ("observer", 403), ("outsider", 404)]
)
def test_only_the_coordinator_opens_a_round(reviewing, client_for, who, status):
    client = client_for(getattr(reviewing, who))
    assert client.get(open_url(reviewing)).status_code == status
    assert client.post(open_url(reviewing), {"title": "Diam-diam"}).status_code == status
    assert not HealthCheckRound.objects.exists()


def test_the_coordinator_adds_and_removes_own_questions_before_anyone_answers(
    reviewing, client_for
):
    health_round = open_round(reviewing)
    client = client_for(reviewing.coordinator)
    response = client.post(
        round_url("question_add", health_round), {"text": "Rapat  kita cukup sering?"}
    )
    assert response.status_code == 302
    own = HealthQuestion.objects.get(round=health_round, dimension="")
    assert own.text == "Rapat kita cukup sering?" and own.order > 100
    client.post(round_url("question_remove", health_round, own.pk))
    assert not HealthQuestion.objects.filter(pk=own.pk).exists()


def test_a_duplicate_or_empty_question_is_refused(reviewing, client_for):
    health_round = open_round(reviewing)
    services.add_question(health_round=health_round, text="Rapat cukup sering?")
    client = client_for(reviewing.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = client.post(
        round_url("question_add", health_round), {"text": "rapat cukup  SERING?"}
    )
    assert response.status_code == 200
    assert "already has this question" in response.content.decode()
    response = client.post(round_url("question_add", health_round), {"text": "   "})
    assert "This field is required" in response.content.decode()
    assert health_round.questions.filter(dimension="").count() == 1


def test_questions_are_fixed_once_a_partner_answers(reviewing, client_for):
    health_round = open_round(reviewing)
    own = services.add_question(health_round=health_round, text="Rapat cukup sering?")
    answer(health_round, reviewing.partner_user, reviewing.partner_a)
    client = client_for(reviewing.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = client.post(round_url("question_add", health_round), {"text": "Baru?"})
    assert "can no longer change" in response.content.decode()
    client.post(round_url("question_remove", health_round, own.pk))
    assert health_round.questions.count() == 11


def test_built_in_questions_cannot_be_removed(reviewing):
    health_round = open_round(reviewing)
    with pytest.raises(services.ReviewError):
        services.remove_question(question=health_round.questions.get(dimension="trust"))


def test_a_partner_may_not_add_questions(reviewing, client_for):
    health_round = open_round(reviewing)
    response = client_for(reviewing.partner_user).post(
        round_url("question_add", health_round), {"text": "Boleh?"}
    )
    assert response.status_code == 403
    assert health_round.questions.count() == 10


def test_closing_after_every_partner_answered_completes_the_round(reviewing, client_for):
    health_round = open_round(reviewing)
    answer_all(reviewing, health_round)
    response = client_for(reviewing.coordinator).post(round_url("round_close", health_round))
    assert response.status_code == 302
    health_round.refresh_from_db()
    assert not health_round.is_open and health_round.completed
    assert health_round.closed_by == reviewing.coordinator
    assert set(health_round.expected_partners.all()) == {
        reviewing.partner_broker,
        reviewing.partner_a,
        reviewing.partner_b,
    }


def test_closing_before_every_partner_answered_leaves_it_incomplete(reviewing, client_for):
    health_round = open_round(reviewing)
    answer(health_round, reviewing.partner_user, reviewing.partner_a)
    client_for(reviewing.coordinator).post(round_url("round_close", health_round))
    health_round.refresh_from_db()
    assert health_round.closed_at and not health_round.completed


def test_a_partner_confirmed_later_does_not_undo_completion(reviewing):
    health_round = open_round(reviewing)
    answer_all(reviewing, health_round)
    services.close_round(health_round=health_round, closed_by=reviewing.coordinator)
    reviewing.partnership.partners.create(organisation=reviewing.outside_org, status="confirmed")
    health_round.refresh_from_db()
    assert health_round.completed and health_round.expected_partners.count() == 3


def test_a_round_is_closed_once(reviewing):
    health_round = open_round(reviewing)
    services.close_round(health_round=health_round, closed_by=reviewing.coordinator)
    with pytest.raises(services.ReviewError):
        services.close_round(health_round=health_round, closed_by=reviewing.coordinator)


@pytest.mark.parametrize(
    "who, status", [("partner_user", 403), ("observer", 403), ("outsider", 404)]
)
def test_only_the_coordinator_closes_or_edits_a_round(reviewing, client_for, who, status):
    health_round = open_round(reviewing)
    client = client_for(getattr(reviewing, who))
    assert client.post(round_url("round_close", health_round)).status_code == status
    assert client.get(round_url("round_edit", health_round)).status_code == status
    health_round.refresh_from_db()
    assert health_round.is_open


def test_the_coordinator_edits_a_round(reviewing, client_for):
    health_round = open_round(reviewing)
    response = client_for(reviewing.coordinator).post(
        round_url("round_edit", health_round),
        {"title": "Cek kesehatan akhir 2025", "due_date": "2025-12-15", "anonymous": "on"},
    )
    assert response.status_code == 302
    health_round.refresh_from_db()
    assert health_round.title == "Cek kesehatan akhir 2025" and health_round.anonymous
    assert str(health_round.due_date) == "2025-12-15"
