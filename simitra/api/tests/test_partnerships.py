import pytest

from simitra.partnerships.models import Partner, Partnership, PartnerStatus
from simitra.partnerships.testing import make_partnership

from .conftest import assert_error

pytestmark = pytest.mark.django_db


def test_it_starts_a_partnership_coordinated_by_its_creator(world, api_for):
    response = api_for(world.partner_user).post(
        "/api/v1/partnerships/",
        {
            "code": "ntt-air-2027",
            "title": "Air Bersih NTT",
            "regions": ["53.02", "53"],
            "sdg_targets": ["6.1"],
            "dac_sector": "14030",
            "start_date": "2027-01-01",
            "lead_organisation": world.org_a.slug,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["code"] == "NTT-AIR-2027"  # upper-cased, as the page does
    assert body["phase"] == 1 and body["status"] == "active" and body["visibility"] == "private"
    assert sorted(body["regions"]) == ["53", "53.02"]
    assert body["partner_count"] == 1
    partnership = Partnership.objects.get(code="NTT-AIR-2027")
    assert list(partnership.coordinators.all()) == [world.partner_user]
    lead = Partner.objects.get(partnership=partnership)
    assert lead.organisation == world.org_a and lead.status == PartnerStatus.CONFIRMED


def test_it_refuses_what_the_page_refuses_and_saves_nothing(world, api_for):
    client = api_for(world.coordinator)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = client.post(
        "/api/v1/partnerships/",
        {
            "code": world.partnership.code.lower(),
            "title": "Tiruan",
            "regions": ["99.99"],
            "dac_sector": "00000",
            "start_date": "2027-01-01",
            "end_date": "2026-01-01",
        },
        format="json",
    )
    fields = assert_error(response, 400, "invalid")["fields"]
    assert fields["code"] == [f"This code cannot be used; try {world.partnership.code}-2."]
    assert fields["regions"] == [
        "Unknown region: “99.99”. Type a name such as Kota Kupang, or a Kemendagri code such as 53.71."
    ]
    assert fields["dac_sector"][0].startswith("Unknown DAC sector: “00000”.")
    assert fields["end_date"] == ["The end date cannot be before the start date."]
    assert Partnership.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("id", "Kode ini tidak dapat dipakai; coba {}-2."),
        ("en", "This code cannot be used; try {}-2."),
    ],
)
def test_a_taken_code_reads_the_same_whether_its_partnership_is_hidden_or_not(
    world, api_for, language, sentence
):
    hidden = make_partnership(code="RAHASIA-1", title="Kemitraan Rahasia")
    published = make_partnership(
        code="TERBUKA-1", title="Kemitraan Terbuka", visibility=Partnership.Visibility.PUBLIC
    )
    client = api_for(world.outsider)
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    bodies = {}
    for partnership in (hidden, published):
        response = client.post(
            "/api/v1/partnerships/",
            {"code": partnership.code.lower(), "title": "Baru"},
            format="json",
        )
        body = assert_error(response, 400, "invalid")
        assert body["fields"]["code"] == [sentence.format(partnership.code)]
        assert hidden.title not in response.content.decode()
        bodies[partnership.code] = response.content.decode().replace(partnership.code, "CODE")
    assert bodies[hidden.code] == bodies[published.code]
    assert Partnership.objects.count() == 3


def test_the_messages_are_indonesian_by_default(world, api_for):
    response = api_for(world.coordinator).post(
        "/api/v1/partnerships/", {"code": "X-1", "title": ""}, format="json"
    )
    assert assert_error(response, 400)["fields"]["title"] == ["Bidang ini tidak boleh kosong."]


def test_a_lead_organisation_must_be_ones_own(world, api_for):
    response = api_for(world.partner_user).post(
        "/api/v1/partnerships/",
        {"code": "LAIN-1", "title": "Lain", "lead_organisation": world.org_b.slug},
        format="json",
    )
    assert "lead_organisation" in assert_error(response, 400)["fields"]
    assert not Partnership.objects.filter(code="LAIN-1").exists()


def test_a_partial_update_keeps_what_it_does_not_mention(world, api_for):
    world.partnership.regions.set(["53.02"])
    world.partnership.sdg_targets.set(["2.2"])
    world.partnership.dac_sector = "12240"
    world.partnership.save()
    response = api_for(world.coordinator).patch(
        f"/api/v1/partnerships/{world.partnership.code}/", {"title": "Judul Baru"}, format="json"
    )
    assert response.status_code == 200, response.content
    world.partnership.refresh_from_db()
    assert world.partnership.title == "Judul Baru"
    assert world.partnership.dac_sector == "12240"
    assert list(world.partnership.regions.values_list("code", flat=True)) == ["53.02"]
    assert list(world.partnership.sdg_targets.values_list("code", flat=True)) == ["2.2"]


def test_phase_and_status_are_not_writable(world, api_for):
    response = api_for(world.coordinator).patch(
        f"/api/v1/partnerships/{world.partnership.code}/",
        {"phase": 7, "status": "completed"},
        format="json",
    )
    assert response.status_code == 200
    world.partnership.refresh_from_db()
    assert world.partnership.phase == 1 and world.partnership.status == "active"


def test_it_filters_and_orders(world, api_for):
    make_partnership(coordinators=[world.coordinator], title="Alpha", phase=5)
    make_partnership(coordinators=[world.coordinator], title="Beta", phase=5)
    client = api_for(world.coordinator)
    body = client.get("/api/v1/partnerships/", {"phase": 5, "ordering": "-title"}).json()
    assert [p["title"] for p in body["results"]] == ["Beta", "Alpha"]
    assert client.get("/api/v1/partnerships/", {"q": "alp"}).json()["count"] == 1
    assert_error(client.get("/api/v1/partnerships/", {"phase": "nine"}), 400, "invalid")


def test_it_paginates(world, api_for):
    for n in range(5):
        make_partnership(coordinators=[world.coordinator], title=f"P{n}")
    client = api_for(world.coordinator)
    first = client.get("/api/v1/partnerships/", {"page_size": 4}).json()
    second = client.get("/api/v1/partnerships/", {"page_size": 4, "page": 2}).json()
    assert first["count"] == 6 and len(first["results"]) == 4 and len(second["results"]) == 2
    codes = {p["code"] for p in first["results"]} | {p["code"] for p in second["results"]}
    assert len(codes) == 6
    assert_error(client.get("/api/v1/partnerships/", {"page": 9}), 404)
