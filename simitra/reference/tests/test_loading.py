import pytest

from simitra.reference.loading import load_all
from simitra.reference.models import CodelistItem, Region, SdgGoal, SdgTarget

pytestmark = pytest.mark.django_db


def test_it_loads_the_kemendagri_regions_with_their_hierarchy():
    assert Region.objects.filter(level=1).count() == 38
    assert Region.objects.filter(level=2).count() == 514
    assert Region.objects.filter(level=3).count() == 7285
    assert Region.objects.get(code="53.02.01").parent.parent.name == "Nusa Tenggara Timur"
    assert (
        Region.objects.within("53").count()
        == 1 + Region.objects.filter(code__startswith="53.").count()
    )


def test_it_loads_the_sdgs_with_indonesian_names():
    assert SdgGoal.objects.count() == 17
    assert SdgTarget.objects.count() == 169
    assert SdgGoal.objects.get(number=2).name_id == "Tanpa Kelaparan"
    assert list(SdgTarget.objects.filter(goal=1).values_list("code", flat=True))[:3] == [
        "1.1",
        "1.2",
        "1.3",
    ]


def test_it_loads_iati_codelists():
    assert CodelistItem.objects.get(codelist="OrganisationRole", code="1").name == "Funding"
    assert CodelistItem.objects.get(codelist="Sector", code="12240").name.startswith(
        "Basic nutrition"
    )


def test_loading_again_changes_nothing():
    before = (Region.objects.count(), SdgTarget.objects.count(), CodelistItem.objects.count())
    load_all()
    assert (
        Region.objects.count(),
        SdgTarget.objects.count(),
        CodelistItem.objects.count(),
    ) == before
