"""Crossing a threshold raises an alert, e-mailed to the coordinators: once per crossing,
again only after the signal has recovered."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import translation

from simitra.early_warning import warning
from simitra.early_warning.alerting import notify_alerts, recompute_all_warnings, recompute_warnings
from simitra.early_warning.models import Alert
from simitra.governance.models import Decision
from simitra.partnerships.models import Partnership, Phase
from simitra.partnerships.testing import build_world, make_user

from .warning_data import NOW, ago

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def managing(db):
    world = build_world(phase=Phase.MANAGING)
    world.coordinator.language = "en"
    world.coordinator.save()
    return world


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Recompute as a request would: the e-mails go once the transaction has committed."""

    def recompute(partnership):
        with django_capture_on_commit_callbacks(execute=True):
            return recompute_warnings(partnership)

    return recompute


def overdue(world, n=1, days=10):
    return [
        Decision.objects.create(
            partnership=world.partnership,
            text=f"Keputusan {i}",
            owner=world.partner_a,
            due_date=ago(days),
        )
        for i in range(n)
    ]


def decision_alerts(world):
    return Alert.objects.filter(partnership=world.partnership, signal=warning.DECISIONS_OVERDUE)


def test_crossing_raises_one_alert_and_one_email_to_the_coordinators(managing, run):
    overdue(managing)
    summary = run(managing.partnership)
    assert summary.raised == 1
    alert = decision_alerts(managing).get()
    assert (alert.severity, alert.is_open, alert.notified_severity) == ("amber", True, "amber")
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["coord@example.test"]
    assert email.subject == f"[Simitra] {managing.partnership.code}: Decisions overdue — amber"
    assert "1 decision is overdue: Keputusan 0 (10 days late)." in email.body
    assert f"/kemitraan/{managing.partnership.code}/peringatan/" in email.body


def test_it_is_not_raised_nor_sent_again_while_the_signal_stays_crossed(managing, run):
    overdue(managing)
    run(managing.partnership)
    second = run(managing.partnership)
    third = run(managing.partnership)
    assert second.raised == third.raised == 0
    assert decision_alerts(managing).count() == 1
    assert len(mail.outbox) == 1


def test_reaching_red_escalates_the_alert_and_sends_once_more(managing, run):
    overdue(managing)
    run(managing.partnership)
    overdue(managing, n=2)  # three overdue now: red
    summary = run(managing.partnership)
    assert (summary.raised, summary.escalated) == (0, 1)
    alert = decision_alerts(managing).get()
    assert (alert.severity, alert.notified_severity) == ("red", "red")
    assert alert.escalated_at is not None
    assert len(mail.outbox) == 2
    assert "has turned red" in mail.outbox[1].body
    assert mail.outbox[1].subject.endswith("— red")
    run(managing.partnership)
    assert len(mail.outbox) == 2


def test_back_to_amber_and_red_again_within_one_crossing_sends_nothing_more(managing, run):
    decisions = overdue(managing, n=3)
    run(managing.partnership)
    Decision.objects.filter(pk=decisions[0].pk).update(status=Decision.Status.DONE)
    run(managing.partnership)  # amber: the red alert stays open, its peak kept
    Decision.objects.filter(pk=decisions[0].pk).update(status=Decision.Status.OPEN)
    run(managing.partnership)  # red again
    assert decision_alerts(managing).get().severity == "red"
    assert len(mail.outbox) == 1


def test_recovery_resolves_the_alert_and_a_new_crossing_raises_a_new_one(managing, run):
    decisions = overdue(managing)
    run(managing.partnership)
    Decision.objects.filter(pk=decisions[0].pk).update(status=Decision.Status.DONE)
    summary = run(managing.partnership)
    assert summary.resolved == 1
    first = decision_alerts(managing).get()
    assert first.resolved_at is not None and not first.is_open
    assert len(mail.outbox) == 1  # recovery is not e-mailed

    overdue(managing)
    assert run(managing.partnership).raised == 1
    assert decision_alerts(managing).count() == 2
    assert decision_alerts(managing).open().get().pk != first.pk
    assert len(mail.outbox) == 2


def test_a_signal_whose_data_is_gone_keeps_its_alert_open(managing, run):
    decisions = overdue(managing)
    run(managing.partnership)
    Decision.objects.filter(pk=decisions[0].pk).delete()  # no decisions at all: absent
    assert run(managing.partnership).resolved == 0
    assert decision_alerts(managing).get().is_open


def test_a_signal_no_longer_watched_in_the_phase_resolves_its_alert(managing, run):
    Partnership.objects.filter(pk=managing.partnership.pk).update(phase=Phase.REVIEWING)
    overdue(managing)
    run(managing.partnership)
    silent = Alert.objects.filter(signal=warning.PARTNERS_SILENT)
    # build_world's partners have no joining date and the partnership no start: not silent.
    assert not silent.exists()
    managing.partnership.refresh_from_db()
    managing.partnership.phase = Phase.SUSTAINING
    managing.partnership.save()
    alert = decision_alerts(managing).get()
    assert alert.is_open  # decisions are still watched in Sustaining
    Alert.objects.create(
        partnership=managing.partnership,
        signal=warning.GOVERNANCE_QUIET,
        severity="amber",
        raised_at=NOW,
    )
    run(managing.partnership)
    assert not Alert.objects.get(signal=warning.GOVERNANCE_QUIET).is_open


def test_every_coordinator_gets_it_in_their_own_language(managing, run):
    other = make_user("coord2", language="id")
    managing.partnership.coordinators.add(other)
    managing.partnership.coordinators.add(make_user("no-mail", email=""))
    overdue(managing)
    run(managing.partnership)
    by_address = {email.to[0]: email for email in mail.outbox}
    assert set(by_address) == {"coord@example.test", "coord2@example.test"}
    assert "Decisions overdue" in by_address["coord@example.test"].subject
    assert "Decisions overdue" not in by_address["coord2@example.test"].subject


def test_an_email_that_fails_is_sent_later_and_only_once(managing, run, monkeypatch):
    class Broken:
        def send_messages(self, messages):
            raise OSError("mail server down")

    monkeypatch.setattr("simitra.early_warning.alerting.get_connection", lambda: Broken())
    overdue(managing)
    run(managing.partnership)
    alert = decision_alerts(managing).get()
    assert alert.notified_severity == ""  # not marked as sent
    monkeypatch.undo()
    assert notify_alerts() == 1
    assert notify_alerts() == 0
    assert len(mail.outbox) == 1


def test_closed_partnerships_are_skipped_and_their_alerts_resolved(managing, run):
    overdue(managing)
    run(managing.partnership)
    Partnership.objects.filter(pk=managing.partnership.pk).update(
        status=Partnership.Status.TERMINATED, closing_reason="Dana habis"
    )
    summary = recompute_warnings(managing.partnership)
    assert (summary.partnerships, summary.resolved) == (0, 1)
    assert not decision_alerts(managing).get().is_open
    assert recompute_all_warnings()["resolved"] == 0


def test_the_alert_keeps_the_sentence_of_when_it_was_raised(managing, run):
    overdue(managing, days=9)
    run(managing.partnership)
    later = NOW + dt.timedelta(days=5)
    with time_machine.travel(later, tick=False):
        run(managing.partnership)
    alert = decision_alerts(managing).get()
    with translation.override("en"):
        assert "(9 days late)" in alert.message
    assert "(terlambat 9 hari)" in alert.message
