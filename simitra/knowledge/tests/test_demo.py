"""The demo's sustaining records: the published partnership shares knowledge, the private one
shares nothing."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from simitra.knowledge.models import Lesson, Practice, SustainabilityPlan
from simitra.lib.demo_time import shifted

pytestmark = pytest.mark.django_db


# `demo` (the root conftest.py): loaded once per test day for this module's tests, read on that day.


def test_the_sustaining_partnership_has_its_plan_lessons_and_practice(demo):
    assert SustainabilityPlan.objects.filter(partnership__code="SULSEL-UMKM-2023").exists()
    lessons = Lesson.objects.filter(partnership__code="SULSEL-UMKM-2023")
    assert lessons.public().count() == 2 and lessons.count() == 3
    assert Practice.objects.public().filter(partnership__code="SULSEL-UMKM-2023").count() == 1
    published = sorted(
        timezone.localtime(moment).date()
        for moment in lessons.public().values_list("published_at", flat=True)
    )
    assert published == [shifted(dt.date(2025, 2, 10)), shifted(dt.date(2025, 7, 15))]


def test_the_portal_shows_the_published_knowledge_only(demo, client):
    body = client.get(reverse("knowledge:portal"), {"kind": "lessons"}).content.decode()
    assert "Pelatih sebaya lebih dipercaya" in body
    assert "Biaya tambahan belum dibagi bersama" not in body  # private lesson
    assert "Data gizi desa" not in body  # lesson of the private partnership
    search = client.get(reverse("knowledge:portal"), {"q": "data gizi", "kind": "lessons"})
    assert "Data gizi desa" not in search.content.decode()


def test_loading_again_adds_nothing(demo):
    counts = (Lesson.objects.count(), Practice.objects.count(), SustainabilityPlan.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (
        Lesson.objects.count(),
        Practice.objects.count(),
        SustainabilityPlan.objects.count(),
    ) == counts
