"""Each action of the event list announces its event once it has committed, naming the record
as the API knows it."""

import datetime as dt

import pytest
import time_machine

from simitra.agreements.testing import signed_mou
from simitra.early_warning.alerting import recompute_warnings
from simitra.governance.models import Decision
from simitra.partnerships import services as partnership_services
from simitra.partnerships.events import Event, EventType, partnership_event
from simitra.partnerships.models import Phase
from simitra.partnerships.testing import build_world, make_organisation
from simitra.planning.testing import make_ready_plan
from simitra.resources.testing import make_delivery, make_pledge
from simitra.results import services as results_services
from simitra.results.testing import make_indicator, make_value

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    events: list[Event] = []

    def listener(sender, event, **kwargs):
        events.append(event)

    partnership_event.connect(listener, sender=Event)
    yield events
    partnership_event.disconnect(listener, sender=Event)


def kinds(events):
    return [(e.type, e.record_kind) for e in events]


def test_nothing_is_heard_before_the_commit(world, django_capture_on_commit_callbacks):
    events = []
    partnership_event.connect(
        lambda sender, event, **kw: events.append(event),
        sender=Event,
        weak=False,
        dispatch_uid="before-commit",
    )
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            make_pledge(world.partner_a)
        assert events == []
        for callback in callbacks:
            callback()
        assert kinds(events) == [("contribution.pledged", "contribution")]
    finally:
        partnership_event.disconnect(sender=Event, dispatch_uid="before-commit")


def test_phase_moves_are_heard(world, django_capture_on_commit_callbacks):
    events = []
    partnership_event.connect(
        lambda sender, event, **kw: events.append(event),
        sender=Event,
        weak=False,
        dispatch_uid="phases",
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            partnership_services.advance_phase(
                partnership=world.partnership, moved_by=world.coordinator, override_reason="uji"
            )
            partnership_services.revert_phase(
                partnership=world.partnership, moved_by=world.coordinator, to_phase=1
            )
    finally:
        partnership_event.disconnect(sender=Event, dispatch_uid="phases")
    assert [(e.type, e.data) for e in events] == [
        (EventType.PHASE_CHANGED, {"from_phase": 1, "to_phase": 2}),
        (EventType.PHASE_CHANGED, {"from_phase": 2, "to_phase": 1}),
    ]
    assert events[0].record_kind == "partnership"


def test_the_cycle_actions_are_heard(world, heard, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invited = world.partnership.partners.create(
            organisation=make_organisation("Yayasan Baru"), status="invited"
        )
        partnership_services.answer_invitation(
            partner=invited, accept=True, reason="", answered_by=world.partner_user
        )
        pledge = make_pledge(world.partner_a)
        make_delivery(pledge, amount=1_000_000, user=world.partner_user)
        indicator = make_indicator(world.partnership, world.partner_a)
        value = make_value(indicator.periods.first())
        results_services.submit_value(value=value, submitted_by=world.partner_user)
        results_services.approve_value(value=value, reviewed_by=world.coordinator)
        other = make_value(indicator.periods.last())
        results_services.submit_value(value=other, submitted_by=world.partner_user)
        results_services.return_value(value=other, reviewed_by=world.coordinator, reason="Cek lagi")
    assert kinds(heard) == [
        ("partner.confirmed", "partner"),
        ("contribution.pledged", "contribution"),
        ("contribution.delivered", "delivery"),
        ("indicator_value.submitted", "indicator-value"),
        ("indicator_value.approved", "indicator-value"),
        ("indicator_value.submitted", "indicator-value"),
        ("indicator_value.returned", "indicator-value"),
    ]
    assert {e.partnership_id for e in heard} == {world.partnership.pk}
    assert heard[0].record_pk == invited.pk
    assert len({e.id for e in heard}) == len(heard)


def test_an_mou_signed_by_every_party_is_heard_once(db, django_capture_on_commit_callbacks):
    world = build_world(phase=Phase.AGREEING)
    make_ready_plan(world)
    events = []
    partnership_event.connect(
        lambda sender, event, **kw: events.append(event),
        sender=Event,
        weak=False,
        dispatch_uid="mou",
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            mou = signed_mou(world)
    finally:
        partnership_event.disconnect(sender=Event, dispatch_uid="mou")
    signed = [e for e in events if e.type == EventType.AGREEMENT_SIGNED]
    assert [(e.record_kind, e.record_pk) for e in signed] == [("agreement", mou.pk)]


def test_a_changed_warning_level_is_heard(db, django_capture_on_commit_callbacks):
    world = build_world(phase=Phase.MANAGING)
    now = dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC)
    events = []
    partnership_event.connect(
        lambda sender, event, **kw: events.append(event),
        sender=Event,
        weak=False,
        dispatch_uid="warning",
    )
    try:
        with time_machine.travel(now, tick=False), django_capture_on_commit_callbacks(execute=True):
            recompute_warnings(world.partnership)
            first = len(events)
            for n in range(6):
                Decision.objects.create(
                    partnership=world.partnership,
                    text=f"Keputusan {n}",
                    owner=world.partner_a,
                    due_date=now.date() - dt.timedelta(days=40),
                )
            recompute_warnings(world.partnership)
    finally:
        partnership_event.disconnect(sender=Event, dispatch_uid="warning")
    assert first == 0  # the first computation sets a level; it does not change one
    [event] = events
    assert event.type == EventType.WARNING_LEVEL_CHANGED
    assert event.record_kind == "partnership"
    assert event.data["level"] != event.data["previous_level"]
