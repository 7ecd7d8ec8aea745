"""The public pages of the portal: a published partnership, a practice, a lesson and the printable
case study. Anything private answers 404, to everyone."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from simitra.knowledge.models import Visibility
from simitra.partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def test_a_published_partnership_has_a_public_summary(portal_world, client):
    response = client.get(reverse("knowledge:partnership_public", args=["PUB-UMKM"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Literasi Digital UMKM Perempuan" in body and "PT Pemasok" in body
    assert "Kelas pemasaran oleh pelatih sebaya" in body
    assert "Pelatih sebaya lebih dipercaya" in body
    assert "Draf praktik internal" not in body and "Pelajaran internal sensitif" not in body
    assert "25010" in body


def test_a_private_partnership_has_no_public_page(portal_world, client_for, world):
    portal_world.hidden.coordinators.add(world.coordinator)
    url = reverse("knowledge:partnership_public", args=["PRIV-AIR"])
    assert client_for(None).get(url).status_code == 404
    assert client_for(world.coordinator).get(url).status_code == 404


def test_a_published_practice_and_lesson_have_public_pages(portal_world, client):
    practice = client.get(portal_world.public_practice.get_absolute_url())
    assert practice.status_code == 200
    assert "Anggota memasarkan produk secara daring." in practice.content.decode()
    assert client.get(portal_world.public_lesson.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "item", ["private_practice", "private_lesson", "hidden_practice", "hidden_lesson"]
)
def test_private_items_have_no_public_page_or_pdf(portal_world, client, item):
    item = getattr(portal_world, item)
    assert client.get(item.get_absolute_url()).status_code == 404
    if hasattr(item, "approach"):
        assert client.get(reverse("knowledge:practice_pdf", args=[item.slug])).status_code == 404


def test_the_case_study_prints_as_a_pdf(portal_world, client):
    response = client.get(
        reverse("knowledge:practice_pdf", args=[portal_world.public_practice.slug])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Kelas pemasaran oleh pelatih sebaya" in text
    assert "Syarat replikasi" in text  # an anonymous visitor reads the default, Indonesian
    assert "sekretariat@contoh.id" in text


def test_the_pdf_prints_text_as_text_never_as_markup(portal_world, client):
    practice = portal_world.public_practice
    practice.results = '<img src="file:///etc/passwd"> <b>tebal</b>'
    practice.save()
    response = client.get(reverse("knowledge:practice_pdf", args=[practice.slug]))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert '<img src="file:///etc/passwd">' in text


def test_unpublishing_the_partnership_takes_its_practice_offline(portal_world, client):
    portal_world.public.visibility = Partnership.Visibility.PRIVATE
    portal_world.public.save()
    assert client.get(portal_world.public_practice.get_absolute_url()).status_code == 404
    pdf = reverse("knowledge:practice_pdf", args=[portal_world.public_practice.slug])
    assert client.get(pdf).status_code == 404


def test_making_a_practice_private_again_takes_it_offline(portal_world, client):
    practice = portal_world.public_practice
    practice.visibility = Visibility.PRIVATE
    practice.save()
    assert client.get(practice.get_absolute_url()).status_code == 404
