"""The notification centre: events of a partnership become notifications of those who may read
it, shown under the bell and on the list, e-mailed at once or in one digest a day or week, in
the reader's language, as each reader prefers."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from simitra.accounts.models import Membership
from simitra.health.services import open_round
from simitra.lib.testing import count_queries
from simitra.notifications import services
from simitra.notifications.models import Delivery, Digest, Kind, Notification, Preference
from simitra.partnerships.testing import build_world
from simitra.resources.testing import make_pledge
from simitra.risks.models import Risk, RiskCategory
from simitra.risks.services import save_risk

pytestmark = pytest.mark.django_db

NIGHT = dt.datetime(2026, 11, 20, 21, 0, tzinfo=dt.UTC)  # 04:00 in Jakarta, the next day


@pytest.fixture
def world(db):
    world = build_world()
    world.coordinator.language = "en"
    world.coordinator.save(update_fields=["language"])
    return world


@pytest.fixture
def happen(django_capture_on_commit_callbacks):
    """Run `action()` as a request would: the events go out once it has committed."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def raise_risks(happen, world, count: int, prefix: str = "Risiko"):
    RiskCategory.ensure_builtins()
    category = RiskCategory.objects.filter(partnership=None).first()
    for n in range(count):
        happen(
            lambda n=n: save_risk(
                risk=Risk(
                    title=f"{prefix} {n + 1}",
                    likelihood=2,
                    impact=2,
                    category=category,
                    owner=world.partner_a,
                ),
                partnership=world.partnership,
            )
        )


def prefer(user, kind, delivery):
    Preference.objects.create(user=user, kind=kind, delivery=delivery)


def test_twenty_events_make_one_digest_in_the_readers_language(happen, world):
    raise_risks(happen, world, 20)
    assert Notification.objects.filter(recipient=world.coordinator).count() == 20
    assert mail.outbox == []  # the default is the daily digest, not an e-mail per event

    sent = services.send_digests(now=NIGHT)

    assert sent["daily"] == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.coordinator.email]
    assert "Your day: 20 notifications" in message.subject
    for n in range(1, 21):
        assert f"A risk was raised: Risiko {n}." in message.body
    assert world.partnership.title in message.body
    # Run again the same night: nothing more.
    assert services.send_digests(now=NIGHT)["daily"] == 0
    assert len(mail.outbox) == 1
    assert Digest.objects.get(recipient=world.coordinator).count == 20


def test_the_digest_of_an_indonesian_reader_is_in_indonesian(happen, world):
    world.coordinator.language = "id"
    world.coordinator.save(update_fields=["language"])
    raise_risks(happen, world, 3)
    services.send_digests(now=NIGHT)
    message = mail.outbox[0]
    assert "Hari Anda: 3 notifikasi" in message.subject
    assert "Risiko diangkat: Risiko 1." in message.body


def test_off_makes_no_notification_and_no_email(happen, world):
    prefer(world.coordinator, Kind.RISK_RAISED, Delivery.OFF)
    raise_risks(happen, world, 5)
    assert not Notification.objects.filter(recipient=world.coordinator).exists()
    services.send_digests(now=NIGHT)
    assert mail.outbox == []


def test_in_app_only_sends_no_email(happen, world):
    prefer(world.coordinator, Kind.RISK_RAISED, Delivery.IN_APP)
    raise_risks(happen, world, 2)
    assert Notification.objects.filter(recipient=world.coordinator).count() == 2
    services.send_digests(now=NIGHT)
    assert mail.outbox == []


