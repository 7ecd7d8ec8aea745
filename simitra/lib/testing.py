"""Test helpers that know nothing of Simitra's models."""

import datetime as dt
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
