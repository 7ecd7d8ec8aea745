"""The data generation: a number that moves on whenever the database is written.

Every connection carries `_watch` (installed when it opens, see `apps.py`): after a statement
that writes a table whose rows a page may show (INSERT, UPDATE, DELETE, REPLACE, TRUNCATE — from
the ORM, a bulk insert or a raw cursor alike), it moves this process's own counter on at once
(pages kept by this process are not served again, even before the transaction commits), and
asks for the stored number to move on once the transaction commits (so every other process
sees the change). A kept page names both numbers (`current`), read before the page is built.

Writes that change no page are left out: the sessions (written on sign-in and by the messages),
the log-in guard's attempts, the task queue's own rows (what a task writes elsewhere counts)
and the generation itself.
"""

import functools
import itertools
import logging
import os
import re

from django.db import DatabaseError, IntegrityError

logger = logging.getLogger(__name__)

TABLE = "pagecache_generation"
IGNORED = ("django_session", "axes_", "django_tasks", TABLE)
_HEADS = ("INSERT", "UPDATE", "DELETE", "REPLAC", "TRUNCA")
_TARGET = re.compile(
    r"\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM"
    r"|TRUNCATE(?:\s+TABLE)?)\s+(?:ONLY\s+)?[\"`\[]?(\w+)",
    re.IGNORECASE,
)

# The table's name quoted the same way on PostgreSQL and SQLite.
_MOVE_ON = 'UPDATE "pagecache_generation" SET value = value + 1 WHERE id = 1'
_FIRST_ROW = 'INSERT INTO "pagecache_generation" (id, value) VALUES (1, 1)'
_READ = 'SELECT value FROM "pagecache_generation" WHERE id = 1'

_counter = itertools.count(1)
_warned = False
_local = 0  # this process's writes seen so far (moved on by `_written`)


def writes_table(sql: str) -> bool:
    """Whether `sql` writes a table whose rows a page may show (a statement that cannot be
    read for its table counts as one)."""
    if sql.lstrip()[:6].upper() not in _HEADS:
        return False
    match = _TARGET.match(sql)
    return match is None or not match.group(1).lower().startswith(IGNORED)


def watch_connection(sender=None, connection=None, **kwargs):
    """Put `_watch` on a connection, outermost (a caller's own `execute_wrapper`, appended and
    popped around its block, stays last)."""
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _watch)


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if writes_table(sql):
        _written(context["connection"])
    return result


def _written(connection):
    global _local
    _local = next(_counter)
    if not connection.in_atomic_block:
        _bump(connection)
    elif not any(
        getattr(func, "moves_generation", False) for _, func, _ in connection.run_on_commit
    ):
        after_commit = functools.partial(_bump, connection)
        after_commit.moves_generation = True
        connection.on_commit(after_commit, robust=True)


def _bump(connection):
    """Move the stored number on (its row is made when missing: a database built from the models
    or emptied by a test has none)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute(_MOVE_ON)
            if cursor.rowcount == 0:
                try:
                    cursor.execute(_FIRST_ROW)
                except IntegrityError:  # another process made it meanwhile
                    cursor.execute(_MOVE_ON)
    except DatabaseError as error:
        # The data was written; only kept pages of other processes may be served until they
        # expire (SIMITRA_PAGE_SECONDS). Never fail the request that wrote. (While the database
        # is being migrated the table may not be there yet.)
        global _warned
        if not _warned:
            _warned = True
            logger.warning("the data generation could not be moved on: %s", error)


def current(connection) -> tuple[int, int, int] | None:
    """(the stored number, this process, its counter), or None when the number cannot be read.
    The process is named so that a page is only ever served by the process that kept it, even
    were the pages' cache shared: another process's counter says nothing of this one's writes."""
    try:
        with connection.cursor() as cursor:
            cursor.execute(_READ)
            row = cursor.fetchone()
    except DatabaseError:
        return None
    return (row[0] if row else 0, os.getpid(), _local)
