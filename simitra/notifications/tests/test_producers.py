"""Who hears of which event: the values' flow, contributions, phases and the MoU, each to the
people the event concerns, and never to someone who may not read the partnership."""

import pytest
from django.urls import reverse
from django.utils import translation

from simitra.notifications.models import Kind, Notification
from simitra.partnerships.events import EventType, emit
from simitra.partnerships.testing import build_world
from simitra.resources.testing import make_delivery, make_pledge
from simitra.results import services as results
from simitra.results.testing import make_indicator, make_value

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def happen(django_capture_on_commit_callbacks):
    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def told(kind):
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_the_values_flow(happen, world):
    indicator = make_indicator(world.partnership, world.partner_a, title="Kader terlatih")
    value = make_value(indicator.periods.first())
    value = happen(lambda: results.submit_value(value=value, submitted_by=world.partner_user))
    assert told(Kind.VALUE_SUBMITTED) == {"coord"}
    happen(lambda: results.return_value(value=value, reviewed_by=world.coordinator, reason="Cek"))
    assert told(Kind.VALUE_RETURNED) == {"rep_a"}  # the responsible partner, not partner B
    returned = Notification.objects.get(kind=Kind.VALUE_RETURNED)
    assert returned.params["reason"] == "Cek"
    assert returned.url == reverse("results:indicator", args=[world.partnership.code, indicator.pk])
    value.refresh_from_db()
    value = happen(lambda: results.submit_value(value=value, submitted_by=world.partner_user))
    happen(lambda: results.approve_value(value=value, reviewed_by=world.coordinator))
    assert told(Kind.VALUE_APPROVED) == {"rep_a"}


def test_contributions_go_to_the_coordinators(happen, world):
    pledge = happen(lambda: make_pledge(world.partner_a, value=1_000))
    assert told(Kind.CONTRIBUTION_PLEDGED) == {"coord"}
    happen(lambda: make_delivery(pledge, amount=500, user=world.partner_user))
    assert told(Kind.CONTRIBUTION_DELIVERED) == {"coord"}


def test_a_new_phase_reaches_every_member(happen, world):
    happen(
        lambda: emit(
            EventType.PHASE_CHANGED,
            partnership_id=world.partnership.pk,
            record_kind="partnership",
            record_pk=world.partnership.pk,
            data={"from_phase": 1, "to_phase": 2},
        )
    )
    assert told(Kind.PHASE_CHANGED) == {"coord", "rep_a", "rep_b"}
    notification = Notification.objects.filter(kind=Kind.PHASE_CHANGED).first()
    with translation.override("en"):
        assert (
            notification.message() == "The partnership moved from Scoping to Identifying partners."
        )
    with translation.override("id"):
        assert notification.message() == (
            "Kemitraan berpindah dari Menentukan masalah ke Pemilihan mitra."
        )


def test_an_unconfirmed_partners_people_are_not_told(happen, world):
    world.partner_b.status = "invited"
    world.partner_b.save(update_fields=["status"])
    happen(
        lambda: emit(
            EventType.PHASE_CHANGED,
            partnership_id=world.partnership.pk,
            record_kind="partnership",
            record_pk=world.partnership.pk,
            data={"from_phase": 1, "to_phase": 2},
        )
    )
    assert "rep_b" not in told(Kind.PHASE_CHANGED)


def test_someone_who_lost_access_is_not_told(happen, world):
    """The value's submitter has left partner A's organisation before it is returned: the rules
    refuse them the partnership, so they hear nothing of it."""
    indicator = make_indicator(world.partnership, world.partner_a)
    value = make_value(indicator.periods.first())
    value = happen(lambda: results.submit_value(value=value, submitted_by=world.partner_user))
    world.partner_user.memberships.all().delete()
    happen(lambda: results.return_value(value=value, reviewed_by=world.coordinator, reason="Cek"))
    assert told(Kind.VALUE_RETURNED) == set()
    assert not Notification.objects.filter(recipient=world.outsider).exists()


def _emit(world, event_type, record_kind, record_pk, **data):
    return lambda: emit(
        event_type,
        partnership_id=world.partnership.pk,
        record_kind=record_kind,
        record_pk=record_pk,
        data=data,
    )


def test_a_signed_mou_a_confirmed_partner_and_the_warning_level(happen, world, reference):
    from simitra.agreements.testing import make_mou

    mou = make_mou(world, title="MoU Uji")
    happen(_emit(world, EventType.AGREEMENT_SIGNED, "agreement", mou.pk))
    assert told(Kind.AGREEMENT_SIGNED) == {"coord", "rep_a", "rep_b"}
    happen(_emit(world, EventType.PARTNER_CONFIRMED, "partner", world.partner_b.pk))
    assert told(Kind.PARTNER_CONFIRMED) == {"coord", "rep_b"}
    happen(
        _emit(
            world,
            EventType.WARNING_LEVEL_CHANGED,
            "partnership",
            world.partnership.pk,
            level="red",
            previous_level="amber",
        )
    )
    assert told(Kind.WARNING_LEVEL_CHANGED) == {"coord"}
    notification = Notification.objects.get(kind=Kind.WARNING_LEVEL_CHANGED)
    with translation.override("en"):
        assert notification.message() == "The early-warning level changed from Amber to Red."
    with translation.override("en"):
        signed = Notification.objects.filter(kind=Kind.AGREEMENT_SIGNED).first().message()
    assert signed == "The MoU “MoU Uji” has been signed by every party."


def test_an_event_of_a_record_gone_meanwhile_tells_nobody(happen, world):
    happen(_emit(world, EventType.RISK_RAISED, "risk", 999_999))
    assert not Notification.objects.exists()
