"""The access matrix of the cycle's endpoints: anonymous 401, outsider 404 and never in a list
or a count, partner representative and observer read, a representative changes only its own
partner's records, the coordinator changes everything, the observer nothing."""

import copy

import pytest
from django.test import override_settings

from simitra.lib.testing import shared_rows
from simitra.partnerships.testing import build_world

from .conftest import assert_error
from .cycle import add_cycle_records

pytestmark = pytest.mark.django_db

# endpoint, the record in `records`, how many the test partnership holds, a harmless change
ENDPOINTS = [
    ("contributions", "pledge", 2, {"unit": "paket"}),
    ("deliveries", "delivery", 1, None),
    ("activities", "activity", 1, {"deliverable": "Laporan akhir"}),
    ("agreements", "agreement", 1, {"place": "Kupang"}),
    ("agreement-parties", "party", 3, None),
    ("results", "result", 2, {"description": "Balita bergizi baik"}),
    ("indicators", "indicator", 2, {"unit": "orang"}),
    ("indicator-periods", "period", 4, {"target": "25.00"}),
    ("indicator-values", "value", 1, {"comment": "Dicek ulang"}),
    ("risks", "risk", 1, {"mitigation": "Rapat bulanan"}),
    ("lessons", "lesson", 1, {"recommendation": "Rapat tiap bulan"}),
    ("needs", "need", 1, {"affected_group": "Ibu hamil", "declaration": True}),
    ("candidates", "candidate", 4, None),
    ("candidate-assessments", "assessment", 1, None),
    ("health-rounds", "health_round", 1, {"title": "Cek kesehatan tengah tahun"}),
    ("practices", "practice", 1, {"contacts": "kantor@example.org"}),
]
IDS = [e[0] for e in ENDPOINTS]


@pytest.fixture
def records(world):
    return add_cycle_records(world)


def _url(name, record=None):
    return f"/api/v1/{name}/" + (f"{record.pk}/" if record is not None else "")


