"""Numbers the early warning shows — its values and money, alert e-mails — read in the
reader's language: `Rp500.000` and `2,0` in Bahasa Indonesia, `Rp500,000` and `2.0` in English."""

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from simitra.early_warning import warning
from simitra.early_warning.alerting import notify_alerts, recompute_warnings
from simitra.early_warning.models import Alert
from simitra.partnerships.testing import make_user

from .warning_data import NOW, busy_partnership

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
    ("lang", "money", "values"),
    [
        ("id", "(Rp500.000 belum diserahkan)", "nilai 2,0 · kuning mulai 1,5 · merah mulai 2,5"),
        ("en", "(Rp500,000 outstanding)", "value 2.0 · amber from 1.5 · red from 2.5"),
    ],
)
def test_the_early_warning_panel_reads_in_the_language(busy, client_for, lang, money, values):
    coordinator, partnership = busy
    recompute_warnings(partnership)  # what the task queued by the writes does
    client = in_language(client_for(coordinator), lang)
    response = client.get(reverse("early_warning:warning", args=[partnership.code]))
    body = " ".join(response.content.decode().split())
    assert money in body
    assert values in body
    assert "500000.00" not in body


@pytest.mark.parametrize(("lang", "expected"), [("id", "Rp1.500.000"), ("en", "Rp1,500,000")])
def test_an_alert_email_says_the_money_in_the_coordinators_language(busy, lang, expected):
    coordinator, partnership = busy
    coordinator.language = lang
    coordinator.email = "angka@example.test"
    coordinator.save()
    signal = warning.Signal(
        code=warning.PLEDGES_PAST_DUE,
        state="amber",
        value=1,
        amber=1,
        red=3,
        params={"items": [["PT A: Dana", 9]], "more": 0, "grace": 7, "outstanding": "1500000.00"},
    )
    Alert.objects.create(
        partnership=partnership,
        signal=signal.code,
        severity="amber",
        details=signal.as_dict(),
        raised_at=NOW,
    )
    notify_alerts()
    (email,) = [e for e in mail.outbox if e.to == ["angka@example.test"]]
    assert expected in email.body
    assert "1500000" not in email.body
