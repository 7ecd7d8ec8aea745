"""A real invitation (the seed: every partner understands and agrees to its role): the
coordinator invites, the organisation's members are told in the app and by e-mail (with a link
to join for someone without an account), a member accepts or declines with a reason, the
coordinator sees the answer, and only organisations that accepted count at the gate."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from simitra.accounts.models import Membership, User
from simitra.partnerships import gates, invitations, services
from simitra.partnerships.models import Partner, PartnerStatus, Phase
from simitra.partnerships.testing import make_member, make_organisation, make_partner, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def invitee(world):
    """A university put forward as a candidate, with one member who has an account."""
    organisation = make_organisation("Universitas Nusa", sector="university")
    member = make_user("dosen", email="dosen@example.test")
    make_member(member, organisation)
    partner = make_partner(
        world.partnership, organisation, status=PartnerStatus.CANDIDATE, local_role="endorser"
    )
    return partner, member


def invite_url(world, partner):
    return reverse("partnerships:partner_invite", args=[world.partnership.code, partner.pk])


def page_url(world):
    return reverse("partnerships:invitation", args=[world.partnership.code])


def answer_url(world, partner):
    return reverse("partnerships:invitation_answer", args=[world.partnership.code, partner.pk])


def answer(partner, decision, reason=""):
    return {f"p{partner.pk}-decision": decision, f"p{partner.pk}-reason": reason}


def send(world, client_for, partner, addresses="", capture=None):
    with capture(execute=True):
        return client_for(world.coordinator).post(
            invite_url(world, partner), {"addresses": addresses}
        )


def test_the_invitation_reaches_the_members_and_they_accept(
    world, invitee, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    partner, member = invitee
    response = send(world, client_for, partner, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.INVITED and partner.invited_by == world.coordinator
    # By e-mail, in the member's language, with the link to the invitation.
    assert [mail.to for mail in mailoutbox] == [["dosen@example.test"]]
    assert "Universitas Nusa diundang" in mailoutbox[0].subject
    assert page_url(world) in mailoutbox[0].body
    # In the app: on the home page.
    client = client_for(member)
    home = client.get(reverse("home")).content.decode()
    assert "Undangan yang menunggu jawaban organisasi Anda" in home and page_url(world) in home
    page = client.get(page_url(world)).content.decode()
    assert "Jawab untuk Universitas Nusa" in page
    response = client.post(answer_url(world, partner), answer(partner, "accept", "Kami siap."))
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.CONFIRMED and partner.answered_by == member
    assert partner.joined_on is not None and partner.answer_reason == "Kami siap."
    assert partner.history.filter(status=PartnerStatus.CONFIRMED, history_user=member).exists()
    # Answered once: a second answer (a page left open) is refused.
    again = client.post(answer_url(world, partner), answer(partner, "decline", "Berubah pikiran."))
    assert again.status_code == 409
    assert "Undangan ini sudah dijawab" in again.content.decode()
    # The coordinator sees who accepted on the partnership's page.
    detail = client_for(world.coordinator).get(world.partnership.get_absolute_url())
    assert "diterima oleh dosen" in detail.content.decode()


def test_a_member_declines_with_a_reason_the_coordinator_reads(
    world, invitee, client_for, django_capture_on_commit_callbacks
):
    partner, member = invitee
    send(world, client_for, partner, capture=django_capture_on_commit_callbacks)
    client = client_for(member)
    response = client.post(answer_url(world, partner), answer(partner, "decline"))
    assert response.status_code == 400
    assert "Sebutkan mengapa organisasi Anda menolak." in response.content.decode()
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.INVITED
    response = client.post(
        answer_url(world, partner), answer(partner, "decline", "Anggaran tahun ini habis.")
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.DECLINED and partner.answered_by == member
    detail = client_for(world.coordinator).get(world.partnership.get_absolute_url())
    body = detail.content.decode()
    assert "ditolak oleh dosen" in body and "Anggaran tahun ini habis." in body
    # Having declined, it no longer reads the private partnership.
    assert client.post(answer_url(world, partner), answer(partner, "accept")).status_code == 404
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.DECLINED


def test_someone_without_an_account_joins_and_answers(
    world, invitee, client, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    partner, _member = invitee
    send(
        world,
        client_for,
        partner,
        addresses="Baru@Example.test\ndosen@example.test",
        capture=django_capture_on_commit_callbacks,
    )
    # The member is told once; the new address gets the link to join.
    assert sorted(mail.to[0] for mail in mailoutbox) == ["baru@example.test", "dosen@example.test"]
    mail = next(m for m in mailoutbox if m.to == ["baru@example.test"])
    link = re.search(r"http\S+/undangan/gabung/\S+/", mail.body).group(0)
    path = link.split("127.0.0.1:8000", 1)[-1] if "127.0.0.1" in link else link
    page = client.get(path)
    assert page.status_code == 200
    assert "baru@example.test" in page.content.decode()
    response = client.post(
        path,
        {
            "username": "pendatang",
            "first_name": "Sari",
            "last_name": "Baru",
            "password1": "kata-sandi-panjang-2026",
            "password2": "kata-sandi-panjang-2026",
        },
    )
    assert response.status_code == 302 and response.url == page_url(world)
    user = User.objects.get(username="pendatang")
    assert user.email == "baru@example.test"
    assert Membership.objects.filter(user=user, organisation=partner.organisation).exists()
    assert "Jawab untuk Universitas Nusa" in client.get(page_url(world)).content.decode()
    assert client.post(answer_url(world, partner), answer(partner, "accept")).status_code == 302
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.CONFIRMED and partner.answered_by == user
    # One link, one account: the same link again makes none.
    client.logout()
    assert client.get(path).status_code == 409


def test_an_altered_link_is_refused(world, client):
    response = client.get(reverse("partnerships:invitation_join", args=["abc:def"]))
    assert response.status_code == 400
    assert "Tautan undangan ini tidak sah" in response.content.decode()
    assert not User.objects.filter(username="x").exists()


def test_an_expired_link_is_refused(world, invitee, client, time_machine):
    partner, _member = invitee
    services.invite_partner(partner=partner, invited_by=world.coordinator)
    token = invitations.make_token(partner, "lama@example.test")
    time_machine.move_to(timezone.now(), tick=False)
    time_machine.shift(60 * 60 * 24 * (invitations.TOKEN_DAYS + 1))
    assert client.get(reverse("partnerships:invitation_join", args=[token])).status_code == 400


def test_the_gate_counts_only_organisations_that_accepted(world, invitee, client_for):
    partner, member = invitee
    broker = world.partnership.partners.get(organisation=world.broker)
    Partner.objects.filter(pk__in=[world.partner_a.pk, world.partner_b.pk]).update(
        status=PartnerStatus.CANDIDATE
    )
    services.invite_partner(partner=partner, invited_by=world.coordinator)

    def check():
        fresh = world.partnership.__class__.objects.get(pk=world.partnership.pk)
        result = gates.run_gate(fresh, Phase.IDENTIFYING)
        return next(c for c in result.checks if c.code == "two_partners_two_sectors")

    assert not check().passed  # the broker only; the university was invited, not yet accepted
    services.answer_invitation(partner=partner, accept=True, reason="", answered_by=member)
    assert check().passed and broker.status == PartnerStatus.CONFIRMED


def test_the_coordinator_cannot_confirm_an_organisation_alone(world, invitee, client_for):
    partner, _member = invitee
    response = client_for(world.coordinator).post(
        reverse("partnerships:partner_edit", args=[world.partnership.code, partner.pk]),
        {"status": "confirmed", "relationship": "undetermined"},
    )
    assert response.status_code == 200
    assert "Organisasi diundang dengan tombol Undang" in response.content.decode()
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.CANDIDATE


def test_nobody_answers_for_the_organisation_but_its_members(
    world, invitee, client_for, django_capture_on_commit_callbacks
):
    partner, _member = invitee
    send(world, client_for, partner, capture=django_capture_on_commit_callbacks)
    data = answer(partner, "accept")
    # Read-only here (an observer, another partner's representative, the coordinator): 403.
    for user in (world.observer, world.partner_user, world.coordinator):
        client = client_for(user)
        assert client.get(page_url(world)).status_code == 403
        assert client.post(answer_url(world, partner), data).status_code == 403
    # An outsider does not learn the partnership exists.
    outsider = client_for(world.outsider)
    assert outsider.get(page_url(world)).status_code == 404
    assert outsider.post(answer_url(world, partner), data).status_code == 404
    # Only the coordinator invites.
    assert client_for(world.partner_user).get(invite_url(world, partner)).status_code == 403
    assert client_for(world.outsider).get(invite_url(world, partner)).status_code == 404
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.INVITED


def test_inviting_twice_is_refused(world, invitee, client_for, django_capture_on_commit_callbacks):
    partner, _member = invitee
    services.invite_partner(partner=partner, invited_by=world.coordinator)
    with pytest.raises(services.InvitationError):
        services.invite_partner(partner=partner, invited_by=world.coordinator)
    accepted = world.partner_a
    response = client_for(world.coordinator).post(invite_url(world, accepted), {"addresses": ""})
    assert response.status_code == 409
    assert "tidak dapat diundang sekarang" in response.content.decode()


def test_bad_addresses_are_refused_with_what_was_typed(world, invitee, client_for):
    partner, _member = invitee
    response = client_for(world.coordinator).post(
        invite_url(world, partner), {"addresses": "bukan-alamat\nok@example.test"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Bukan alamat surel: bukan-alamat." in body and "ok@example.test" in body
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.CANDIDATE


def test_the_api_invites_and_the_member_answers(
    world, invitee, django_capture_on_commit_callbacks, mailoutbox
):
    partner, member = invitee
    coordinator, member_client = APIClient(), APIClient()
    coordinator.force_login(world.coordinator)
    member_client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(f"/api/v1/partners/{partner.pk}/invite/", {}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "invited"
    assert len(mailoutbox) == 1
    again = coordinator.post(f"/api/v1/partners/{partner.pk}/invite/", {}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "invitation_refused"
    assert (
        coordinator.post(
            f"/api/v1/partners/{partner.pk}/answer/", {"decision": "accept"}, format="json"
        ).status_code
        == 403
    )
    refused = member_client.post(
        f"/api/v1/partners/{partner.pk}/answer/", {"decision": "decline"}, format="json"
    )
    assert refused.status_code == 400 and "reason" in refused.json()["fields"]
    response = member_client.post(
        f"/api/v1/partners/{partner.pk}/answer/", {"decision": "accept"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "confirmed" and body["answered_by"] == "dosen"


def test_a_pending_invitation_is_sent_again_to_more_addresses(
    world, invitee, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    partner, _member = invitee
    services.invite_partner(partner=partner, invited_by=world.coordinator)
    page = client_for(world.coordinator).get(invite_url(world, partner)).content.decode()
    assert 'name="intent" value="resend"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.coordinator).post(
            invite_url(world, partner), {"intent": "resend", "addresses": "lain@example.test"}
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == ["dosen@example.test", "lain@example.test"]
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.INVITED
    # An "invite" from a page opened before the first invitation went through is refused.
    again = client_for(world.coordinator).post(invite_url(world, partner), {"intent": "invite"})
    assert again.status_code == 409
