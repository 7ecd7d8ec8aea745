"""Each partner's share of the partnership's contributions, the allocation measure's other input.

The share is the partner's part of the total value pledged (active pledges, converted to the
partnership's currency with each pledge's exchange rate), read from the resources app in one
query. Before anything is pledged there is nothing to compare with, so every confirmed partner
is given an equal share and the pages say so.
"""

from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, Sum

from simitra.resources.models import MONEY, Pledge

from .allocation import equal_contribution_shares


def contribution_shares(partnership, partners) -> tuple[dict[int, Decimal], bool]:
    """(partner id → share of contributions in 0–1, whether the shares are a fallback)."""
    ids = [p.pk for p in partners]
    totals = dict(
        Pledge.objects.active()
        .filter(partnership=partnership, partner_id__in=ids)
        .values("partner_id")
        .annotate(
            value=Sum(
                ExpressionWrapper(
                    F("estimated_value") * F("exchange_rate"), output_field=DecimalField(**MONEY)
                )
            )
        )
        .values_list("partner_id", "value")
    )
    total = sum((value or Decimal(0) for value in totals.values()), Decimal(0))
    if total <= 0:
        return equal_contribution_shares(ids), True
    return {pk: (totals.get(pk) or Decimal(0)) / total for pk in ids}, False
