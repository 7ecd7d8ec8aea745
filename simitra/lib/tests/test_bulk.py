"""`create_with_history` stores what `simple_history`'s `bulk_create_with_history` stores: the
same records and the same history rows, the primary keys set on the objects."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from simple_history.utils import bulk_create_with_history

from simitra.lib.bulk import create_with_history
from simitra.organisations.models import Organisation
from simitra.partnerships.testing import make_organisation
from simitra.results.models import IndicatorValue
from simitra.results.testing import make_indicator

pytestmark = pytest.mark.django_db

SKIPPED = {"id", "slug", "name", "created_at", "updated_at", "history_id", "history_date"}


def organisations(prefix: str, user) -> list[Organisation]:
    return [
        Organisation(
            name=f"{prefix} {n}",
            slug=f"{prefix}-{n}",
            sector="ngo",
            website="https://contoh.example.id",
            description="Baris\nkedua – dengan “tanda kutip” dan 'satu'",
            created_by=user if n % 2 else None,
        )
        for n in range(3)
    ]


def stored(queryset) -> list[dict]:
    return [
        {k: v for k, v in row.items() if k not in SKIPPED}
        for row in queryset.order_by("pk").values()
    ]


def test_the_same_records_and_history_rows_as_simple_history(world):
    ours = create_with_history(
        organisations("kami", world.outsider), Organisation, user=world.outsider
    )
    theirs = bulk_create_with_history(
        organisations("mereka", world.outsider), Organisation, default_user=world.outsider
    )
    assert all(o.pk and not o._state.adding for o in ours)
    assert [o.pk for o in ours] == sorted(
        Organisation.objects.filter(name__startswith="kami").values_list("pk", flat=True)
    )
    mine = Organisation.objects.filter(pk__in=[o.pk for o in ours])
    other = Organisation.objects.filter(pk__in=[o.pk for o in theirs])
    assert stored(mine) == stored(other)
    assert all(o.created_at and o.updated_at for o in mine)
    history = Organisation.history.model.objects
    mine_history = history.filter(id__in=[o.pk for o in ours])
    other_history = history.filter(id__in=[o.pk for o in theirs])
    assert stored(mine_history) == stored(other_history)
    assert [h.id for h in mine_history.order_by("pk")] == [o.pk for o in ours]
    assert {(h.history_type, h.history_user_id) for h in mine_history} == {("+", world.outsider.pk)}
    first = mine.order_by("pk").first()
    [created] = first.history.all()
    assert (created.slug, created.created_at) == (first.slug, first.created_at)


def test_decimals_and_dates_are_stored_as_bulk_create_stores_them(world):
    indicator = make_indicator(world.partnership, world.partner_a)
    periods = list(indicator.periods.order_by("start")[:2])
    values = [
        IndicatorValue(
            period=period,
            value=Decimal("12.50"),
            comment="bulan ini",
            status=IndicatorValue.Status.SUBMITTED,
            submitted_by=world.coordinator,
            submitted_at=dt.datetime(2026, 1, 31, 23, 30, tzinfo=dt.UTC),
            entered_by=world.coordinator,
        )
        for period in periods
    ]
    with CaptureQueriesContext(connection) as queries:
        create_with_history(values, IndicatorValue, user=world.coordinator)
    assert len(queries.captured_queries) <= 3  # the values, their history (and a savepoint)
    value = IndicatorValue.objects.get(pk=values[0].pk)
    assert value.value == Decimal("12.50")
    assert value.submitted_at == dt.datetime(2026, 1, 31, 23, 30, tzinfo=dt.UTC)
    [history] = value.history.all()
    assert (history.value, history.submitted_at, history.history_user) == (
        Decimal("12.50"),
        value.submitted_at,
        world.coordinator,
    )


def test_nothing_to_write_writes_nothing(world):
    make_organisation("Ada")
    with CaptureQueriesContext(connection) as queries:
        assert create_with_history([], Organisation, user=world.outsider) == []
    assert not queries.captured_queries
