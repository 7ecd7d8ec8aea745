"""The assessment page: declaration first, blind scoring, conflicts set apart, and the
coordinator's decision."""

import pytest
from django.urls import reverse

from simitra.partnerships.models import PartnerStatus
from simitra.partnerships.testing import make_organisation, make_partner, make_user
from simitra.scoping.models import Assessment, Candidacy, Score

from .helpers import in_english, make_assessment, make_tie

pytestmark = pytest.mark.django_db

SECRET = "Laporan audit rahasia 2023"


@pytest.fixture
def candidate(world):
    organisation = make_organisation("Yayasan Calon")
    return make_partner(world.partnership, organisation, status=PartnerStatus.CANDIDATE)


def url(world, name, partner, *args):
    return reverse(name, args=[world.partnership.code, partner.pk, *args])


def full_scores(**changes):
    data = {}
    for criterion in ("capacity", "quality", "integrity", "commitment"):
        data[f"{criterion}_score"] = 4
        data[f"{criterion}_evidence"] = f"Bukti {criterion}"
    return {**data, **changes}


def other_submitted(candidate, assessor):
    assessment = make_assessment(candidate, assessor, (2, 5, 1, 5))
    Score.objects.filter(assessment=assessment, criterion="integrity").update(evidence=SECRET)
    return assessment


def test_an_assessor_declares_before_scoring(world, client_for, candidate):
    in_english(world.partner_user)
    client = client_for(world.partner_user)
    page = client.get(url(world, "scoping:candidate", candidate)).content.decode()
    assert "declare any conflict of interest" in page and 'name="capacity_score"' not in page
    response = client.post(
        url(world, "scoping:candidate_score", candidate), full_scores(submit="1")
    )
    assert response.status_code == 302
    assert not Assessment.objects.exists() and not Score.objects.exists()
    client.post(url(world, "scoping:candidate_declare", candidate), {"conflicted": "no"})
    assessment = Assessment.objects.get()
    assert not assessment.declared_conflict and assessment.declared_at
    assert (
        'name="capacity_score"'
        in client.get(url(world, "scoping:candidate", candidate)).content.decode()
    )


def test_a_declared_conflict_must_be_described(world, client_for, candidate):
    in_english(world.partner_user)
    response = client_for(world.partner_user).post(
        url(world, "scoping:candidate_declare", candidate), {"conflicted": "yes", "note": ""}
    )
    assert response.status_code == 400
    assert "Describe the conflict of interest." in response.content.decode()
    assert not Assessment.objects.exists()


def test_scoring_is_blind_until_the_assessor_submits(world, client_for, candidate):
    other_submitted(candidate, world.partner_b_user)
    client = client_for(world.partner_user)
    client.post(url(world, "scoping:candidate_declare", candidate), {"conflicted": "no"})
    for response in (
        client.get(url(world, "scoping:candidate", candidate)),
        client.get(url(world, "scoping:candidate", candidate), HTTP_HX_REQUEST="true"),
        client.get(reverse("scoping:candidates", args=[world.partnership.code])),
        client.get(
            reverse("scoping:candidates", args=[world.partnership.code]), HTTP_HX_REQUEST="true"
        ),
    ):
        body = response.content.decode()
        assert response.status_code == 200
        assert SECRET not in body and world.partner_b_user.username not in body
        assert "result" not in (response.context or {}) and "assessed" not in (
            response.context or {}
        )
    # A draft does not lift the blind either.
    client.post(url(world, "scoping:candidate_score", candidate), full_scores(save="1"))
    assert SECRET not in client.get(url(world, "scoping:candidate", candidate)).content.decode()
    # Submitting does.
    response = client.post(
        url(world, "scoping:candidate_score", candidate), full_scores(submit="1")
    )
    assert response.status_code == 302
    body = client.get(url(world, "scoping:candidate", candidate)).content.decode()
    assert SECRET in body


