"""The indicator set is proposed by the coordinator and approved by every confirmed partner;
a change after approval resets the agreement, and who approved what is kept."""

import pytest
from django.urls import reverse

from simitra.results import services
from simitra.results.models import FrameworkApproval, FrameworkProposal
from simitra.results.testing import make_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(world):
    return make_indicator(world.partnership, world.partner_a)


def url(world, name="agreement"):
    return reverse(f"results:{name}", args=[world.partnership.code])


def approve_by_all(world, client_for):
    broker = world.partnership.partners.get(organisation=world.broker)
    # The coordinator works for the broker partner; each approves for its own organisation.
    for user, partner in (
        (world.coordinator, broker),
        (world.partner_user, world.partner_a),
        (world.partner_b_user, world.partner_b),
    ):
        response = client_for(user).post(url(world, "agreement_approve"), {"partner": partner.pk})
        assert response.status_code == 302


def test_the_coordinator_proposes_and_every_partner_approves(world, indicator, client_for):
    assert client_for(world.coordinator).post(url(world)).status_code == 302
    proposal = FrameworkProposal.objects.get()
    assert proposal.version == 1 and proposal.snapshot["indicators"][0]["title"] == "Kader terlatih"
    status = services.agreement_status(world.partnership)
    assert not status["agreed"] and len(status["missing"]) == 3
    approve_by_all(world, client_for)
    assert services.agreement_status(world.partnership)["agreed"]
    approval = FrameworkApproval.objects.get(partner=world.partner_a)
    assert approval.approved_by == world.partner_user


def test_a_partner_cannot_propose_and_an_observer_cannot_approve(world, indicator, client_for):
    assert client_for(world.partner_user).post(url(world)).status_code == 403
    services.propose_framework(partnership=world.partnership, proposed_by=world.coordinator)
    data = {"partner": world.partner_a.pk}
    assert client_for(world.observer).post(url(world, "agreement_approve"), data).status_code == 403
    assert client_for(world.outsider).post(url(world, "agreement_approve"), data).status_code == 404
    assert not FrameworkApproval.objects.exists()


def test_a_change_after_approval_resets_the_agreement(world, indicator, client_for):
    client = client_for(world.coordinator)
    client.post(url(world))
    approve_by_all(world, client_for)
    response = client.post(
        reverse("results:indicator_edit", args=[world.partnership.code, indicator.pk]),
        {
            "result": indicator.result_id,
            "type": "output",
            "title": "Kader posyandu terlatih",
            "measure": "number",
            "direction": "higher",
            "frequency": "quarterly",
            "responsible_partner": world.partner_a.pk,
        },
    )
    assert response.status_code == 302
    status = services.agreement_status(world.partnership)
    assert status["proposal"] is None and not status["agreed"]
    old = FrameworkProposal.objects.get()
    assert old.superseded_at is not None
    # Who approved the old version stays on record.
    assert old.approvals.count() == 3
    client.post(url(world))
    status = services.agreement_status(world.partnership)
    assert status["proposal"].version == 2 and len(status["missing"]) == 3


def test_a_changed_target_also_resets_it(world, indicator, client_for):
    services.propose_framework(partnership=world.partnership, proposed_by=world.coordinator)
    period = indicator.periods.first()
    response = client_for(world.coordinator).post(
        reverse("results:periods", args=[world.partnership.code, indicator.pk]),
        {"targets": "1", **{f"target_{p.pk}": "99" for p in indicator.periods.all()}},
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.target == 99
    assert services.live_proposal(world.partnership) is None


def test_approving_a_stale_proposal_is_refused(world, indicator):
    proposal = services.propose_framework(
        partnership=world.partnership, proposed_by=world.coordinator
    )
    indicator.title = "Diubah di tempat lain"
    indicator.save()
    with pytest.raises(services.FlowError):
        services.approve_framework(
            proposal=proposal, partner=world.partner_a, approved_by=world.partner_user
        )
    assert not FrameworkApproval.objects.exists()


def test_proposing_an_unchanged_set_twice_is_refused(world, indicator):
    services.propose_framework(partnership=world.partnership, proposed_by=world.coordinator)
    with pytest.raises(services.FlowError):
        services.propose_framework(partnership=world.partnership, proposed_by=world.coordinator)
    assert FrameworkProposal.objects.count() == 1


# --- separation of duties: one organisation at a time ---------------------------------------


@pytest.fixture
def two_org_user(world):
    """A person who works for both partner A and partner B."""
    from simitra.partnerships.testing import make_member, make_user

    user = make_user("dua_org")
    make_member(user, world.org_a)
    make_member(user, world.org_b)
    return user


def test_a_member_of_two_organisations_approves_for_each_separately(
    world, indicator, client_for, two_org_user
):
    proposal = services.propose_framework(
        partnership=world.partnership, proposed_by=world.coordinator
    )
    client = client_for(two_org_user)
    page = client.get(url(world)).content.decode()
    # One button per organisation, each naming it; none that approves for both.
    assert "Setujui versi ini untuk PT Mitra Usaha" in page
    assert "Setujui versi ini untuk Dinas Kesehatan" in page
    response = client.post(url(world, "agreement_approve"), {"partner": world.partner_a.pk})
    assert response.status_code == 302
    assert list(proposal.approvals.values_list("partner_id", "approved_by_id")) == [
        (world.partner_a.pk, two_org_user.pk)
    ]
    page = client.get(url(world)).content.decode()
    assert "Setujui versi ini untuk PT Mitra Usaha" not in page
    assert "Setujui versi ini untuk Dinas Kesehatan" in page
    client.post(url(world, "agreement_approve"), {"partner": world.partner_b.pk})
    assert sorted(proposal.approvals.values_list("partner_id", flat=True)) == sorted(
        [world.partner_a.pk, world.partner_b.pk]
    )


def test_an_approval_that_names_no_organisation_is_refused(
    world, indicator, client_for, two_org_user
):
    services.propose_framework(partnership=world.partnership, proposed_by=world.coordinator)
    response = client_for(two_org_user).post(url(world, "agreement_approve"))
    assert response.status_code == 400
    assert "Pilih organisasi yang Anda wakili" in response.content.decode()
    assert not FrameworkApproval.objects.exists()


def test_nobody_approves_for_an_organisation_they_do_not_work_for(world, indicator, client_for):
    services.propose_framework(partnership=world.partnership, proposed_by=world.coordinator)
    response = client_for(world.partner_user).post(
        url(world, "agreement_approve"), {"partner": world.partner_b.pk}
    )
    assert response.status_code == 403
    assert "Anda tidak bertindak untuk organisasi ini" in response.content.decode()
    assert not FrameworkApproval.objects.exists()


def test_approving_twice_for_one_organisation_is_refused(world, indicator, client_for):
    services.propose_framework(partnership=world.partnership, proposed_by=world.coordinator)
    client = client_for(world.partner_user)
    data = {"partner": world.partner_a.pk}
    assert client.post(url(world, "agreement_approve"), data).status_code == 302
    assert client.post(url(world, "agreement_approve"), data).status_code == 409
    assert FrameworkApproval.objects.count() == 1
