import pytest

from simitra.planning.testing import make_ready_plan


@pytest.fixture
def ready(world):
    """The test world with a ready action plan and a contribution from every partner."""
    world.pledges = make_ready_plan(world)
    return world


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.SIMITRA_PRIVATE_ROOT = tmp_path / "private"
