"""The reminder ladder: each step once per thing owed, to the right people, and nothing once
the thing is done."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from simitra.governance.models import Decision
from simitra.notifications.conf import reminder_steps
from simitra.notifications.ladder import run_ladder
from simitra.notifications.models import Kind, Notification, Reminder
from simitra.partnerships.models import Partnership
from simitra.partnerships.testing import build_world
from simitra.resources.models import Pledge
from simitra.resources.testing import make_delivery, make_pledge

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 12, 10)
JAKARTA = ZoneInfo("Asia/Jakarta")


def night(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 2, 0, tzinfo=JAKARTA)


def on(offset: int):
    return time_machine.travel(night(DUE + dt.timedelta(days=offset)), tick=False)


@pytest.fixture
def world(db):
    world = build_world()
    world.pledge = make_pledge(world.partner_a, value=1_000_000, due_date=DUE)
    Notification.objects.all().delete()  # the pledge's own announcement
    return world


def told(kind=Kind.PLEDGE_DUE):
    return [
        (n.recipient.username, n.params["step"])
        for n in Notification.objects.filter(kind=kind).select_related("recipient").order_by("pk")
    ]


def test_each_step_is_sent_once_to_the_right_people(world):
    sent_on = {}
    for offset in range(-10, 40):
        before = len(told())
        with on(offset):
            run_ladder()
            run_ladder()  # twice the same night: nothing more
        if new := told()[before:]:
            sent_on[offset] = new
    assert sent_on == {
        -7: [("rep_a", "before")],
        0: [("rep_a", "due")],
        7: [("rep_a", "overdue")],
        14: [("coord", "escalated")],
    }
    assert Reminder.objects.count() == 4


def test_the_ladder_stops_when_the_contribution_is_delivered(world):
    with on(-7):
        run_ladder()
    assert told() == [("rep_a", "before")]
    with on(-2):
        make_delivery(world.pledge, amount=1_000_000, day=DUE - dt.timedelta(days=2))
    world.pledge.refresh_from_db()
    assert world.pledge.status == "delivered"
    for offset in (0, 7, 14, 30):
        with on(offset):
            run_ladder()
    assert told() == [("rep_a", "before")]


def test_a_cancelled_contribution_or_an_ended_partnership_gets_nothing(world):
    Pledge.objects.filter(pk=world.pledge.pk).update(status="cancelled", cancel_reason="Batal")
    with on(0):
        run_ladder()
    assert told() == []
    Pledge.objects.filter(pk=world.pledge.pk).update(status="pledged")
    Partnership.objects.filter(pk=world.partnership.pk).update(status="completed")
    with on(0):
        run_ladder()
    assert told() == []


def test_a_new_due_date_starts_the_ladder_again(world):
    with on(0):
        run_ladder()
    Pledge.objects.filter(pk=world.pledge.pk).update(due_date=DUE + dt.timedelta(days=10))
    with on(3):
        run_ladder()
    assert told() == [("rep_a", "due"), ("rep_a", "before")]


def test_decisions_are_chased_until_done(world):
    decision = Decision.objects.create(
        partnership=world.partnership,
        text="Kirim data posyandu",
        owner=world.partner_b,
        due_date=DUE,
    )
    with on(0):
        run_ladder()
    assert told(Kind.DECISION_DUE) == [("rep_b", "due")]
    decision.status = Decision.Status.DONE
    decision.save()
    for offset in (7, 14):
        with on(offset):
            run_ladder()
    assert told(Kind.DECISION_DUE) == [("rep_b", "due")]


def test_the_steps_are_set_per_deployment(world, settings):
    settings.SIMITRA_REMINDER_STEPS = "before=-3,escalated=5"
    assert [(s.key, s.offset) for s in reminder_steps()] == [("before", -3), ("escalated", 5)]
    with on(-7):
        run_ladder()
    assert told() == []
    with on(-3):
        run_ladder()
    with on(5):
        run_ladder()
    assert told() == [("rep_a", "before"), ("coord", "escalated")]
    settings.SIMITRA_REMINDER_STEPS = "soon=-1"
    with pytest.raises(ImproperlyConfigured):
        reminder_steps()
    settings.SIMITRA_REMINDER_STEPS = {"due": "today"}
    with pytest.raises(ImproperlyConfigured):
        reminder_steps()


def test_the_nightly_command_sends_the_reminders_in_the_digest(world):
    world.partner_user.language = "en"
    world.partner_user.save(update_fields=["language"])
    with on(-7):
        call_command("send_notifications", stdout=io.StringIO())
        call_command("send_notifications", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.partner_user.email]
    assert "is due on 10 Dec 2026, in 7 days" in message.body


def test_the_enqueue_option_queues_the_task(world, settings):
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    backend.clear()
    call_command("send_notifications", "--enqueue", stdout=io.StringIO())
    assert [result.task.name for result in backend.results] == ["nightly"]
    backend.clear()


def test_a_first_run_long_after_the_due_date_sends_the_latest_step_of_each_audience(world):
    with on(60):
        run_ladder()
        run_ladder()
    assert told() == [("rep_a", "overdue"), ("coord", "escalated")]
    with on(61):
        run_ladder()
    assert len(told()) == 2
