"""Numbers the portfolio shows read in the reader's language: `3,0` and `Rp1.000.000` in
Bahasa Indonesia, `3.0` and `Rp1,000,000` in English."""

import pytest
import time_machine
from django.urls import reverse

from simitra.early_warning.alerting import recompute_warnings
from simitra.early_warning.tests.warning_data import NOW, busy_partnership
from simitra.partnerships.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def in_language(client, lang):
    client.post(reverse("accounts:set_language"), {"language": lang})
    return client


@pytest.fixture
def busy(db):
    coordinator = make_user("koordinator-angka")
    return coordinator, busy_partnership(coordinator)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("id", ["rerata 3,0 dari 5", "Rp1.000.000"]),
        ("en", ["mean 3.0 out of 5", "Rp1,000,000"]),
    ],
)
def test_the_portfolio_reads_in_the_language(busy, client_for, lang, expected):
    coordinator, partnership = busy
    recompute_warnings(partnership)
    client = in_language(client_for(coordinator), lang)
    body = client.get(reverse("portfolio:portfolio")).content.decode()
    for text in expected:
        assert text in body, text