@pytest.fixture(scope="class")
def shared_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world and its records, made once for a class of tests (see shared_rows)."""

    def make():
        with override_settings(SIMITRA_PRIVATE_ROOT=tmp_path_factory.mktemp("private")):
            world = build_world()
            return world, add_cycle_records(world)

    yield from shared_rows(django_db_blocker, make)


class TestTheReadingPartOfTheMatrix:
    """Each of these tests only reads, or is refused a change: they share one world and its
    records, each test with its own copy of the objects."""

    @pytest.fixture
    def world(self, shared_world):
        return copy.deepcopy(shared_world[0])

    @pytest.fixture
    def records(self, shared_world):
        return copy.deepcopy(shared_world[1])

    @pytest.mark.parametrize(("name", "attr", "count", "change"), ENDPOINTS, ids=IDS)
    def test_anonymous_clients_are_refused(
        self, world, records, api_for, name, attr, count, change
    ):
        client = api_for(None)
        assert_error(client.get(_url(name)), 401, "not_authenticated")
        assert_error(client.get(_url(name, getattr(records, attr))), 401)

    @pytest.mark.parametrize(("name", "attr", "count", "change"), ENDPOINTS, ids=IDS)
    def test_an_outsider_sees_nothing_of_a_private_partnership(
        self, world, records, api_for, name, attr, count, change
    ):
        client = api_for(world.outsider)
        body = client.get(_url(name)).json()
        assert body["count"] == 0 and body["results"] == []
        assert client.get(_url(name), {"partnership": world.partnership.code}).json()["count"] == 0
        record_url = _url(name, getattr(records, attr))
        body = assert_error(client.get(record_url), 404, "not_found")
        assert world.partnership.code not in str(body)
        if change is not None:
            assert_error(client.patch(record_url, change, format="json"), 404)

    @pytest.mark.parametrize("who", ["partner_user", "observer", "coordinator"])
    @pytest.mark.parametrize(("name", "attr", "count", "change"), ENDPOINTS, ids=IDS)
    def test_members_read_every_record(
        self, world, records, api_for, who, name, attr, count, change
    ):
        client = api_for(getattr(world, who))
        assert client.get(_url(name)).json()["count"] == count
        response = client.get(_url(name, getattr(records, attr)))
        assert response.status_code == 200, response.content
        assert response.json()["id"] == getattr(records, attr).pk

    @pytest.mark.parametrize(("name", "attr", "count", "change"), ENDPOINTS, ids=IDS)
    def test_the_observer_changes_nothing(self, world, records, api_for, name, attr, count, change):
        if change is None:
            pytest.skip("no field updates on this endpoint")
        client = api_for(world.observer)
        assert_error(client.patch(_url(name, getattr(records, attr)), change, format="json"), 403)


@pytest.mark.parametrize(("name", "attr", "count", "change"), ENDPOINTS, ids=IDS)
def test_the_coordinator_changes_records(world, records, api_for, name, attr, count, change):
    if change is None:
        pytest.skip("no field updates on this endpoint")
    record = getattr(records, attr)
    response = api_for(world.coordinator).patch(_url(name, record), change, format="json")
    assert response.status_code == 200, response.content
    record.refresh_from_db()
    for key, value in change.items():
        if key != "declaration":  # a confirmation on the form, not a stored field
            assert str(getattr(record, key)) == str(value)


@pytest.mark.parametrize(
    ("name", "attr", "change"),
    [
        ("activities", "activity", {"deliverable": "x"}),
        ("agreements", "agreement", {"place": "x"}),
        ("results", "result", {"description": "x"}),
        ("indicators", "indicator", {"unit": "x"}),
        ("indicator-periods", "period", {"target": "1"}),
        ("health-rounds", "health_round", {"title": "x"}),
        ("risks", "risk", {"mitigation": "x"}),
        ("lessons", "lesson", {"recommendation": "x"}),
        ("needs", "need", {"affected_group": "x", "declaration": True}),
        ("practices", "practice", {"results": "x"}),
    ],
)
def test_a_representative_may_not_change_what_the_coordinator_keeps(
    world, records, api_for, name, attr, change
):
    client = api_for(world.partner_user)
    assert_error(client.patch(_url(name, getattr(records, attr)), change, format="json"), 403)


class TestOwnRecordsOnly:
    def test_a_representative_changes_its_own_pledge_not_another_partners(
        self, world, records, api_for
    ):
        client = api_for(world.partner_user)
        own = client.patch(_url("contributions", records.pledge), {"unit": "paket"}, format="json")
        assert own.status_code == 200, own.content
        other = client.patch(
            _url("contributions", records.pledge_b), {"unit": "paket"}, format="json"
        )
        assert_error(other, 403)
        records.pledge_b.refresh_from_db()
        assert records.pledge_b.unit == ""

    def test_a_representative_pledges_only_for_its_own_partner(self, world, records, api_for):
        client = api_for(world.partner_user)
        payload = {
            "partnership": world.partnership.code,
            "category": "manpower",
            "description": "Relawan",
            "estimated_value": "2000000.00",
            "valuation_method": "time",
            "exchange_rate": "1",
            "currency": "IDR",
        }
        response = client.post(
            "/api/v1/contributions/", {**payload, "partner": world.partner_b.pk}, format="json"
        )
        body = assert_error(response, 400, "invalid")
        assert "partner" in body["fields"]
        response = client.post(
            "/api/v1/contributions/", {**payload, "partner": world.partner_a.pk}, format="json"
        )
        assert response.status_code == 201, response.content
        assert response.json()["partner_name"] == "PT Mitra Usaha"

    def test_an_observer_may_not_pledge(self, world, records, api_for):
        response = api_for(world.observer).post(
            "/api/v1/contributions/",
            {
                "partnership": world.partnership.code,
                "partner": world.partner_a.pk,
                "category": "support",
                "description": "x",
                "estimated_value": "1.00",
            },
            format="json",
        )
        assert_error(response, 403, "permission_denied")

    def test_an_outsider_cannot_pledge_into_a_hidden_partnership(self, world, records, api_for):
        response = api_for(world.outsider).post(
            "/api/v1/contributions/",
            {
                "partnership": world.partnership.code,
                "partner": world.partner_a.pk,
                "category": "support",
                "description": "x",
                "estimated_value": "1.00",
            },
            format="json",
        )
        body = assert_error(response, 400)
        assert set(body["fields"]) >= {"partnership", "partner"}


@pytest.mark.parametrize(
    ("name", "attr", "tag"),
    [("lessons", "lesson", "tata kelola"), ("practices", "practice", "kesehatan")],
)
def test_only_published_items_of_published_partnerships_are_public(
    world, records, api_for, name, attr, tag
):
    client = api_for(world.outsider)
    item = getattr(records, attr)
    assert client.get(f"/api/v1/{name}/").json()["count"] == 0  # private partnership
    world.partnership.visibility = "public"
    world.partnership.save(update_fields=["visibility"])
    assert client.get(f"/api/v1/{name}/").json()["count"] == 0  # the item is private
    assert_error(client.get(f"/api/v1/{name}/{item.pk}/"), 404)
    item.visibility = "published"
    item.save(update_fields=["visibility"])
    body = client.get(f"/api/v1/{name}/").json()
    assert body["count"] == 1 and body["results"][0]["tags"] == [tag]
    assert_error(client.patch(f"/api/v1/{name}/{item.pk}/", {"title": "x"}, format="json"), 403)


def test_the_coordinator_records_a_lesson_in_the_current_phase(world, records, api_for):
    response = api_for(world.coordinator).post(
        "/api/v1/lessons/",
        {
            "partnership": world.partnership.code,
            "title": "Libatkan desa sejak awal",
            "what_happened": "Desa terlambat dilibatkan.",
            "what_was_learned": "Pelibatan awal mempercepat.",
            "recommendation": "Undang desa pada rapat pertama.",
            "tags": ["desa", "pelibatan"],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["phase"] == world.partnership.phase
    assert sorted(response.json()["tags"]) == ["desa", "pelibatan"]


def test_the_coordinator_records_a_practice_and_the_form_refuses_gaps(world, records, api_for):
    client = api_for(world.coordinator)
    payload = {
        "partnership": world.partnership.code,
        "title": "Bank sampah sekolah",
        "summary": "Siswa menabung sampah.",
        "context": "Sampah plastik menumpuk.",
        "approach": "Sekolah membuka bank sampah.",
        "results": "Sampah berkurang 40%.",
        "replication_conditions": "Guru pendamping.",
        "contacts": "kepala.sekolah@example.org",
        "tags": ["sampah"],
    }
    body = assert_error(
        client.post("/api/v1/practices/", {**payload, "approach": ""}, format="json"), 400
    )
    assert "approach" in body["fields"]
    response = client.post("/api/v1/practices/", payload, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["tags"] == ["sampah"] and response.json()["visibility"] == "private"
    representative = api_for(world.partner_user).post(
        "/api/v1/practices/", {**payload, "title": "Lain"}, format="json"
    )
    assert_error(representative, 403, "permission_denied")


class TestSeparationOfDuties:
    """The separation-of-duties rules for every kind of user (the seed: objectivity and shared
    responsibility): one organisation at a time, never approving one's own submission, and an
    organisation's invitation answered only by its own members."""

    @pytest.fixture
    def two_org_user(self, world):
        from simitra.partnerships.testing import make_member, make_user

        user = make_user("dua_org")
        make_member(user, world.org_a)
        make_member(user, world.org_b)
        return user

    def test_the_indicator_set_is_approved_for_one_named_organisation(self, world, two_org_user):
        perm = "results.approve_framework_for"
        assert two_org_user.has_perm(perm, world.partner_a)
        assert two_org_user.has_perm(perm, world.partner_b)
        assert world.partner_user.has_perm(perm, world.partner_a)
        assert not world.partner_user.has_perm(perm, world.partner_b)
        # (A platform admin holds every permission, as everywhere.)
        for user in (world.coordinator, world.observer, world.outsider):
            assert not user.has_perm(perm, world.partner_a), user

    def test_a_value_is_approved_by_someone_other_than_its_submitter(self, world, api_for):
        from simitra.partnerships.testing import make_user
        from simitra.results.testing import make_indicator, make_value

        broker = world.partnership.partners.get(organisation=world.broker)
        value = make_value(
            make_indicator(world.partnership, broker).periods.first(),
            status="submitted",
            submitted_by=world.coordinator,
        )
        second = make_user("coord2")
        world.partnership.coordinators.add(second)
        perm = "results.approve_value"
        assert not world.coordinator.has_perm(perm, value)
        assert second.has_perm(perm, value) and world.admin.has_perm(perm, value)
        for user in (world.partner_user, world.observer, world.outsider):
            assert not user.has_perm(perm, value), user
        url = f"/api/v1/indicator-values/{value.pk}/approve/"
        body = assert_error(api_for(world.coordinator).post(url), 403)
        assert "sendiri" in body["detail"]
        assert_error(api_for(world.observer).post(url), 403)
        assert_error(api_for(world.outsider).post(url), 404)
        assert api_for(second).post(url).status_code == 200
        value.partnership.separate_value_approval = False
        assert world.coordinator.has_perm(perm, value)

    def test_only_the_invited_organisations_members_answer(self, world, api_for):
        from simitra.partnerships.services import invite_partner
        from simitra.partnerships.testing import (
            make_member,
            make_organisation,
            make_partner,
            make_user,
        )

        organisation = make_organisation("Universitas Nusa", sector="university")
        member = make_user("dosen")
        make_member(member, organisation)
        partner = make_partner(world.partnership, organisation, status="candidate")
        perm = "partnerships.answer_invitation"
        assert not member.has_perm(perm, partner)  # not invited yet
        assert world.coordinator.has_perm("partnerships.invite_partner", world.partnership)
        for user in (world.partner_user, world.observer, world.outsider):
            assert not user.has_perm("partnerships.invite_partner", world.partnership), user
        partner = invite_partner(partner=partner, invited_by=world.coordinator)
        assert member.has_perm(perm, partner)
        for user in (world.coordinator, world.partner_user, world.observer, world.outsider):
            assert not user.has_perm(perm, partner), user
        url = f"/api/v1/partners/{partner.pk}/answer/"
        assert_error(api_for(world.coordinator).post(url, {"decision": "accept"}), 403)
        assert_error(api_for(world.observer).post(url, {"decision": "accept"}), 403)
        assert_error(api_for(world.outsider).post(url, {"decision": "accept"}), 404)
        invite = f"/api/v1/partners/{partner.pk}/invite/"
        assert_error(api_for(world.partner_user).post(invite, {}), 403)
        assert_error(api_for(world.outsider).post(invite, {}), 404)
