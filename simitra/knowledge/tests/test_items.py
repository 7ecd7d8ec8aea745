"""Lessons learned and replicable practices: the coordinator records and publishes them."""

import pytest
from django.urls import reverse

from simitra.knowledge.models import Lesson, Practice, Visibility
from simitra.lib.testing import count_queries
from simitra.partnerships.models import Partnership

from .conftest import lesson, practice

pytestmark = pytest.mark.django_db

LESSON = {
    "title": "Pelatih sebaya lebih dipercaya",
    "phase": "5",
    "what_happened": "Kehadiran turun ketika pelatih dari luar.",
    "what_was_learned": "Peserta belajar dari sesama pelaku usaha.",
    "recommendation": "Latih pelatih dari penerima manfaat.",
    "tags": "UMKM, pelatihan sebaya; umkm",
    "visibility": "private",
}
PRACTICE = {
    "title": "Kelas pemasaran digital",
    "summary": "Pelatih sebaya mengajar anggota.",
    "context": "UMKM perempuan di Makassar.",
    "approach": "1. Pilih pelatih. 2. Latih. 3. Buka kelas.",
    "results": "612 peserta.",
    "replication_conditions": "Komunitas berpengurus.",
    "contacts": "sekretariat@contoh.id",
    "tags": "",
    "visibility": "published",
}


def url(name, world, *args):
    return reverse(f"knowledge:{name}", args=[world.partnership.code, *args])


def test_the_coordinator_records_a_lesson_with_tags(sustaining, client_for):
    response = client_for(sustaining.coordinator).post(url("lesson_create", sustaining), LESSON)
    assert response.status_code == 302
    saved = Lesson.objects.get()
    assert saved.partnership == sustaining.partnership and saved.phase == 5
    assert sorted(t.name for t in saved.tags.all()) == ["UMKM", "pelatihan sebaya"]
    assert saved.created_by == sustaining.coordinator
    assert saved.slug.startswith("pelatih-sebaya-lebih-dipercaya-")
    assert " latih " in saved.search_stems and " umkm " in saved.search_stems
    assert saved.published_at is None


def test_publishing_stamps_the_date_and_unpublishing_clears_it(sustaining, client_for):
    client = client_for(sustaining.coordinator)
    client.post(url("practice_create", sustaining), PRACTICE)
    saved = Practice.objects.get()
    assert saved.is_published and saved.published_at is not None
    assert not saved.is_public  # its partnership is still private
    client.post(url("practice_edit", sustaining, saved.pk), {**PRACTICE, "visibility": "private"})
    saved.refresh_from_db()
    assert saved.visibility == Visibility.PRIVATE and saved.published_at is None


def test_an_edit_keeps_the_address_and_refreshes_the_search_stems(sustaining, client_for):
    item = lesson(sustaining.partnership, "Judul lama")
    client_for(sustaining.coordinator).post(
        url("lesson_edit", sustaining, item.pk), {**LESSON, "what_happened": "Pemasaran gagal."}
    )
    item.refresh_from_db()
    assert item.slug.startswith("judul-lama-")
    assert " pasar " in item.search_stems


def test_an_incomplete_practice_is_refused_and_nothing_is_saved(sustaining, client_for):
    response = client_for(sustaining.coordinator).post(
        url("practice_create", sustaining), {**PRACTICE, "approach": ""}
    )
    assert response.status_code == 200
    assert "Pelatih sebaya mengajar anggota." in response.content.decode()
    assert not Practice.objects.exists()


@pytest.mark.parametrize(
    "who, status", [("partner_user", 403), ("observer", 403), ("outsider", 404)]
)
def test_only_the_coordinator_records_edits_or_deletes(sustaining, client_for, who, status):
    existing = practice(sustaining.partnership, "Tetap ada")
    client = client_for(getattr(sustaining, who))
    assert client.get(url("lesson_create", sustaining)).status_code == status
    assert client.post(url("lesson_create", sustaining), LESSON).status_code == status
    assert (
        client.post(url("practice_edit", sustaining, existing.pk), PRACTICE).status_code == status
    )
    assert client.post(url("practice_delete", sustaining, existing.pk)).status_code == status
    assert not Lesson.objects.exists()
    existing.refresh_from_db()
    assert existing.title == "Tetap ada"


def test_the_coordinator_deletes_with_a_post(sustaining, client_for):
    item = lesson(sustaining.partnership)
    client = client_for(sustaining.coordinator)
    assert client.get(url("lesson_delete", sustaining, item.pk)).status_code == 405
    client.post(url("lesson_delete", sustaining, item.pk))
    assert not Lesson.objects.exists()


def test_an_item_of_another_partnership_is_not_found(sustaining, client_for, portal_world):
    other = portal_world.public_lesson
    response = client_for(sustaining.coordinator).get(url("lesson_edit", sustaining, other.pk))
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["partner_user", "observer"])
def test_partners_and_observers_read_private_items(sustaining, client_for, who):
    lesson(sustaining.partnership, "Pelajaran internal", Visibility.PRIVATE)
    body = client_for(getattr(sustaining, who)).get(url("lessons", sustaining)).content.decode()
    assert "Pelajaran internal" in body
    assert url("lesson_create", sustaining) not in body


def test_visitors_of_a_published_partnership_see_only_published_items(sustaining, client_for):
    sustaining.partnership.visibility = Partnership.Visibility.PUBLIC
    sustaining.partnership.save()
    lesson(sustaining.partnership, "Pelajaran internal", Visibility.PRIVATE)
    lesson(sustaining.partnership, "Pelajaran terbuka")
    body = client_for(sustaining.outsider).get(url("lessons", sustaining)).content.decode()
    assert "Pelajaran terbuka" in body and "Pelajaran internal" not in body


def test_the_panels_do_not_grow_with_items(sustaining, client_for):
    client = client_for(sustaining.coordinator)

    def get(name):
        response = client.get(url(name, sustaining), HTTP_HX_REQUEST="true")
        assert response.status_code == 200

    def add(n):
        for i in range(n):
            lesson(sustaining.partnership, f"L{i}", tags=["a", f"b{i}"])
            practice(sustaining.partnership, f"P{i}", tags=["a", f"b{i}"])

    add(2)
    small = (count_queries(get, "lessons"), count_queries(get, "practices"))
    add(8)
    assert (count_queries(get, "lessons"), count_queries(get, "practices")) == small


@pytest.mark.parametrize("name", ["lesson_create", "practice_create"])
def test_a_new_item_s_tag_field_starts_empty(sustaining, client_for, name):
    response = client_for(sustaining.coordinator).get(url(name, sustaining))
    field = response.context["form"]["tags"]
    assert field.value() in ("", None)
    assert "[]" not in str(field)


def test_a_tag_typed_after_raw_brackets_is_saved_without_them(sustaining, client_for):
    client_for(sustaining.coordinator).post(
        url("lesson_create", sustaining), {**LESSON, "tags": "[]bank sampah, ['UMKM']"}
    )
    assert sorted(t.name for t in Lesson.objects.get().tags.all()) == ["UMKM", "bank sampah"]
