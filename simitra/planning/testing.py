"""Factories for tests that need an action plan."""

import datetime as dt
from decimal import Decimal

from simitra.resources.testing import make_pledge

from .models import Activity
from .services import record_plan_version

START, END = dt.date(2025, 1, 1), dt.date(2027, 12, 31)


def make_activity(partnership, *, responsible=None, supporting=(), funded_by=(), **fields):
    fields.setdefault("title", "Kegiatan")
    fields.setdefault("start_date", dt.date(2025, 3, 1))
    fields.setdefault("end_date", dt.date(2025, 9, 30))
    fields.setdefault("deliverable", "Laporan kegiatan")
    fields.setdefault("budget", Decimal(50_000_000))
    activity = Activity.objects.create(partnership=partnership, responsible=responsible, **fields)
    activity.supporting.set(supporting)
    activity.funded_by.set(funded_by)
    return activity


def make_ready_plan(world):
    """Dates on the partnership, a pledge from every confirmed partner and activities that
    give each of them a part: the readiness check passes. Returns the pledges by partner."""
    partnership = world.partnership
    partnership.start_date, partnership.end_date = START, END
    partnership.save(update_fields=["start_date", "end_date"])
    pledges = {
        "broker": make_pledge(
            partnership.partners.get(organisation=world.broker),
            value=75_000_000,
            description="Fasilitasi dan sekretariat",
        ),
        "a": make_pledge(world.partner_a, value=1_250_000_000, description="Dana CSR"),
        "b": make_pledge(
            world.partner_b,
            value=45_000_000,
            category="endorsement",
            description="Surat keputusan dan rekomendasi",
            valuation_method="time",
        ),
    }
    make_activity(
        partnership,
        title="Pemberian makanan tambahan",
        responsible=world.partner_a,
        supporting=[world.partner_b],
        funded_by=[pledges["a"]],
    )
    make_activity(
        partnership,
        title="Sekretariat kemitraan",
        responsible=partnership.partners.get(organisation=world.broker),
        start_date=START,
        end_date=END,
        funded_by=[pledges["broker"], pledges["b"]],
    )
    record_plan_version(partnership=partnership, made_by=world.coordinator)
    return pledges
