"""Co-creation (the seed's first element: an initiative born of ideas created together).

Each idea — the problem statement, every cause and effect of the problem tree, every need and
every solution option — records the organisation that proposed it. For partner p:

    ideas_p = number of ideas proposed by p
    share_p = ideas_p / Σ ideas of all organisations

Flags: a partner with no idea at all (*silent*), and one organisation holding more than
DOMINANCE_SHARE of the attributed ideas while at least two partners take part (*dominant*).
Ideas without a recorded proposer are counted apart. Pure: no ORM inside.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from simitra.lib.numbers import format_percent

DOMINANCE_SHARE = 0.6


@dataclass(frozen=True)
class Idea:
    organisation_id: int | None
    kind: str  # "problem" | "cause" | "effect" | "need" | "option"


@dataclass(frozen=True)
class Ideas:
    organisation_id: int
    name: str
    count: int
    share: float
    is_partner: bool


@dataclass(frozen=True)
class CoCreation:
    rows: list[Ideas]
    total: int
    unattributed: int
    silent: list[str] = field(default_factory=list)
    dominant: str | None = None
    reasons: list[str] = field(default_factory=list)


def tally(
    ideas: Iterable[Idea],
    partners: Iterable[tuple[int, str]],
    others: dict[int, str] | None = None,
) -> CoCreation:
    """`partners` are (organisation id, name) of the partnership's partners; `others` names
    organisations that proposed ideas without being partners (any longer)."""
    counts = Counter()
    unattributed = 0
    for idea in ideas:
        if idea.organisation_id is None:
            unattributed += 1
        else:
            counts[idea.organisation_id] += 1
    attributed = sum(counts.values())
    names = dict(partners)
    rows = [
        Ideas(
            organisation_id=org_id,
            name=name,
            count=counts[org_id],
            share=counts[org_id] / attributed if attributed else 0.0,
            is_partner=True,
        )
        for org_id, name in names.items()
    ]
    for org_id, count in counts.items():
        if org_id not in names:
            rows.append(
                Ideas(
                    organisation_id=org_id,
                    name=(others or {}).get(org_id, "?"),
                    count=count,
                    share=count / attributed,
                    is_partner=False,
                )
            )
    rows.sort(key=lambda r: (-r.count, r.name))
    silent = [r.name for r in rows if r.is_partner and r.count == 0]
    dominant = None
    reasons = []
    if attributed and len(names) >= 2 and rows[0].share > DOMINANCE_SHARE:
        dominant = rows[0].name
        reasons.append(
            str(_("%(name)s proposed %(share)s of the ideas: co-creation is one-sided."))
            % {"name": dominant, "share": format_percent(rows[0].share)}
        )
    if silent:
        reasons.append(
            str(_("No idea recorded yet from: %(names)s.")) % {"names": ", ".join(silent)}
        )
    if unattributed:
        reasons.append(
            ngettext(
                "%(n)d idea has no proposer recorded.",
                "%(n)d ideas have no proposer recorded.",
                unattributed,
            )
            % {"n": unattributed}
        )
    return CoCreation(
        rows=rows,
        total=attributed + unattributed,
        unattributed=unattributed,
        silent=silent,
        dominant=dominant,
        reasons=reasons,
    )
