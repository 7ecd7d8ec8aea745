"""Test helpers that know nothing of Simitra's models."""

import datetime as dt
import hashlib
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from zoneinfo import ZoneInfo

from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

# The days the demo is loaded on in its tests (the `demo_day` fixture): the anchor its dates were
# written for (simitra/lib/demo_time.py), the last day of a month's shift a year later (the story
# then stands 29 days after the anchor's), and a day in another year.
DEMO_DAYS = tuple(
    dt.datetime(*day, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    for day in ((2026, 11, 20), (2027, 12, 19), (2028, 3, 5))
)


def count_queries(function, *args, **kwargs) -> int:
    """How many SQL queries `function(*args, **kwargs)` runs."""
    with CaptureQueriesContext(connection) as context:
        function(*args, **kwargs)
    return len(context.captured_queries)


def shared_rows(django_db_blocker, make, *args, **kwargs):
    """Rows shared by the tests of a module or a class, then rolled back: what
        `TestCase.setUpTestData` does, for a module- or class-scoped pytest fixture
        (`yield from shared_rows(django_db_blocker, build_world)`). Yields what `make(*args,
        **kwargs)` returns. Each test still runs in its own savepoint, so what one test changes is
        undone after it and the next sees the rows as they were made (but the same Python objects:
    a test that changes one in memory hands a copy to its tests, see `copy.deepcopy`)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            rows = make(*args, **kwargs)
        except BaseException:
            atomic.__exit__(*sys.exc_info())
            raise
    try:
        yield rows
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def at_once(count: int, call) -> list:
    """Run `call(n)` for n in range(count) in as many threads, released together by a
    barrier: requests racing each other as two users (or a double click) would. Each thread
    has its own database connection, closed when it is done; returns the results in order.
    Needs a test that commits (`django_db(transaction=True)`) and a database with row locks
    (PostgreSQL)."""
    barrier = threading.Barrier(count)

    def run(n):
        try:
            barrier.wait(timeout=30)
            return call(n)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


# Migrating a few apps back and forth in a test. `MigrationExecutor.migrate` renders the state
# of the whole project and, for a backward plan, unapplies whatever depends on the targets: every
# later app, each of whose operations then re-renders the models related to the one it changes
# (the user model relates to nearly all). These run the named migrations only, through the
# executor's own apply and unapply, each on a state built from just the migrations they stand on.


def _stands_on(graph, nodes) -> list:
    """Every migration the given ones depend on, themselves left out; none of them may depend on
    one of the given ones (the state they make is then the one before the given ones)."""
    below = {dep for node in nodes for dep in graph.forwards_plan(node)} - set(nodes)
    assert not {node for dep in below for node in graph.forwards_plan(dep)} & set(nodes), nodes
    return sorted(below)


def apply_only(nodes) -> None:
    """Applies the migrations `nodes` ((app, name) pairs, in the order given) and records them."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    state = executor.loader.project_state(_stands_on(graph, nodes))
    executor.migrate(None, plan=[(graph.nodes[node], False) for node in nodes], state=state)
    ContentType.objects.clear_cache()


def unapply_only(nodes) -> None:
    """Unapplies the migrations `nodes` (given in the order they apply; unapplied newest first)
    and removes their records."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    states = [executor.loader.project_state(_stands_on(graph, nodes))]
    for node in nodes[:-1]:
        states.append(graph.nodes[node].mutate_state(states[-1], preserve=True))
    for node, state in reversed(list(zip(nodes, states, strict=True))):
        executor.unapply_migration(state, graph.nodes[node])
    ContentType.objects.clear_cache()


class QuickFlush:
    """Empties the database after a test that commits (`django_db(transaction=True)`) as Django's
    flush does, by deleting the rows of the tables that hold any instead of truncating every table
    (TRUNCATE costs PostgreSQL a new file per table: two seconds for two hundred tables).

    The tables of each of the `kept` groups (the rows `post_migrate` makes after a flush, as
    content types and permissions, or the ones a receiver of it reloads) are left as they are when
    they hold what they held when `remember` last read them: emptied and made again, they would
    hold the same rows. A test that changed any of a group's rows has the whole group emptied;
    `post_migrate` is then sent, as after a flush, and the group read again."""

    def __init__(self, kept: list[list[str]]):
        self.kept = [tuple(group) for group in kept]
        self.digests: dict[tuple, str | None] = {}

    def remember(self, connection) -> None:
        tables = set(connection.introspection.table_names())
        self.digests = {group: self._digest(connection, group, tables) for group in self.kept}

    def flush(self, connection) -> None:
        from django.core.management.sql import emit_post_migrate_signal

        tables = connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        if not tables:
            return
        quote = connection.ops.quote_name  # the table names are Django's own
        exists = ", ".join(f"EXISTS (SELECT 1 FROM {quote(t)})" for t in tables)  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {exists}")
            holding = {table for table, rows in zip(tables, cursor.fetchone(), strict=True) if rows}
        existing = set(tables)
        changed = [
            group
            for group in self.kept
            if self.digests.get(group) is None
            or self._digest(connection, group, existing) != self.digests[group]
        ]
        unchanged = {table for group in self.kept if group not in changed for table in group}
        emptied = sorted(holding - unchanged)
        if emptied:
            # One transaction: the foreign keys are checked at its end, when every row is gone.
            deletes = [f"DELETE FROM {quote(t)}" for t in emptied]  # noqa: S608
            connection.ops.execute_sql_flush(deletes)
        if changed:
            emit_post_migrate_signal(0, False, connection.alias)
            self.remember(connection)

    @staticmethod
    def _digest(connection, group, existing) -> str | None:
        if not set(group) <= existing:
            return None
        digest = hashlib.sha256()
        with connection.cursor() as cursor:
            for table in group:
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
                for row in sorted(map(repr, cursor.fetchall())):
                    digest.update(row.encode())
                digest.update(b"\0")
        return digest.hexdigest()
