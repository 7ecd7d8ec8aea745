"""Each partner's share of the partnership's contributions, the measure's other input.

Contributions are recorded by the resources app. Until its data is wired in here, every
confirmed partner is given an equal share, and pages say so.
"""

from decimal import Decimal

from .allocation import equal_contribution_shares


def contribution_shares(partnership, partners) -> tuple[dict[int, Decimal], bool]:
    """(partner id → share of contributions in 0–1, whether the shares are a fallback)."""
    return equal_contribution_shares([p.pk for p in partners]), True
