"""Counts of how partners take part, supplied by later cycle apps for the balance measure.

The action plan registers "activities led" from `PlanningConfig.ready()`, governance "meetings
attended" from `GovernanceConfig.ready()`. Each function takes a partnership and returns
{partner id: count} in a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ParticipationSource:
    key: str
    title: str
    function: Callable
    order: int = 100


_SOURCES: dict[str, ParticipationSource] = {}


def register_participation(*, key: str, title, function: Callable, order: int = 100) -> None:
    _SOURCES[key] = ParticipationSource(key=key, title=title, function=function, order=order)


def participation_sources() -> list[ParticipationSource]:
    return sorted(_SOURCES.values(), key=lambda source: source.order)
