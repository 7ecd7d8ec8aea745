"""Kept pages: served again only while nothing was written, never to someone else, never with
someone else's CSRF token, never hiding a message; and the writes that move the data generation
on are every kind of write, from any process."""

import datetime as dt
import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from simitra.lib.bulk import create_with_history
from simitra.lib.testing import at_once
from simitra.notifications.models import Kind
from simitra.notifications.services import notify
from simitra.pagecache import generation
from simitra.pagecache.pages import placeholder
from simitra.partnerships.models import Partnership
from simitra.partnerships.testing import make_organisation
from simitra.reference.models import Region

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ANY_TOKEN = re.compile(r"\b[A-Za-z0-9]{64}\b")


def _page(world):
    return reverse("partnerships:detail", args=[world.partnership.code])


def _tables(queries) -> set[str]:
    return {
        table
        for query in queries
        for table in re.findall(r'(?:FROM|JOIN|UPDATE|INTO) "(\w+)"', query["sql"])
    }


@pytest.mark.parametrize(
    ("sql", "writes"),
    [
        ('INSERT INTO "partnerships_partnership" ("title") VALUES (%s)', True),
        ('  update "results_value" SET "number" = 1', True),
        ('DELETE FROM "risks_risk" WHERE id = 1', True),
        ('INSERT OR IGNORE INTO "accounts_membership" VALUES (1)', True),
        ('TRUNCATE "organisations_organisation", "accounts_user" CASCADE', True),
        ('REPLACE INTO "reference_region" VALUES (1)', True),
        ("UPDATE somewhere_unreadable", True),
        ('SELECT * FROM "partnerships_partnership"', False),
        ('UPDATE "django_session" SET "session_data" = %s', False),
        ('INSERT INTO "axes_accessattempt" VALUES (1)', False),
        ('UPDATE "django_tasks_db_dbtaskresult" SET "status" = %s', False),
        ('UPDATE "pagecache_generation" SET value = value + 1 WHERE id = 1', False),
        ("SAVEPOINT s1", False),
    ],
)
def test_which_statements_write(sql, writes):
    assert generation.writes_table(sql) is writes


def test_every_kind_of_write_moves_this_process_on_and_a_session_does_not(world):
    def moves(write) -> bool:
        before = generation.current(connection)[2]
        write()
        return generation.current(connection)[2] != before

    partnership = world.partnership
    assert moves(lambda: Partnership.objects.filter(pk=partnership.pk).update(title="A"))
    assert moves(lambda: make_organisation("Baru"))
    assert moves(lambda: partnership.regions.set(Region.objects.all()[:1]))
    assert moves(lambda: world.partner_b.delete())
    assert moves(
        lambda: create_with_history(
            [Partnership(title="Massal", code="MASSAL-1", summary="")], Partnership, user=None
        )
    )
    with connection.cursor() as cursor:
        assert moves(lambda: cursor.execute("DELETE FROM partnerships_observergrant"))
    assert not moves(lambda: SessionStore().save())
    assert not moves(lambda: Partnership.objects.count())


@pytest.mark.django_db(transaction=True)
def test_the_stored_number_moves_on_once_per_committed_transaction(world):
    start = generation.current(connection)[0]
    with transaction.atomic():
        for title in ("Satu", "Dua", "Tiga"):
            Partnership.objects.filter(pk=world.partnership.pk).update(title=title)
        assert generation.current(connection)[0] == start  # not before the commit
    assert generation.current(connection)[0] == start + 1

    with pytest.raises(RuntimeError), transaction.atomic():
        Partnership.objects.filter(pk=world.partnership.pk).update(title="Batal")
        raise RuntimeError  # rolled back: nothing to tell the other processes
    assert generation.current(connection)[0] == start + 1

    # Outside a transaction each write is its own: the number moves on at once.
    Partnership.objects.filter(pk=world.partnership.pk).update(title="Langsung")
    assert generation.current(connection)[0] == start + 2


def test_a_kept_page_is_served_without_reading_the_partnership(world, client_for):
    client = client_for(world.coordinator)
    first = client.get(_page(world))
    with CaptureQueriesContext(connection) as queries:
        second = client.get(_page(world))
    assert first.status_code == second.status_code == 200
    # The session, the user and the generation: what a bare view of the stack reads, plus one.
    assert _tables(queries.captured_queries) == {
        "django_session",
        "accounts_user",
        "pagecache_generation",
    }
    assert ANY_TOKEN.sub("", second.content.decode()) == ANY_TOKEN.sub("", first.content.decode())
    assert placeholder() not in second.content.decode()


def test_any_write_shows_at_once(world, client_for):
    client = client_for(world.coordinator)
    assert "Kemitraan Uji" in client.get(_page(world)).content.decode()
    Partnership.objects.filter(pk=world.partnership.pk).update(title="Judul Baru")
    body = client.get(_page(world)).content.decode()
    assert "Judul Baru" in body and "Kemitraan Uji" not in body

    notify(users=[world.coordinator], kind=Kind.VALUE_SUBMITTED, partnership=world.partnership)
    assert (
        '1<span class="visually-hidden"> belum dibaca' in client.get(_page(world)).content.decode()
    )


def test_a_write_by_another_process_shows_once_it_has_committed(world, client_for, monkeypatch):
    """Another process's write moves only the stored number: the page kept here must not be
    served after it, although this process saw no write."""
    client = client_for(world.coordinator)
    client.get(_page(world))
    seen_here = generation._local
    Partnership.objects.filter(pk=world.partnership.pk).update(title="Dari Proses Lain")
    monkeypatch.setattr(generation, "_local", seen_here)  # as if written elsewhere
    assert "Dari Proses Lain" not in client.get(_page(world)).content.decode()  # not yet told
    generation._bump(connection)  # what the other process does once it has committed
    assert "Dari Proses Lain" in client.get(_page(world)).content.decode()


