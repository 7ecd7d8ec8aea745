"""Knowledge 0002 cleans the tags saved while the forms pre-filled the tag field with `[]`."""

import importlib

import pytest
from django.apps import apps

from simitra.knowledge.models import Tag

from .conftest import lesson, practice

pytestmark = pytest.mark.django_db

migration = importlib.import_module("simitra.knowledge.migrations.0002_clean_tag_names")


def names(item):
    return sorted(t.name for t in item.tags.all())


def test_it_drops_brackets_and_quotes_and_keeps_the_items(sustaining):
    raw = lesson(sustaining.partnership, tags=["placeholder"])
    raw.tags.set([Tag.objects.create(name="[]bank sampah", slug="bank-sampah")])
    quoted = practice(sustaining.partnership)
    quoted.tags.set([Tag.objects.create(name="['UMKM']", slug="umkm")])
    migration.clean_tag_names(apps, None)
    assert names(raw) == ["bank sampah"] and names(quoted) == ["UMKM"]
    assert Tag.objects.get(name="bank sampah").slug == "bank-sampah"


def test_a_tag_whose_clean_name_exists_is_merged_into_it(sustaining):
    clean = Tag.objects.create(name="UMKM", slug="umkm")
    raw = Tag.objects.create(name='"UMKM"', slug="umkm-2")
    both = lesson(sustaining.partnership)
    both.tags.set([clean, raw])
    only_raw = practice(sustaining.partnership)
    only_raw.tags.set([raw])
    migration.clean_tag_names(apps, None)
    assert not Tag.objects.filter(pk=raw.pk).exists()
    assert names(both) == ["UMKM"] and names(only_raw) == ["UMKM"]
    history = apps.get_model("knowledge", "HistoricalLesson_tags")
    assert not history.objects.filter(tag_id=raw.pk).exists()


def test_a_tag_of_brackets_alone_is_removed(sustaining):
    item = lesson(sustaining.partnership, tags=["kesetaraan"])
    item.tags.add(Tag.objects.create(name="[]", slug="kosong"))
    migration.clean_tag_names(apps, None)
    assert names(item) == ["kesetaraan"]
    assert list(Tag.objects.values_list("name", flat=True)) == ["kesetaraan"]


def test_clean_tags_are_left_alone(sustaining):
    lesson(sustaining.partnership, tags=["pelatihan sebaya", "UMKM"])
    before = list(Tag.objects.values_list("pk", "name", "slug"))
    migration.clean_tag_names(apps, None)
    assert list(Tag.objects.values_list("pk", "name", "slug")) == before