def test_an_invalid_score_form_keeps_what_was_typed_and_saves_nothing(world, client_for, candidate):
    in_english(world.partner_user)
    client = client_for(world.partner_user)
    client.post(url(world, "scoping:candidate_declare", candidate), {"conflicted": "no"})
    data = full_scores(submit="1", quality_evidence="", commitment_score="", commitment_evidence="")
    response = client.post(url(world, "scoping:candidate_score", candidate), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Give the evidence for this score." in body
    assert "Score this criterion to submit." in body
    assert "Bukti capacity" in body
    assert not Score.objects.exists()
    assert not Assessment.objects.get().is_submitted


def test_a_submitted_assessment_no_longer_changes(world, client_for, candidate):
    make_assessment(candidate, world.partner_user, (3, 3, 3, 3))
    client = client_for(world.partner_user)
    client.post(url(world, "scoping:candidate_score", candidate), full_scores(submit="1"))
    assert set(Score.objects.values_list("score", flat=True)) == {3}


def test_a_register_tie_sets_the_assessment_apart(world, client_for, candidate):
    in_english(world.coordinator)
    make_assessment(candidate, world.partner_b_user, (2, 2, 2, 2))
    make_assessment(candidate, world.partner_user, (5, 5, 5, 5))
    make_tie(
        world.partnership,
        world.partner_user,
        candidate.organisation,
        description="Adik bekerja di sana",
    )
    body = (
        client_for(world.coordinator)
        .get(url(world, "scoping:candidate", candidate))
        .content.decode()
    )
    result = body.split("result-table")[1].split("</table>")[0]
    assert "<strong>2.0</strong>" in result and "<strong>5.0</strong>" not in result
    assert "conflicted — not counted" in body
    assert "Relationship register: family tie to the candidate." in body
    assert "1 conflicted assessment is shown apart and not counted." in body


def test_the_assessor_is_warned_of_their_own_tie_before_declaring(world, client_for, candidate):
    in_english(world.partner_user)
    make_tie(world.partnership, world.partner_user, candidate.organisation, kind="board")
    body = (
        client_for(world.partner_user)
        .get(url(world, "scoping:candidate", candidate))
        .content.decode()
    )
    assert "You appear to be tied to this candidate." in body
    assert "board seat" in body


def test_a_member_of_the_candidate_is_flagged_without_any_register_entry(world, client_for):
    in_english(world.coordinator)
    make_assessment(world.partner_a, world.partner_user)  # works for org_a
    body = (
        client_for(world.coordinator)
        .get(url(world, "scoping:candidate", world.partner_a))
        .content.decode()
    )
    assert "The assessor is a member of the candidate organisation." in body


def test_only_the_coordinator_selects_and_invites_a_candidate(world, client_for, candidate):
    data = {"decision": "confirm", "reason": "Skor memadai"}
    assert (
        client_for(world.partner_user)
        .post(url(world, "scoping:candidate_decide", candidate), data)
        .status_code
        == 403
    )
    assert (
        client_for(world.observer)
        .post(url(world, "scoping:candidate_decide", candidate), data)
        .status_code
        == 403
    )
    assert (
        client_for(world.outsider)
        .post(url(world, "scoping:candidate_decide", candidate), data)
        .status_code
        == 404
    )
    candidate.refresh_from_db()
    assert candidate.status == PartnerStatus.CANDIDATE
    response = client_for(world.coordinator).post(
        url(world, "scoping:candidate_decide", candidate), data
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    # Selected, so invited: it becomes a confirmed partner only when it accepts itself.
    assert candidate.status == PartnerStatus.INVITED and candidate.invited_by == world.coordinator
    decision = Candidacy.objects.get(partner=candidate)
    assert decision.decision == "confirmed" and decision.decision_reason == "Skor memadai"
    assert decision.decided_by == world.coordinator


def test_a_rejection_rejects_the_candidate_with_its_reason(world, client_for, candidate):
    client_for(world.coordinator).post(
        url(world, "scoping:candidate_decide", candidate),
        {"decision": "reject", "reason": "Integritas diragukan"},
    )
    candidate.refresh_from_db()
    assert candidate.status == PartnerStatus.REJECTED
    assert candidate.candidacy.decision == "rejected"


def test_a_rejected_candidate_is_not_listed_among_the_partners(world, client_for, candidate):
    former = make_partner(world.partnership, make_organisation("Yayasan Lama"), status="withdrawn")
    client = client_for(world.coordinator)
    client.post(
        url(world, "scoping:candidate_decide", candidate),
        {"decision": "reject", "reason": "Integritas diragukan"},
    )
    page = client.get(world.partnership.get_absolute_url())
    partners = [partner.pk for partner in page.context["partners"]]
    assert candidate.pk not in partners and former.pk in partners
    assert ">Yayasan Calon</a>" not in page.content.decode()
    candidates = client.get(reverse("scoping:candidates", args=[world.partnership.code]))
    assert "Yayasan Calon" in candidates.content.decode()


@pytest.mark.parametrize("status", [PartnerStatus.WITHDRAWN, PartnerStatus.REJECTED])
def test_a_candidate_no_longer_taking_part_is_not_scored(world, client_for, candidate, status):
    candidate.status = status
    candidate.save()
    body = (
        client_for(world.partner_user)
        .get(url(world, "scoping:candidate", candidate))
        .content.decode()
    )
    assert 'name="conflicted"' not in body


def test_a_decision_without_a_reason_is_refused(world, client_for, candidate):
    in_english(world.coordinator)
    response = client_for(world.coordinator).post(
        url(world, "scoping:candidate_decide", candidate), {"decision": "confirm", "reason": ""}
    )
    assert response.status_code == 400
    assert "Give the reason for the decision." in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.status == PartnerStatus.CANDIDATE


def test_the_observer_reads_results_but_does_not_score(world, client_for, candidate):
    other_submitted(candidate, world.partner_b_user)
    client = client_for(world.observer)
    body = client.get(url(world, "scoping:candidate", candidate)).content.decode()
    assert SECRET in body and 'name="conflicted"' not in body
    assert (
        client.post(
            url(world, "scoping:candidate_declare", candidate), {"conflicted": "no"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            url(world, "scoping:candidate_score", candidate), full_scores(submit="1")
        ).status_code
        == 403
    )
    assert not Assessment.objects.filter(assessor=world.observer).exists()


def test_the_outsider_and_a_stranger_see_nothing(world, client_for, candidate):
    other_submitted(candidate, world.partner_b_user)
    for user in (world.outsider, make_user("stranger")):
        client = client_for(user)
        assert client.get(url(world, "scoping:candidate", candidate)).status_code == 404
        assert (
            client.post(
                url(world, "scoping:candidate_declare", candidate), {"conflicted": "no"}
            ).status_code
            == 404
        )


def test_a_withdrawn_candidate_is_not_scored(world, client_for, candidate):
    candidate.status = PartnerStatus.WITHDRAWN
    candidate.save()
    body = (
        client_for(world.partner_user)
        .get(url(world, "scoping:candidate", candidate))
        .content.decode()
    )
    assert 'name="conflicted"' not in body