def test_immediately_sends_one_email_per_event(happen, world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    prefer(world.coordinator, Kind.RISK_RAISED, Delivery.IMMEDIATE)
    raise_risks(happen, world, 3)
    assert len(mail.outbox) == 3
    assert "A risk was raised: Risiko 2." in mail.outbox[1].body
    # Already e-mailed: neither in a digest nor sent again.
    services.send_digests(now=NIGHT)
    assert len(mail.outbox) == 3
    assert services.email_notification(Notification.objects.first().pk) == 0


def test_weekly_digest_waits_for_its_day(happen, world, settings):
    settings.SIMITRA_DIGEST_WEEKDAY = 0  # Monday
    prefer(world.coordinator, Kind.RISK_RAISED, Delivery.WEEKLY)
    raise_risks(happen, world, 2)
    services.send_digests(now=NIGHT)  # Saturday 21 November in Jakarta
    assert mail.outbox == []
    monday = NIGHT + dt.timedelta(days=2)
    assert services.send_digests(now=monday)["weekly"] == 1
    assert "Your week: 2 notifications" in mail.outbox[0].subject


def test_only_those_who_may_read_the_partnership_hear_of_it(happen, world):
    raise_risks(happen, world, 1)
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told == {"coord"}  # a risk goes to the coordinators
    happen(lambda: make_pledge(world.partner_a))
    assert not Notification.objects.filter(recipient=world.outsider).exists()


def test_health_check_opened_reaches_the_partners_representatives(happen, world):
    happen(
        lambda: open_round(
            partnership=world.partnership,
            opened_by=world.coordinator,
            title="Putaran 1",
            due_date=dt.date(2026, 12, 1),
        )
    )
    told = set(
        Notification.objects.filter(kind=Kind.HEALTH_CHECK_OPENED).values_list(
            "recipient__username", flat=True
        )
    )
    assert {"rep_a", "rep_b"} <= told
    assert "outsider" not in told


def test_a_lost_partnership_is_no_longer_shown(happen, world, client_for):
    happen(
        lambda: open_round(
            partnership=world.partnership, opened_by=world.coordinator, title="Putaran 1"
        )
    )
    client = client_for(world.partner_user)
    page = client.get(reverse("notifications:list"))
    assert "Putaran 1" in page.content.decode()
    notification = Notification.objects.get(recipient=world.partner_user)
    # The user leaves the partner organisation: the notification is no longer shown anywhere.
    Membership.objects.filter(user=world.partner_user).delete()
    client = client_for(world.partner_user)
    page = client.get(reverse("notifications:list"))
    assert "Putaran 1" not in page.content.decode()
    assert page.context["notifications_unread"] == 0
    response = client.post(reverse("notifications:read", args=[notification.pk]))
    assert response.status_code == 404
    services.send_digests(now=NIGHT)
    assert world.partner_user.email not in [m.to[0] for m in mail.outbox]


def test_an_outsider_cannot_mark_another_users_notification(happen, world, client_for):
    raise_risks(happen, world, 1)
    notification = Notification.objects.get(recipient=world.coordinator)
    for user in (world.outsider, world.partner_user):
        response = client_for(user).post(reverse("notifications:read", args=[notification.pk]))
        assert response.status_code == 404
        response = client_for(user).post(reverse("notifications:open", args=[notification.pk]))
        assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None
    assert client_for(None).post(reverse("notifications:read_all")).status_code == 302


def test_mark_one_and_all_read(happen, world, client_for):
    raise_risks(happen, world, 3)
    client = client_for(world.coordinator)
    first = Notification.objects.filter(recipient=world.coordinator).first()
    assert client.get(reverse("notifications:read", args=[first.pk])).status_code == 405
    response = client.post(reverse("notifications:read", args=[first.pk]), {"page": "1"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.read_at is not None
    assert client.get(reverse("notifications:list")).context["notifications_unread"] == 2
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_opening_follows_the_link_and_marks_it_read(happen, world, client_for):
    raise_risks(happen, world, 1)
    notification = Notification.objects.get(recipient=world.coordinator)
    response = client_for(world.coordinator).post(
        reverse("notifications:open", args=[notification.pk])
    )
    assert response.status_code == 302
    assert response["Location"] == notification.url
    notification.refresh_from_db()
    assert notification.is_read


def test_csrf_is_required(happen, world):
    from django.test import Client

    raise_risks(happen, world, 1)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.coordinator)
    assert client.post(reverse("notifications:read_all")).status_code == 403


def test_empty_state(world, client_for):
    user = world.partner_user
    for language, empty in (("id", "Belum ada notifikasi"), ("en", "No notifications yet")):
        type(user).objects.filter(pk=user.pk).update(language=language)
        page = client_for(user).get(reverse("notifications:list"))
        assert page.status_code == 200
        assert empty in page.content.decode(), language


def _notifications(world, count):
    Notification.objects.bulk_create(
        Notification(
            recipient=world.coordinator,
            kind=Kind.RISK_RAISED,
            partnership=world.partnership,
            params={"title": f"R{n}"},
            url="/",
        )
        for n in range(count)
    )


def test_the_list_queries_do_not_grow_with_rows(world, client_for):
    client = client_for(world.coordinator)
    url = reverse("notifications:list")
    client.get(url)  # the session and the language settle in
    _notifications(world, 2)
    few = count_queries(client.get, url)
    _notifications(world, 23)
    many = count_queries(client.get, url)
    assert many == few


def test_the_bell_adds_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    client = client_for(world.coordinator)
    home = reverse("accounts:profile")
    client.get(home)
    none = count_queries(client.get, home)
    _notifications(world, 1)
    one = count_queries(client.get, home)
    _notifications(world, 40)
    page = client.get(home)
    assert ">41<" in page.content.decode().replace(" ", "")
    many = count_queries(client.get, home)
    assert one == many == none
    with django_assert_max_num_queries(many):
        client.get(home)


def test_preferences_page_saves_each_kind(world, client_for):
    client = client_for(world.partner_user)
    url = reverse("notifications:preferences")
    page = client.get(url)
    assert page.status_code == 200
    data = dict.fromkeys(Kind.values, Delivery.DAILY)
    data[Kind.PLEDGE_DUE] = Delivery.IMMEDIATE
    data[Kind.RISK_RAISED] = Delivery.OFF
    assert client.post(url, data).status_code == 302
    chosen = services.preferences(world.partner_user)
    assert chosen[Kind.PLEDGE_DUE] == Delivery.IMMEDIATE
    assert chosen[Kind.RISK_RAISED] == Delivery.OFF
    data[Kind.RISK_RAISED] = "loud"
    page = client.post(url, data)
    assert page.status_code == 200
    assert page.context["form"].errors[Kind.RISK_RAISED]
    assert client_for(None).get(url).status_code == 302


def test_messages_are_written_at_display_time_in_the_readers_language(happen, world, client_for):
    raise_risks(happen, world, 1)
    client = client_for(world.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "id"})
    assert (
        "Risiko diangkat: Risiko 1." in client.get(reverse("notifications:list")).content.decode()
    )
    client.post(reverse("accounts:set_language"), {"language": "en"})
    assert (
        "A risk was raised: Risiko 1." in client.get(reverse("notifications:list")).content.decode()
    )


def test_the_digest_skips_a_day_already_sent(happen, world):
    raise_risks(happen, world, 1)
    with time_machine.travel(NIGHT, tick=False):
        services.send_digests()
        raise_risks(happen, world, 1, prefix="Later")
        services.send_digests()
    assert len(mail.outbox) == 1
    services.send_digests(now=NIGHT + dt.timedelta(days=1))
    assert len(mail.outbox) == 2
    assert "Later 1" in mail.outbox[1].body


def test_the_bell_counts_at_once_what_is_new_read_or_no_longer_readable(happen, world, client_for):
    """The bell keeps its SQL per user's access (not its count): a new notification shows at
    once, reading it clears it, and losing the partnership drops it, all on the next page."""

    def bell(client):  # the lazy count; compares as the number
        return client.get(reverse("notifications:preferences")).context["notifications_unread"]

    client = client_for(world.coordinator)
    assert bell(client) == 0
    raise_risks(happen, world, 2)
    assert bell(client) == 2
    first = Notification.objects.filter(recipient=world.coordinator).first()
    client.post(reverse("notifications:read", args=[first.pk]))
    assert bell(client) == 1
    client.post(reverse("notifications:read_all"))
    assert bell(client) == 0

    partner_client = client_for(world.partner_user)
    happen(
        lambda: open_round(
            partnership=world.partnership, opened_by=world.coordinator, title="Putaran 1"
        )
    )
    assert bell(partner_client) == 1
    # The partner is withdrawn: same user, same SQL, but the partnership is no longer theirs.
    world.partner_a.status = "withdrawn"
    world.partner_a.save(update_fields=["status"])
    assert bell(partner_client) == 0
    world.partner_a.status = "confirmed"
    world.partner_a.save(update_fields=["status"])
    assert bell(partner_client) == 1
    # The user leaves the organisation: the access inputs change, so does the SQL.
    Membership.objects.filter(user=world.partner_user).delete()
    assert bell(client_for(world.partner_user)) == 0


def test_the_bell_matches_the_list_for_every_kind_of_user(happen, world, client_for):
    raise_risks(happen, world, 2)
    happen(
        lambda: open_round(
            partnership=world.partnership, opened_by=world.coordinator, title="Putaran 1"
        )
    )
    from simitra.notifications.context_processors import unread_count

    users = {n.recipient for n in Notification.objects.select_related("recipient")}
    assert len(users) >= 2
    for user in [*users, world.outsider]:
        expected = Notification.objects.shown_to(user).unread().count()
        assert unread_count(user) == expected
        assert (
            client_for(user)
            .get(reverse("notifications:preferences"))
            .context["notifications_unread"]
            == expected
        )


def test_the_bell_is_one_query(happen, world, client_for):
    raise_risks(happen, world, 2)
    from simitra.notifications.context_processors import unread_count
    from simitra.partnerships.models.core import observer_grants_of

    user = type(world.coordinator).objects.get(pk=world.coordinator.pk)
    user.organisation_ids()
    observer_grants_of(user)
    unread_count(user)  # the SQL is prepared
    assert count_queries(unread_count, user) == 1
    assert unread_count(user) == 2
