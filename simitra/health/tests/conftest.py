import pytest

from simitra.health import services
from simitra.partnerships.models import Phase
from simitra.partnerships.testing import build_world


@pytest.fixture
def reviewing(db):
    """The access cast, with the partnership in Reviewing. Confirmed partners: the broker
    (the coordinator works there), org_a (partner_user) and org_b (partner_b_user)."""
    world = build_world(phase=Phase.REVIEWING)
    world.partner_broker = world.partnership.partners.get(organisation=world.broker)
    return world


def open_round(world, **fields):
    fields.setdefault("title", "Cek kesehatan 2025")
    return services.open_round(partnership=world.partnership, opened_by=world.coordinator, **fields)


def answer(health_round, user, partner, score=4, comment="", **by_dimension):
    """Answer every question of the round with `score` (or by_dimension[dimension])."""
    answers = {
        q.pk: (by_dimension.get(q.dimension, score), comment) for q in health_round.questions.all()
    }
    return services.submit_answers(
        health_round=health_round, partner=partner, respondent=user, answers=answers
    )


def answer_all(world, health_round, **scores):
    """Every confirmed partner answers: broker via the coordinator, A and B via their people."""
    answer(health_round, world.coordinator, world.partner_broker, scores.get("broker", 4))
    answer(health_round, world.partner_user, world.partner_a, scores.get("a", 4))
    answer(health_round, world.partner_b_user, world.partner_b, scores.get("b", 4))
