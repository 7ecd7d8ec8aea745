"""The access matrix of every endpoint: anonymous, outsider, partner representative, observer,
coordinator, platform admin — the same rules as the pages."""

import pytest

from simitra.partnerships.models import Partner

from .conftest import assert_error

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/api/v1/organisations/", "/api/v1/partnerships/", "/api/v1/partners/"]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_anonymous_clients_are_refused_everywhere(world, api_for, url):
    client = api_for(None)
    assert_error(client.get(url), 401, "not_authenticated")
    assert_error(client.post(url, {}, format="json"), 401, "not_authenticated")


def test_anonymous_clients_cannot_read_one_partnership(world, api_for):
    url = f"/api/v1/partnerships/{world.partnership.code}/"
    assert_error(api_for(None).get(url), 401)


class TestOutsider:
    def test_the_private_partnership_is_not_found(self, world, api_for):
        client = api_for(world.outsider)
        url = f"/api/v1/partnerships/{world.partnership.code}/"
        body = assert_error(client.get(url), 404, "not_found")
        assert world.partnership.code not in str(body)
        assert_error(client.patch(url, {"title": "x"}, format="json"), 404)
        assert_error(client.put(url, {"title": "x"}, format="json"), 404)

    def test_it_never_appears_in_a_list_or_a_count(self, world, api_for):
        client = api_for(world.outsider)
        body = client.get("/api/v1/partnerships/", {"q": "Uji"}).json()
        assert body["count"] == 0 and body["results"] == []
        body = client.get("/api/v1/partnerships/").json()
        assert body["count"] == 0
        partners = client.get("/api/v1/partners/", {"partnership": world.partnership.code}).json()
        assert partners["count"] == 0
        assert client.get("/api/v1/partners/").json()["count"] == 0

    def test_its_partners_are_not_found(self, world, api_for):
        client = api_for(world.outsider)
        assert_error(client.get(f"/api/v1/partners/{world.partner_a.pk}/"), 404)
        assert_error(
            client.patch(f"/api/v1/partners/{world.partner_a.pk}/", {"status": "withdrawn"}),
            404,
        )

    def test_adding_a_partner_to_it_reads_like_an_unknown_code(self, world, api_for):
        client = api_for(world.outsider)
        hidden = client.post(
            "/api/v1/partners/",
            {"partnership": world.partnership.code, "organisation": world.outside_org.slug},
            format="json",
        )
        unknown = client.post(
            "/api/v1/partners/",
            {"partnership": "NO-SUCH-CODE", "organisation": world.outside_org.slug},
            format="json",
        )
        hidden_body, unknown_body = assert_error(hidden, 400), assert_error(unknown, 400)
        assert hidden_body["fields"]["partnership"] == [
            m.replace("NO-SUCH-CODE", world.partnership.code)
            for m in unknown_body["fields"]["partnership"]
        ]
        assert not Partner.objects.filter(organisation=world.outside_org).exists()

    def test_a_published_partnership_is_readable(self, world, api_for):
        world.partnership.visibility = "public"
        world.partnership.save(update_fields=["visibility"])
        client = api_for(world.outsider)
        assert client.get(f"/api/v1/partnerships/{world.partnership.code}/").status_code == 200
        assert client.get("/api/v1/partners/").json()["count"] == 3
        # … but not writable.
        response = client.patch(
            f"/api/v1/partnerships/{world.partnership.code}/", {"title": "x"}, format="json"
        )
        assert_error(response, 403, "permission_denied")


@pytest.mark.parametrize("who", ["partner_user", "observer"])
class TestReadOnlyMembers:
    def test_they_read_the_partnership_and_its_partners(self, world, api_for, who):
        client = api_for(getattr(world, who))
        response = client.get(f"/api/v1/partnerships/{world.partnership.code}/")
        assert response.status_code == 200
        assert response.json()["title"] == "Kemitraan Uji"
        assert client.get("/api/v1/partners/").json()["count"] == 3

    def test_they_may_not_change_the_partnership(self, world, api_for, who):
        client = api_for(getattr(world, who))
        url = f"/api/v1/partnerships/{world.partnership.code}/"
        assert_error(client.patch(url, {"title": "Diubah"}, format="json"), 403)
        world.partnership.refresh_from_db()
        assert world.partnership.title == "Kemitraan Uji"

    def test_they_may_not_add_or_change_partners(self, world, api_for, who):
        client = api_for(getattr(world, who))
        response = client.post(
            "/api/v1/partners/",
            {"partnership": world.partnership.code, "organisation": world.outside_org.slug},
            format="json",
        )
        assert_error(response, 403, "permission_denied")
        assert world.partnership.partners.count() == 3
        response = client.patch(
            f"/api/v1/partners/{world.partner_b.pk}/", {"status": "withdrawn"}, format="json"
        )
        assert_error(response, 403)
        world.partner_b.refresh_from_db()
        assert world.partner_b.status == "confirmed"


@pytest.mark.parametrize("who", ["coordinator", "admin"])
def test_coordinators_and_admins_change_the_partnership(world, api_for, who):
    client = api_for(getattr(world, who))
    url = f"/api/v1/partnerships/{world.partnership.code}/"
    response = client.patch(url, {"summary": "Ringkasan baru."}, format="json")
    assert response.status_code == 200, response.content
    world.partnership.refresh_from_db()
    assert world.partnership.summary == "Ringkasan baru."


def test_an_organisation_is_changed_only_by_its_admins(world, api_for):
    url = f"/api/v1/organisations/{world.org_a.slug}/"
    assert_error(api_for(world.partner_user).patch(url, {"phone": "0380"}, format="json"), 403)
    world.partner_user.memberships.update(is_admin=True)
    response = api_for(world.partner_user).patch(url, {"phone": "0380"}, format="json")
    assert response.status_code == 200
    world.org_a.refresh_from_db()
    assert world.org_a.phone == "0380"


def test_every_signed_in_user_reads_the_organisation_directory(world, api_for):
    body = api_for(world.outsider).get("/api/v1/organisations/").json()
    assert body["count"] == 4
