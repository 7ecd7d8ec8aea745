"""Shared fixtures: reference data loaded once per test database, and the access cast."""

import io
import os

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models.signals import post_migrate
from django.test import Client, TransactionTestCase
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from simitra import settings as project_settings
from simitra.lib.testing import DEMO_DAYS, QuickFlush, shared_rows
from simitra.partnerships.testing import build_world
from simitra.reference.loading import load_all, reference_is_loaded

# The property tests assert results, not speed: on a machine running both suites side by side a
# case may take longer than hypothesis's default deadline.
hypothesis_settings.register_profile("simitra", deadline=None)
hypothesis_settings.load_profile("simitra")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _record_the_migrations()
        load_all()
        QUICK_FLUSH.remember(connection)
    # A transactional test ends by flushing every table, reference data too; the flush then
    # sends post_migrate, and the reference data comes back at once. So every test finds it,
    # in whatever order the tests run (pytest-xdist does not keep pytest-django's order).
    # The flush is QuickFlush's (see _quick_teardown): the tables of reference data, content
    # types and permissions that the test left as they were are kept, not emptied and made again.
    post_migrate.connect(_reload_reference, sender=apps.get_app_config("reference"))
    TransactionTestCase._fixture_teardown = _quick_teardown
    yield
    TransactionTestCase._fixture_teardown = DJANGO_FIXTURE_TEARDOWN
    post_migrate.disconnect(_reload_reference, sender=apps.get_app_config("reference"))


def _kept_tables() -> list[list[str]]:
    """The tables whose rows `post_migrate` makes after a flush: content types with their
    permissions, and the reference data (reloaded by _reload_reference)."""

    def tables(models):
        return [
            table
            for model in models
            for table in [model._meta.db_table]
            + [
                field.remote_field.through._meta.db_table
                for field in model._meta.local_many_to_many
            ]
        ]

    return [
        tables([ContentType, Permission]),
        tables(apps.get_app_config("reference").get_models()),
    ]


QUICK_FLUSH = QuickFlush(_kept_tables())
DJANGO_FIXTURE_TEARDOWN = TransactionTestCase._fixture_teardown


def _quick_teardown(self):
    """TransactionTestCase's teardown (a flush of each database it used), by QuickFlush for the
    default database; as Django's own for a test that asks for more (available_apps, a
    serialized rollback) or another database."""
    if self.available_apps is not None or self.serialized_rollback:
        return DJANGO_FIXTURE_TEARDOWN(self)
    for alias in self._databases_names(include_mirrors=False):
        if alias == DEFAULT_DB_ALIAS:
            QUICK_FLUSH.flush(connections[alias])
        else:
            call_command(
                "flush",
                verbosity=0,
                interactive=False,
                database=alias,
                reset_sequences=False,
                allow_cascade=False,
                inhibit_post_migrate=False,
            )


def _record_the_migrations() -> None:
    """`make test` builds its databases from the models (`--nomigrations`: half a minute of
    rendering migration states saved per worker). That schema is the one the last migrations
    leave (`makemigrations --check` runs in `make test`, and CI's PostgreSQL suite builds its
    database by migrating), so every migration is recorded as applied, as `migrate` would have
    left it, and the migrations are known again: to whatever reads the records (backup, restore)
    and to the tests that migrate back and forth, the database is a migrated one."""
    settings.MIGRATION_MODULES = getattr(project_settings, "MIGRATION_MODULES", {})
    executor = MigrationExecutor(connection)
    if executor.recorder.applied_migrations():
        return  # migrated
    executor.recorder.ensure_schema()
    for app_label, name in executor.loader.graph.nodes:
        executor.recorder.record_applied(app_label, name)


def _reload_reference(**kwargs):
    if not reference_is_loaded():
        load_all()


@pytest.fixture(autouse=True, scope="module")
def default_language():
    """Every test module starts in the default language. A request in another language leaves
    that language active in the thread (Django's LocaleMiddleware does not reset it), and the
    next module to run, which under pytest-xdist may be any, would read its messages in it.
    (Within a module the tests keep their order: `make test` distributes whole modules.)"""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def no_kept_pages():
    """Pages kept by one test (simitra/pagecache) are not served in the next: a test's writes
    are rolled back, which moves no generation on."""
    from django.core.cache import caches

    caches["pages"].clear()


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Uploaded files of every test go to its own temporary folder, never into ./data (two
    test runs can share a checkout, as CI's SQLite and PostgreSQL runs do)."""
    settings.SIMITRA_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


# CI's PostgreSQL run loads the demo on its first day only (SIMITRA_DEMO_DAYS=1 in .ci/run): the
# days differ in dates, which are Python's, and the SQLite run (`make test`) takes all three.
DEMO_TEST_DAYS = DEMO_DAYS[: int(os.environ.get("SIMITRA_DEMO_DAYS") or len(DEMO_DAYS))]


@pytest.fixture(scope="module", params=DEMO_TEST_DAYS, ids=lambda moment: moment.date().isoformat())
def demo_moment(request):
    """Each of the demo's test days; the tests of a module run day by day."""
    return request.param


@pytest.fixture
def demo_day(demo_moment):
    """The clock stands on each of the demo's test days, for the load and the assertions."""
    with time_machine.travel(demo_moment, tick=False):
        yield demo_moment


@pytest.fixture(scope="module")
def demo_loaded(demo_moment, django_db_setup, django_db_blocker):
    """The demo loaded on a test day once for the tests of a module that only read it (each
    test's own changes are rolled back after it), and rolled back after them."""

    def load():
        with time_machine.travel(demo_moment, tick=False):
            call_command("load_demo", stdout=io.StringIO())

    yield from shared_rows(django_db_blocker, load)


@pytest.fixture
def demo(demo_loaded, demo_day, db):
    """The demo, loaded on each of its test days and read on that day."""


@pytest.fixture
def reference(db):
    """Reference data: loaded for the session and after every flush (see django_db_setup);
    asking for it says that the test reads it."""
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


@pytest.fixture
def figures(request):
    """`figures(line)` keeps a figure the test measured (cases generated, files checked) for the
    end of the run's output, where it shows also under pytest-xdist (whose workers' own output
    never reaches the terminal)."""

    def record(line: str) -> None:
        request.node.user_properties.append(("figure", line))

    return record


def pytest_terminal_summary(terminalreporter):
    lines = [
        value
        for reports in terminalreporter.stats.values()
        for report in sorted(
            (r for r in reports if getattr(r, "when", None) == "call"), key=lambda r: r.nodeid
        )
        for name, value in report.user_properties
        if name == "figure"
    ]
    if lines:
        terminalreporter.section("figures measured by the tests")
        for line in lines:
            terminalreporter.line(line)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The fuzzer (a minute and more, much the longest test) goes first: under pytest-xdist one
    worker runs it while the other takes the rest, instead of one idling at the end while it
    runs. (After pytest-django's own ordering, which it otherwise keeps.)"""
    items.sort(key=lambda item: item.get_closest_marker("schemathesis") is None)
    # A test that reads no database gives the same answer on both: the SQLite run takes it.
    if connection.vendor != "sqlite":
        once = pytest.mark.skip(reason="reads no database: run in the SQLite suite")
        for item in items:
            if item.get_closest_marker("database_independent"):
                item.add_marker(once)
