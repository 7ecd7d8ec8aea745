"""Factories for tests that need agreements."""

import datetime as dt

from .models import AgreementKind
from .services import approve_for_party, create_agreement, submit_for_review


def make_mou(world, *, language="id", **fields):
    return create_agreement(
        partnership=world.partnership,
        kind=AgreementKind.MOU,
        title=fields.pop("title", "Nota Kesepahaman Uji"),
        language=language,
        parties=list(world.partnership.confirmed_partners()),
        created_by=world.coordinator,
        **fields,
    )


def approved_mou(world, **fields):
    mou = make_mou(world, **fields)
    submit_for_review(agreement=mou, submitted_by=world.coordinator)
    for party in mou.parties.all():
        approve_for_party(party=party, approved_by=world.coordinator)
    mou.refresh_from_db()
    return mou


SIGNED_ON = dt.date(2025, 1, 20)
