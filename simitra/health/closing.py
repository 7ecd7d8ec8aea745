"""What later apps do once a health-check round is closed.

A later app that must act when a round closes registers here from its `AppConfig.ready()`, as
cycle apps register their gate checks with `partnerships`. The page and the API call
`round_closed` once they have closed a round. (The early warning no longer needs it: `close_round`
asks for its recompute through `simitra.partnerships.recompute`.)
"""

from collections.abc import Callable

_AFTER_CLOSE: dict[str, Callable] = {}


def register_after_close(*, key: str, function: Callable) -> None:
    """`function(partnership)` runs after a round of that partnership is closed."""
    _AFTER_CLOSE[key] = function


def round_closed(partnership) -> None:
    for function in _AFTER_CLOSE.values():
        function(partnership)
