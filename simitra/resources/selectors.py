"""Gathering the contribution balance's facts from the database (the measure itself is pure)."""

import datetime as dt

from django.db.models import DecimalField, ExpressionWrapper, F
from django.utils import timezone

from simitra.lib import charts
from simitra.partnerships.models import Partnership

from .balance import Balance, PartnerFact, PledgeFact, contribution_balance
from .models import MONEY, Pledge
from .participation import participation_sources


def partner_label(partner) -> str:
    organisation = partner.organisation
    return organisation.acronym or organisation.name


def partnership_balance(partnership: Partnership, today: dt.date | None = None) -> Balance:
    """The balance across the confirmed partners, in a fixed number of queries."""
    today = today or timezone.localdate()
    partners = list(partnership.confirmed_partners())
    counts = {source.key: source.function(partnership) for source in participation_sources()}
    facts = [
        PartnerFact(
            partner_id=partner.pk,
            name=partner.organisation.name,
            participation={key: values.get(partner.pk, 0) for key, values in counts.items()},
        )
        for partner in partners
    ]
    rows = (
        Pledge.objects.active()
        .filter(partnership=partnership)
        .with_delivered()
        .annotate(
            base=ExpressionWrapper(
                F("estimated_value") * F("exchange_rate"), output_field=DecimalField(**MONEY)
            )
        )
        .values_list(
            "partner_id", "category", "base", "delivered_amount", "exchange_rate", "due_date"
        )
    )
    pledges = [
        PledgeFact(
            partner_id=partner_id,
            category=category,
            value=base,
            delivered=delivered * rate,
            due_date=due_date,
        )
        for partner_id, category, base, delivered, rate, due_date in rows
    ]
    return contribution_balance(
        facts,
        pledges,
        today=today,
        participation_titles={source.key: str(source.title) for source in participation_sources()},
    )


def _millions(amount) -> float:
    return round(float(amount) / 1_000_000, 1)


def balance_chart(balance: Balance, labels: dict[int, str], titles: dict[str, str]) -> dict:
    """A Chart.js configuration: value pledged and delivered per partner, in millions of the
    partnership's currency (horizontal bars, so long names fit a phone)."""
    return charts.horizontal_bars(
        [labels.get(p.partner_id, p.name) for p in balance.partners],
        [
            charts.dataset(
                titles["pledged"], [_millions(p.pledged) for p in balance.partners], charts.BRAND
            ),
            charts.dataset(
                titles["delivered"],
                [_millions(p.delivered) for p in balance.partners],
                charts.ACCENT,
            ),
        ],
        x={"beginAtZero": True},
    )