def test_a_page_kept_for_one_user_is_never_served_to_another(world, client_for):
    url = _page(world)
    coordinator, partner = client_for(world.coordinator), client_for(world.partner_user)
    for _ in range(2):
        assert reverse("partnerships:edit", args=[world.partnership.code]) in (
            coordinator.get(url).content.decode()
        )
        assert reverse("partnerships:edit", args=[world.partnership.code]) not in (
            partner.get(url).content.decode()
        )
    assert client_for(world.outsider).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_each_language_its_own_page(world, client_for):
    client = client_for(world.coordinator)
    assert 'lang="id"' in client.get(_page(world)).content.decode()
    world.coordinator.language = "en"
    world.coordinator.save(update_fields=["language"])
    assert 'lang="en"' in client.get(_page(world)).content.decode()


def test_the_token_in_a_kept_page_is_the_readers_own(world):
    """Two browsers of one user: the second is served the page kept for the first, with its
    own CSRF token, which its form may post (the check is on)."""
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(world.coordinator)
    second.force_login(world.coordinator)
    mine = TOKEN.search(first.get(_page(world)).content.decode()).group(1)
    theirs = TOKEN.search(second.get(_page(world)).content.decode()).group(1)
    assert mine != theirs
    advance = reverse("partnerships:advance", args=[world.partnership.code])
    # A post with the other browser's token is refused by the CSRF check; with its own it
    # reaches the view (which answers about the phase, not about the token).
    assert second.post(advance, {"csrfmiddlewaretoken": mine}).status_code == 403
    assert second.post(advance, {"csrfmiddlewaretoken": theirs}).status_code != 403


def test_a_message_to_show_is_never_hidden_by_a_kept_page(world, client_for):
    world.coordinator.language = "en"
    world.coordinator.save(update_fields=["language"])
    client = client_for(world.coordinator)
    client.get(_page(world))  # kept
    client.get(_page(world))
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(constants.SUCCESS, "Pesan penting untuk ditampilkan")
    carrier = HttpResponse()
    storage.update(carrier)
    client.cookies["messages"] = carrier.cookies["messages"].value
    assert "Pesan penting untuk ditampilkan" in client.get(_page(world)).content.decode()
    assert "Pesan penting untuk ditampilkan" not in client.get(_page(world)).content.decode()


def test_pages_are_not_kept_when_switched_off(world, client_for, settings):
    settings.SIMITRA_PAGE_SECONDS = 0
    client = client_for(world.coordinator)
    client.get(_page(world))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_page(world)).status_code == 200
    assert "partnerships_partnership" in _tables(queries.captured_queries)
    assert "pagecache_generation" not in _tables(queries.captured_queries)


@pytest.mark.parametrize("name", ["partnerships:list", "portfolio:portfolio"])
def test_the_lists_are_kept_too_and_show_a_new_partnership(world, client_for, name):
    client = client_for(world.admin)
    client.get(reverse(name))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse(name))
    assert "partnerships_partnership" not in _tables(queries.captured_queries)
    Partnership.objects.filter(pk=world.partnership.pk).update(title="Kemitraan Terbaru")
    assert "Kemitraan Terbaru" in client.get(reverse(name)).content.decode()


def test_a_page_is_named_by_everything_it_is_built_from_outside_the_database(
    world, settings, monkeypatch
):
    from django.contrib.auth.models import AnonymousUser
    from django.utils import timezone, translation

    from simitra.pagecache.pages import page_key

    def key(path="/kemitraan/", user=world.coordinator, numbers=(1, 7, 1), **headers):
        request = RequestFactory().get(path, headers=headers)
        request.user = user
        return page_key(
            request,
            test_a_page_is_named_by_everything_it_is_built_from_outside_the_database,
            numbers,
        )

    base = key()
    assert key() == base
    assert key("/kemitraan/?halaman=2") != base
    assert key(user=world.partner_user) != base
    assert key(user=AnonymousUser()) != base
    assert key(numbers=(2, 7, 1)) != base and key(numbers=(1, 7, 2)) != base
    assert key(numbers=(1, 8, 1)) != base
    assert key(HX_Request="true") != base and key(HX_Target="panel") != base
    with translation.override("en"):
        assert key() != base
    with timezone.override("Asia/Jayapura"):
        assert key() != base
    with monkeypatch.context() as patch:
        patch.setattr(timezone, "localdate", lambda: dt.date(2030, 1, 1))
        assert key() != base
    settings.SIMITRA_RELEASE = "9.9.9"
    assert key() != base


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_writers_and_readers_at_once_no_move_is_lost_and_the_last_title_shows(world):
    """Eight transactions committing at once while four readers keep the page: no move of the
    stored number is lost (each adds to the row under its lock), no reader fails, and the page
    read after they have all committed shows the last title."""
    readers = [Client() for _ in range(4)]
    for reader in readers:
        reader.force_login(world.coordinator)  # writes too (the last log-in), in autocommit
    start = generation.current(connection)[0]

    def step(n):
        if n >= 8:
            return readers[n - 8].get(_page(world)).status_code
        with transaction.atomic():
            Partnership.objects.filter(pk=world.partnership.pk).update(title=f"Judul {n}")
            Region.objects.filter(code="53").update(name="Nusa Tenggara Timur")
        return 200

    assert at_once(12, step) == [200] * 12
    assert generation.current(connection)[0] == start + 8
    title = Partnership.objects.get(pk=world.partnership.pk).title
    for reader in readers:
        assert title in reader.get(_page(world)).content.decode()
