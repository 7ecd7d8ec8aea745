import pytest

from simitra.agreements.testing import signed_mou
from simitra.planning.testing import make_ready_plan


@pytest.fixture
def ready(world):
    """The test world with a ready action plan and a contribution from every partner."""
    world.pledges = make_ready_plan(world)
    return world


@pytest.fixture
def signed(ready):
    names = {"broker": "Dewi Lestari", "a": "Budi Santoso", "b": "Sri Wahyuni"}
    by_partner = {pledge.partner_id: names[key] for key, pledge in ready.pledges.items()}
    return signed_mou(ready, names=by_partner, number="01/NK/UJI/2025", place="Kupang")
