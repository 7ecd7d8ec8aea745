"""The contribution balance: does every partner contribute, and does no one dominate?

A pure function over plain facts (no database): `contribution_balance(partners, pledges, today=…)`.

For each partner i and each *component* c that has anything recorded, the partner's share is

    share_c(i) = x_c(i) / Σ_j x_c(j)

with the components

* ``pledged``    x = value pledged (active pledges, in the partnership's currency)
* ``delivered``  x = value delivered against those pledges
* ``categories`` x = number of the five categories the partner's pledges cover
* one per registered participation count (e.g. ``activities_led``: activities it is
  responsible for).

A component nobody has anything in is left out (and a reason says so). The partner's
**participation score** is the mean of its shares over the components left in, so the scores
add up to 1. The partnership **index** is one minus the normalised Gini coefficient of the
scores:

    index = 1 − Σ_i Σ_j |s_i − s_j| / (2 (n − 1) Σ_i s_i)

which is 1 when every partner participates equally and 0 when one partner does everything.
With fewer than two partners, or nothing recorded, the index is 0.

Flags, each with its reason:

* ``dominant`` — a score above ``1/n + DOMINANCE_MARGIN × (1 − 1/n)`` (more than halfway from a
  fair share to everything);
* ``nothing`` — a partner with no active pledge at all.

The fulfilment rate of a partner is Σ min(delivered, value) ÷ Σ value over its pledges that are
due (due date on or before `today`), or None when nothing is due yet.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from simitra.lib.numbers import format_number, format_percent

DOMINANCE_MARGIN = 0.5
CATEGORY_COUNT = 5
ZERO = Decimal("0")


@dataclass(frozen=True)
class PartnerFact:
    partner_id: int
    name: str
    participation: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class PledgeFact:
    partner_id: int
    category: str
    value: Decimal
    delivered: Decimal = ZERO
    due_date: dt.date | None = None


@dataclass(frozen=True)
class Flag:
    code: str
    partner_id: int
    reason: str


@dataclass(frozen=True)
class PartnerBalance:
    partner_id: int
    name: str
    pledge_count: int
    pledged: Decimal
    delivered: Decimal
    categories: tuple[str, ...]
    due: Decimal
    fulfilment: float | None
    participation: Mapping[str, int]
    shares: Mapping[str, float]
    score: float
    flags: tuple[Flag, ...]

    @property
    def category_coverage(self) -> float:
        return len(self.categories) / CATEGORY_COUNT


@dataclass(frozen=True)
class Balance:
    index: float
    partners: tuple[PartnerBalance, ...]
    components: tuple[str, ...]
    reasons: tuple[str, ...]
    dominance_threshold: float
    total_pledged: Decimal
    total_delivered: Decimal

    @property
    def flags(self) -> tuple[Flag, ...]:
        return tuple(flag for partner in self.partners for flag in partner.flags)

    @property
    def fair_share(self) -> float:
        return 1 / len(self.partners) if self.partners else 0.0


def _shares(values: Mapping[int, float]) -> dict[int, float] | None:
    total = sum(values.values())
    if total <= 0:
        return None
    return {key: value / total for key, value in values.items()}


def balance_index(scores: Sequence[float]) -> float:
    """1 − the Gini coefficient of `scores`, normalised so that one partner holding everything
    gives 0; 0 with fewer than two partners or all scores zero."""
    n = len(scores)
    total = sum(scores)
    if n < 2 or total <= 0:
        return 0.0
    spread = sum(abs(a - b) for a in scores for b in scores)
    return min(1.0, max(0.0, 1 - spread / (2 * (n - 1) * total)))


def contribution_balance(
    partners: Sequence[PartnerFact],
    pledges: Sequence[PledgeFact],
    *,
    today: dt.date,
    participation_titles: Mapping[str, str] | None = None,
) -> Balance:
    participation_titles = participation_titles or {}
    ids = [p.partner_id for p in partners]
    pledged = dict.fromkeys(ids, ZERO)
    delivered = dict.fromkeys(ids, ZERO)
    due = dict.fromkeys(ids, ZERO)
    met = dict.fromkeys(ids, ZERO)
    counts = dict.fromkeys(ids, 0)
    categories: dict[int, set[str]] = {i: set() for i in ids}
    for pledge in pledges:
        if pledge.partner_id not in pledged:
            continue
        i = pledge.partner_id
        counts[i] += 1
        pledged[i] += pledge.value
        delivered[i] += pledge.delivered
        categories[i].add(pledge.category)
        if pledge.due_date is not None and pledge.due_date <= today and pledge.value > 0:
            due[i] += pledge.value
            met[i] += min(pledge.delivered, pledge.value)

    components: dict[str, dict[int, float]] = {
        "pledged": {i: float(pledged[i]) for i in ids},
        "delivered": {i: float(delivered[i]) for i in ids},
        "categories": {i: float(len(categories[i])) for i in ids},
    }
    keys = sorted({key for p in partners for key in p.participation})
    for key in keys:
        components[key] = {p.partner_id: float(p.participation.get(key, 0)) for p in partners}

    reasons: list[str] = []
    labels = {
        "pledged": _("value pledged"),
        "delivered": _("value delivered"),
        "categories": _("categories covered"),
        **participation_titles,
    }
    shares: dict[str, dict[int, float]] = {}
    for key, values in components.items():
        component_shares = _shares(values)
        if component_shares is None:
            reasons.append(
                _("Nothing recorded yet for “%(component)s”: it is left out of the scores.")
                % {"component": labels.get(key, key)}
            )
        else:
            shares[key] = component_shares

    scores = {i: (sum(s[i] for s in shares.values()) / len(shares)) if shares else 0.0 for i in ids}
    n = len(ids)
    index = balance_index([scores[i] for i in ids]) if shares else 0.0
    threshold = (1 / n + DOMINANCE_MARGIN * (1 - 1 / n)) if n else 1.0

    if n < 2:
        reasons.insert(0, _("Balance needs at least two partners."))
    elif not shares:
        reasons.insert(0, _("No contributions recorded yet."))
    else:
        reasons.insert(
            0,
            _(
                "Index %(index)s = 1 − the normalised Gini coefficient of %(n)d partners' "
                "participation scores, each the mean of their shares of: %(components)s."
            )
            % {
                "index": format_number(index, 2),
                "n": n,
                "components": ", ".join(str(labels.get(key, key)) for key in shares),
            },
        )

    results = []
    for partner in partners:
        i = partner.partner_id
        flags = []
        if counts[i] == 0:
            flags.append(
                Flag(
                    "nothing",
                    i,
                    _("%(name)s has pledged no contribution.") % {"name": partner.name},
                )
            )
        if n >= 2 and shares and scores[i] > threshold:
            flags.append(
                Flag(
                    "dominant",
                    i,
                    _(
                        "%(name)s holds %(score)s of the participation (a fair share is "
                        "%(fair)s, the warning line %(line)s)%(value)s."
                    )
                    % {
                        "name": partner.name,
                        "score": format_percent(scores[i]),
                        "fair": format_percent(1 / n),
                        "line": format_percent(threshold),
                        "value": (
                            _(" and %(share)s of the value pledged")
                            % {"share": format_percent(shares["pledged"][i])}
                            if "pledged" in shares
                            else ""
                        ),
                    },
                )
            )
        results.append(
            PartnerBalance(
                partner_id=i,
                name=partner.name,
                pledge_count=counts[i],
                pledged=pledged[i],
                delivered=delivered[i],
                categories=tuple(sorted(categories[i])),
                due=due[i],
                fulfilment=float(met[i] / due[i]) if due[i] > 0 else None,
                participation=dict(partner.participation),
                shares={key: s[i] for key, s in shares.items()},
                score=scores[i],
                flags=tuple(flags),
            )
        )
    return Balance(
        index=index,
        partners=tuple(results),
        components=tuple(shares),
        reasons=tuple(reasons),
        dominance_threshold=threshold,
        total_pledged=sum(pledged.values(), ZERO),
        total_delivered=sum(delivered.values(), ZERO),
    )
