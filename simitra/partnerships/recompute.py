"""The one entry point the writers of a partnership's records call when they change something
that later apps derive a stored state from (today: the early warning's signals).

The early warning sits above every cycle app, so they may not call it. It registers here, from
`EarlyWarningConfig.ready()`, the function that queues its recompute (coalesced per partnership)
and the records it reads, each with its path to the partnership; the services, the pages that
save without a service and the API call `inputs_changed(partnership_id)` or
`record_changed(record)` once they have written. Nothing is done before the transaction commits:
a write that is rolled back asks for nothing, and the recompute reads what was committed.

Several writes of one partnership in one transaction ask once (the callbacks already waiting
for the commit are looked at before another is added).
"""

from collections.abc import Callable

from django.db import transaction

_LISTENERS: dict[str, Callable[[int], None]] = {}
# "app_label.ModelName" → the attribute path from such a record to its partnership's id.
_WATCHED: dict[str, str] = {}


def register(*, key: str, function: Callable[[int], None], models: dict[str, str]) -> None:
    """`function(partnership_id)` runs after a transaction that changed one of `models`
    ({"planning.Activity": "partnership_id", "resources.Delivery": "pledge.partnership_id"})
    commits."""
    _LISTENERS[key] = function
    _WATCHED.update(models)


class _AfterCommit:
    """The callback waiting for the commit, one per partnership and transaction."""

    def __init__(self, partnership_id: int):
        self.partnership_id = partnership_id

    def __call__(self) -> None:
        for function in list(_LISTENERS.values()):
            function(self.partnership_id)


def _waiting(partnership_id: int) -> bool:
    connection = transaction.get_connection()
    return any(
        isinstance(function, _AfterCommit) and function.partnership_id == partnership_id
        for _savepoints, function, _robust in connection.run_on_commit
    )


def inputs_changed(partnership_id: int | None) -> None:
    """A record the derived states of partnership `partnership_id` read has changed."""
    if partnership_id is None or not _LISTENERS:
        return
    if transaction.get_connection().in_atomic_block and _waiting(partnership_id):
        return
    # robust: a queue that cannot be reached never breaks the write itself (the nightly run
    # recomputes every partnership anyway).
    transaction.on_commit(_AfterCommit(partnership_id), robust=True)


def watched(record) -> bool:
    return record._meta.label in _WATCHED


def _partnership_id(record) -> int | None:
    value = record
    for name in _WATCHED[record._meta.label].split("."):
        value = getattr(value, name, None)
        if value is None:
            return None
    return value


def record_changed(record) -> None:
    """`record` was created, changed or deleted; asks for a recompute if it is one of the
    records a derived state reads (any other record is ignored)."""
    if record is not None and watched(record):
        inputs_changed(_partnership_id(record))
