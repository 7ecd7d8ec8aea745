import pytest
from django.urls import reverse

from simitra.results.models import BeneficiaryCount, BeneficiaryGroup, Dimension, DimensionCategory

pytestmark = pytest.mark.django_db


def url(world, name="beneficiary_add"):
    return reverse(f"results:{name}", args=[world.partnership.code])


@pytest.fixture
def sex(world):
    dimension = Dimension.objects.create(partnership=world.partnership, name="Jenis kelamin")
    return [
        DimensionCategory.objects.create(dimension=dimension, name=name, order=n)
        for n, name in enumerate(["Perempuan", "Laki-laki"])
    ]


def test_the_coordinator_records_a_group_with_its_breakdown(world, sex, client_for):
    female, male = sex
    response = client_for(world.coordinator).post(
        url(world),
        {
            "name": "Balita",
            "planned": "100",
            "reached": "80",
            f"planned_{female.pk}": "50",
            f"reached_{female.pk}": "42",
            f"planned_{male.pk}": "50",
            f"reached_{male.pk}": "38",
        },
    )
    assert response.status_code == 302
    group = BeneficiaryGroup.objects.get()
    assert (group.planned, group.reached) == (100, 80)
    assert BeneficiaryCount.objects.get(category=female).reached == 42
    page = client_for(world.observer).get(url(world, "beneficiaries"))
    assert "Perempuan: 42/50" in page.content.decode()


def test_a_negative_count_is_refused_and_nothing_saved(world, sex, client_for):
    client = client_for(world.coordinator)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = client.post(
        url(world),
        {"name": "Balita", "planned": "-5", "reached": "0", f"reached_{sex[0].pk}": "-1"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "greater than or equal to 0" in body
    assert 'value="Balita"' in body  # what was typed is kept
    assert not BeneficiaryGroup.objects.exists() and not BeneficiaryCount.objects.exists()


def test_a_breakdown_larger_than_the_total_is_refused(world, sex, client_for):
    response = client_for(world.coordinator).post(
        url(world),
        {
            "name": "Balita",
            "planned": "10",
            "reached": "0",
            f"planned_{sex[0].pk}": "8",
            f"planned_{sex[1].pk}": "8",
        },
    )
    assert response.status_code == 200
    assert not BeneficiaryGroup.objects.exists()


def test_partners_read_but_do_not_edit_beneficiaries(world, client_for):
    assert client_for(world.partner_user).get(url(world, "beneficiaries")).status_code == 200
    assert client_for(world.partner_user).get(url(world)).status_code == 403
    assert client_for(world.outsider).get(url(world, "beneficiaries")).status_code == 404
