import pytest

from simitra.agreements import services
from simitra.agreements.testing import SIGNED_ON, approved_mou
from simitra.partnerships import gates
from simitra.partnerships.models import Phase
from simitra.partnerships.testing import make_organisation, make_partner

pytestmark = pytest.mark.django_db


def check(world):
    result = gates.run_gate(world.partnership, Phase.AGREEING)
    return next(c for c in result.checks if c.code == "mou_signed")


def test_the_agreeing_gate_needs_the_mou_signed_by_every_confirmed_partner(ready):
    mou = approved_mou(ready)
    parties = list(mou.parties.select_related("partner__organisation"))
    for party in parties[:-1]:
        services.sign_for_party(
            party=party,
            signatory_name="Nama",
            signatory_title="Jabatan",
            signed_on=SIGNED_ON,
            recorded_by=ready.coordinator,
        )
    outcome = check(ready)
    assert not outcome.passed
    assert parties[-1].partner.organisation.name in outcome.message
    services.sign_for_party(
        party=parties[-1],
        signatory_name="Nama",
        signatory_title="Jabatan",
        signed_on=SIGNED_ON,
        recorded_by=ready.coordinator,
    )
    assert check(ready).passed
    # A partner confirmed later has not signed this MoU: the gate fails again.
    make_partner(ready.partnership, make_organisation("Mitra Baru"))
    outcome = check(ready)
    assert not outcome.passed and "Mitra Baru" in outcome.message
