"""Does the agreement say everything an agreement must say?

A pure function: `agreement_completeness(sections=…, parties=…, contributions=…)`.

Items checked, each satisfied or missing with its reason:

* every required section (purpose, scope, roles and contributions, governance and
  decision-making, risk sharing, dispute resolution, duration, amendment, termination and
  exit) is present, not empty, and holds no placeholder left to fill in (text in ``[…]``);
* at least two parties;
* every party has at least one contribution to list (the contributions come from the data).

    score = satisfied items ÷ all items        (1 means complete)
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

REQUIRED_SECTIONS = (
    "purpose",
    "scope",
    "roles",
    "governance",
    "risk",
    "disputes",
    "duration",
    "amendment",
    "termination",
)
PLACEHOLDER = "[…"


@dataclass(frozen=True)
class Missing:
    code: str
    message: str
    section: str | None = None


@dataclass(frozen=True)
class Completeness:
    items: int
    missing: tuple[Missing, ...]

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def score(self) -> float:
        return (self.items - len(self.missing)) / self.items if self.items else 0.0

    def for_section(self, key: str) -> list[Missing]:
        return [m for m in self.missing if m.section == key]


def agreement_completeness(
    *,
    sections: Mapping[str, str],
    parties: Sequence[str],
    contributions: Mapping[str, int],
    titles: Mapping[str, str] | None = None,
    required: Sequence[str] = REQUIRED_SECTIONS,
) -> Completeness:
    """`sections`: key → text; `parties`: party names; `contributions`: name → count."""
    titles = titles or {}
    missing: list[Missing] = []
    for key in required:
        title = titles.get(key, key)
        if key not in sections:
            missing.append(
                Missing(
                    "section_missing",
                    _("The section “%(title)s” is missing.") % {"title": title},
                    key,
                )
            )
        elif not sections[key].strip():
            missing.append(
                Missing(
                    "section_empty", _("The section “%(title)s” is empty.") % {"title": title}, key
                )
            )
        elif PLACEHOLDER in sections[key]:
            missing.append(
                Missing(
                    "placeholder",
                    _("The section “%(title)s” still has a placeholder […] to fill in.")
                    % {"title": title},
                    key,
                )
            )
    if len(parties) < 2:
        missing.append(Missing("parties", _("An agreement needs at least two parties.")))
    for name in parties:
        if not contributions.get(name):
            missing.append(
                Missing(
                    "no_contribution",
                    _("%(name)s has no contribution recorded to list in the agreement.")
                    % {"name": name},
                    "roles",
                )
            )
    items = len(required) + 1 + len(parties)
    return Completeness(items=items, missing=tuple(missing))
