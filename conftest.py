"""Shared fixtures: reference data loaded once per test database, and the access cast."""

import pytest
import time_machine
from django.test import Client

from simitra.lib.testing import DEMO_DAYS
from simitra.partnerships.testing import build_world
from simitra.reference.loading import load_all, reference_is_loaded


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_all()


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Uploaded files of every test go to its own temporary folder, never into ./data (two
    test runs can share a checkout, as CI's SQLite and PostgreSQL runs do)."""
    settings.SIMITRA_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(params=DEMO_DAYS, ids=lambda moment: moment.date().isoformat())
def demo_day(request):
    """The clock stands on each of the demo's test days, for the load and the assertions."""
    with time_machine.travel(request.param, tick=False):
        yield request.param


@pytest.fixture
def reference(db):
    """Reference data, reloaded if a transactional test flushed it."""
    if not reference_is_loaded():
        load_all()


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def client_for():
    """`client_for(user)` → a test client logged in as that user (None → anonymous)."""

    def make(user=None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make
