import pytest
from django.urls import reverse

from simitra.accounts.models import Membership
from simitra.organisations.models import Organisation
from simitra.partnerships.testing import make_member, make_organisation, make_user
from simitra.reference.models import Region

pytestmark = pytest.mark.django_db

VALID = {"name": "Yayasan Air Sehat", "acronym": "YAS", "sector": "ngo", "regions": "52, 52.03"}


def test_the_list_needs_a_login(client):
    assert client.get(reverse("organisations:list")).status_code == 302


def test_creating_an_organisation_makes_its_creator_the_admin(client_for):
    user = make_user()
    response = client_for(user).post(reverse("organisations:create"), VALID)
    organisation = Organisation.objects.get(name="Yayasan Air Sehat")
    assert response.status_code == 302 and response["Location"] == organisation.get_absolute_url()
    assert Membership.objects.get(user=user, organisation=organisation).is_admin
    assert set(organisation.regions.values_list("code", flat=True)) == {"52", "52.03"}
    assert organisation.effective_iati_type == "22"


def test_an_unknown_region_code_is_refused_and_nothing_is_saved(client_for):
    response = client_for(make_user()).post(
        reverse("organisations:create"), {**VALID, "regions": "52, 99.99"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Wilayah tidak dikenal: “99.99”." in body
    assert 'value="Yayasan Air Sehat"' in body
    assert not Organisation.objects.filter(name="Yayasan Air Sehat").exists()


def test_an_unknown_iati_type_is_refused(client_for):
    response = client_for(make_user()).post(
        reverse("organisations:create"), {**VALID, "iati_type": "999"}
    )
    assert "Jenis organisasi IATI tidak dikenal" in response.content.decode()


def test_only_its_admin_edits_an_organisation(client_for):
    organisation = make_organisation()
    admin, member, stranger = make_user(), make_user(), make_user()
    make_member(admin, organisation, is_admin=True)
    make_member(member, organisation)
    url = reverse("organisations:edit", args=[organisation.slug])
    assert client_for(member).get(url).status_code == 403
    assert client_for(stranger).post(url, VALID).status_code == 403
    response = client_for(admin).post(url, {**VALID, "name": "Nama Baru"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Nama Baru"


def test_a_duplicate_membership_is_refused(client_for):
    organisation = make_organisation()
    admin, member = make_user(), make_user("anggota")
    make_member(admin, organisation, is_admin=True)
    make_member(member, organisation)
    response = client_for(admin).post(
        reverse("organisations:members", args=[organisation.slug]), {"username": "anggota"}
    )
    assert response.status_code == 200
    assert "sudah menjadi anggota" in response.content.decode()
    assert Membership.objects.filter(organisation=organisation, user=member).count() == 1


def test_the_admin_adds_and_removes_members(client_for):
    organisation = make_organisation()
    admin, newcomer = make_user(), make_user("baru")
    make_member(admin, organisation, is_admin=True)
    client = client_for(admin)
    client.post(reverse("organisations:members", args=[organisation.slug]), {"username": "baru"})
    membership = Membership.objects.get(organisation=organisation, user=newcomer)
    client.post(reverse("organisations:member_remove", args=[organisation.slug, membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_the_last_admin_cannot_be_removed(client_for):
    organisation = make_organisation()
    admin = make_user()
    membership = make_member(admin, organisation, is_admin=True)
    client_for(admin).post(
        reverse("organisations:member_remove", args=[organisation.slug, membership.pk])
    )
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_members_are_managed_only_by_the_admin(client_for):
    organisation = make_organisation()
    member = make_user()
    make_member(member, organisation)
    assert (
        client_for(member)
        .get(reverse("organisations:members", args=[organisation.slug]))
        .status_code
        == 403
    )


def test_the_list_filters_by_sector_search_region_and_sdg(client_for):
    water = make_organisation("Perkumpulan Air Lombok", sector="ngo", expertise="air bersih desa")
    water.regions.set([Region.objects.get(code="52.03.01")])
    water.sdg_goals.set([6])
    make_organisation("PT Pangan Sehat", sector="private")
    client = client_for(make_user())

    def names(**params):
        return client.get(reverse("organisations:list"), params).content.decode()

    assert "Perkumpulan Air Lombok" in names(region="52")
    assert "Perkumpulan Air Lombok" not in names(region="53")
    assert "PT Pangan Sehat" in names(sector="private")
    assert "Perkumpulan Air Lombok" not in names(sector="private")
    assert "Perkumpulan Air Lombok" in names(q="air bersih")
    assert "Perkumpulan Air Lombok" in names(sdg=6)
    assert "PT Pangan Sehat" not in names(sdg=6)


def test_the_detail_lists_only_partnerships_the_viewer_may_see(world, client_for):
    url = reverse("organisations:detail", args=[world.org_a.slug])
    assert "Kemitraan Uji" in client_for(world.coordinator).get(url).content.decode()
    assert "Kemitraan Uji" not in client_for(world.outsider).get(url).content.decode()
