"""Factories for tests that need agreements."""

import datetime as dt

from .models import AgreementKind
from .services import approve_for_party, create_agreement, sign_for_party, submit_for_review


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


def signed_mou(world, *, names: dict | None = None, **fields):
    """An MoU approved and signed by every party (the world needs a ready plan and a
    contribution from every partner, e.g. `planning.testing.make_ready_plan`)."""
    mou = approved_mou(world, **fields)
    for n, party in enumerate(mou.parties.select_related("partner__organisation"), start=1):
        sign_for_party(
            party=party,
            signatory_name=(names or {}).get(party.partner_id, f"Penanda Tangan {n}"),
            signatory_title="Pimpinan",
            signed_on=SIGNED_ON,
            recorded_by=world.coordinator,
        )
    mou.refresh_from_db()
    return mou
