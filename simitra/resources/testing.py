"""Factories for tests that need contributions."""

import datetime as dt
from decimal import Decimal

from .models import Category, Delivery, Pledge, ValuationMethod
from .services import record_delivery, save_pledge


def make_pledge(partner, *, value=100_000_000, category=Category.SUPPORT, **fields) -> Pledge:
    fields.setdefault("description", f"Kontribusi {partner.organisation.name}")
    fields.setdefault("valuation_method", ValuationMethod.CASH)
    pledge = Pledge(
        partnership=partner.partnership,
        partner=partner,
        category=category,
        estimated_value=Decimal(value),
        **fields,
    )
    return save_pledge(pledge=pledge, saved_by=None)


def make_delivery(pledge, *, amount, user=None, day=None, **fields) -> Delivery:
    fields.setdefault("evidence_url", "https://bukti.example/dokumen.pdf")
    delivery = Delivery(
        pledge=pledge, delivered_on=day or dt.date(2025, 3, 1), amount=Decimal(amount), **fields
    )
    return record_delivery(delivery=delivery, recorded_by=user)
