"""The flush after a test that commits (QuickFlush, conftest.py) leaves the database as Django's
flush followed by post_migrate and the reference reload would: every table empty but the content
types, permissions and reference data, which hold what they held before the test."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from conftest import QUICK_FLUSH
from simitra.partnerships.testing import build_world
from simitra.reference.models import CodelistItem, Region, SdgGoal, SdgTarget

pytestmark = pytest.mark.django_db(transaction=True)

KEPT = {ContentType, Permission, Region, SdgGoal, SdgTarget, CodelistItem}
# The data generation (simitra/pagecache) moves on after any write, the flush's too (as after
# Django's own flush): its one row is made again when the flush commits.
GENERATION = "pagecache.Generation"


def _contents():
    """Every kept model's rows (without their generated ids), and how many rows the other
    tables hold."""
    kept = {
        ContentType: sorted(ContentType.objects.values_list("app_label", "model")),
        Permission: sorted(
            Permission.objects.values_list(
                "content_type__app_label", "content_type__model", "codename", "name"
            )
        ),
        Region: sorted(Region.objects.values_list("code", "name", "level", "parent")),
        SdgGoal: sorted(SdgGoal.objects.values_list("number", "name_en", "name_id")),
        SdgTarget: sorted(SdgTarget.objects.values_list("code", "goal", "description")),
        CodelistItem: sorted(
            CodelistItem.objects.values_list(
                "codelist", "code", "name", "name_id", "description", "category"
            )
        ),
    }
    others = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model not in KEPT and not model._meta.proxy and model._meta.managed
    }
    assert others.pop(GENERATION, 0) <= 1
    return kept, others


def test_a_flush_after_rows_were_added_empties_the_other_tables(reference):
    before, _ = _contents()
    build_world()
    _, others = _contents()
    assert any(others.values())
    QUICK_FLUSH.flush(connection)
    after, others = _contents()
    assert after == before
    assert not any(others.values()), {label: n for label, n in others.items() if n}


@pytest.mark.parametrize(
    "change",
    [
        lambda: Region.objects.filter(level=Region.Level.DISTRICT).first().delete(),
        lambda: SdgGoal.objects.filter(number=1).update(name_en="Changed"),
        lambda: CodelistItem.objects.filter(codelist="Currency").delete(),
        lambda: Permission.objects.filter(codename__startswith="add_").delete(),
        lambda: ContentType.objects.create(app_label="gone", model="gone"),
    ],
    ids=["region deleted", "goal renamed", "codelist emptied", "permissions deleted", "type added"],
)
def test_a_flush_after_kept_rows_changed_makes_them_again(reference, change):
    before, _ = _contents()
    change()
    assert _contents()[0] != before
    QUICK_FLUSH.flush(connection)
    after, others = _contents()
    assert after == before
    assert not any(others.values()), {label: n for label, n in others.items() if n}
