"""The candidate search in Indonesian: word forms, parent and child regions, SDGs, filters."""

import pytest
from django.urls import reverse

from simitra.lib.testing import count_queries
from simitra.organisations.models import Capability, Organisation, Sector
from simitra.partnerships.testing import make_organisation
from simitra.reference.models import Region, SdgGoal
from simitra.scoping.search import Criteria, search_candidates

from .helpers import make_problem

pytestmark = pytest.mark.django_db


def org(name, description, sector=Sector.NGO, regions=(), goals=(), capabilities=()):
    organisation = make_organisation(name, sector, description=description)
    organisation.regions.set(Region.objects.filter(code__in=regions))
    organisation.sdg_goals.set(SdgGoal.objects.filter(number__in=goals))
    organisation.capabilities.set(Capability.from_names(list(capabilities)))
    return organisation


def ids(matches):
    return [m.organisation_id for m in matches]


def test_a_stunting_problem_ranks_first_the_organisation_that_lowers_stunting(world):
    make_problem(
        world.partnership,
        core="Penurunan stunting di Timor Tengah Selatan berjalan lambat",
        statement="Program penurunan stunting belum menjangkau desa terpencil.",
    )
    others = [
        org("Yayasan Pangan", "Distribusi pangan olahan ke toko-toko di kota."),
        org("Koperasi Tenun", "Pemasaran kain tenun ikat buatan perempuan desa."),
        org("Perkumpulan Air", "Membangun sarana air bersih desa."),
    ]
    target = org("Lembaga Gizi Desa", "Bekerja menurunkan angka stunting melalui kelas ibu balita.")
    matches = search_candidates(world.partnership, Criteria())
    assert matches[0].organisation_id == target.pk
    assert {"turun", "stunting"} <= set(matches[0].shared_words)
    assert {m.organisation_id for m in matches} >= {o.pk for o in others}


def test_kemitraan_matches_mitra(world):
    partner_word = org("Forum Desa", "Menghubungkan mitra pembangunan dengan pemerintah desa.")
    unrelated = org("Sanggar Tari", "Melatih tari tradisional anak-anak.")
    matches = search_candidates(world.partnership, Criteria(text="kemitraan"))
    assert matches[0].organisation_id == partner_word.pk
    assert matches[0].shared_words == ("mitra",)
    assert next(m for m in matches if m.organisation_id == unrelated.pk).score == 0


def test_pembangunan_matches_bangun(world):
    builder = org("Tukang Desa", "Kami bangun jembatan desa bersama warga.")
    matches = search_candidates(world.partnership, Criteria(text="pembangunan jembatan"))
    assert matches[0].organisation_id == builder.pk


def test_a_province_filter_finds_organisations_in_its_regencies_and_districts(world):
    regency = Region.objects.filter(code__startswith="53.", level=2).first()
    district = Region.objects.filter(code__startswith=f"{regency.code}.", level=3).first()
    in_regency = org("Di Kabupaten", "a", regions=[regency.code])
    in_district = org("Di Kecamatan", "b", regions=[district.code])
    in_province = org("Di Provinsi", "c", regions=["53"])
    elsewhere = org("Di NTB", "d", regions=["52"])
    found = set(ids(search_candidates(world.partnership, Criteria(region="53"))))
    assert {in_regency.pk, in_district.pk, in_province.pk} <= found
    assert elsewhere.pk not in found


def test_a_district_filter_finds_organisations_working_across_its_province(world):
    district = Region.objects.filter(code__startswith="53.", level=3).first()
    province_wide = org("Se-Provinsi", "a", regions=["53"])
    other_regency = (
        Region.objects.filter(code__startswith="53.", level=2)
        .exclude(code=district.code.rsplit(".", 1)[0])
        .first()
    )
    next_door = org("Kabupaten Tetangga", "b", regions=[other_regency.code])
    found = set(ids(search_candidates(world.partnership, Criteria(region=district.code))))
    assert province_wide.pk in found and next_door.pk not in found


def test_regions_and_sdgs_of_the_partnership_raise_the_rank(world):
    world.partnership.regions.set(Region.objects.filter(code="53.02"))
    world.partnership.sdg_targets.set(
        world.partnership.sdg_targets.model.objects.filter(code="2.2")
    )
    far = org("Gizi Jauh", "gizi anak", regions=["73"])
    near = org("Gizi Dekat", "gizi anak", regions=["53.02"], goals=[2])
    matches = search_candidates(world.partnership, Criteria(text="gizi anak"))
    ranked = ids(matches)
    assert ranked.index(near.pk) < ranked.index(far.pk)
    best = matches[ranked.index(near.pk)]
    assert best.regions == ("53.02",) and best.sdgs == (2,)


def test_it_filters_by_sector_capability_and_sdg(world):
    company = org("PT Air", "air", sector=Sector.PRIVATE, goals=[6], capabilities=["pompa surya"])
    ngo = org("LSM Air", "air", sector=Sector.NGO, goals=[6], capabilities=["sanitasi"])
    private = ids(search_candidates(world.partnership, Criteria(text="air", sector=Sector.PRIVATE)))
    assert private[0] == company.pk and ngo.pk not in private
    assert set(private) == set(
        Organisation.objects.filter(sector=Sector.PRIVATE).values_list("pk", flat=True)
    )
    assert ids(search_candidates(world.partnership, Criteria(capability="pompa"))) == [company.pk]
    found = set(ids(search_candidates(world.partnership, Criteria(sdg=6))))
    assert found == {company.pk, ngo.pk}


def test_the_query_count_does_not_grow_with_organisations(world):
    make_problem(world.partnership)
    goals = list(SdgGoal.objects.filter(number__in=[2, 3]))

    def add(n):
        for i in range(n):
            organisation = org(f"Org {i}", "menurunkan stunting", regions=["53.02"])
            organisation.sdg_goals.set(goals)
            organisation.capabilities.set(Capability.from_names([f"kemampuan {i}"]))

    add(3)
    small = count_queries(search_candidates, world.partnership, Criteria())
    add(30)
    assert count_queries(search_candidates, world.partnership, Criteria()) == small


def test_the_search_page_does_not_grow_with_organisations(world, client_for):
    client = client_for(world.coordinator)
    url = reverse("scoping:search", args=[world.partnership.code])
    for i in range(3):
        org(f"A {i}", "stunting", regions=["53"], goals=[2])
    small = count_queries(client.get, url, {"region": "53", "q": "stunting"})
    for i in range(30):
        org(f"B {i}", "stunting", regions=["53.02"], goals=[2])
    assert count_queries(client.get, url, {"region": "53", "q": "stunting"}) == small
