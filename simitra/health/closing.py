"""What later apps do once a health-check round is closed.

The early warning reads closed rounds, so it recomputes a partnership's signals when one of its
rounds closes. It sits above the health check (it reads the round results), so the health check
may not call it: it registers its recompute here from `EarlyWarningConfig.ready()`, as cycle
apps register their gate checks with `partnerships`. The page and the API call `round_closed`
once they have closed a round.
"""

from collections.abc import Callable

_AFTER_CLOSE: dict[str, Callable] = {}


def register_after_close(*, key: str, function: Callable) -> None:
    """`function(partnership)` runs after a round of that partnership is closed."""
    _AFTER_CLOSE[key] = function


def round_closed(partnership) -> None:
    for function in _AFTER_CLOSE.values():
        function(partnership)
