"""CreateModelOrAdopt creates a table that is missing, adopts one that is there with its rows,
and refuses one of the same name that lacks a column of the model."""

import pytest
from django.db import connection, migrations, models
from django.db.migrations.state import ProjectState

from simitra.lib.migrations import AdoptionRefused, CreateModelOrAdopt

TABLE = "lib_adoption_thing"

pytestmark = pytest.mark.django_db(transaction=True)


def operation():
    return CreateModelOrAdopt(
        name="Thing",
        fields=[
            ("id", models.BigAutoField(primary_key=True)),
            ("name", models.CharField(max_length=20)),
        ],
        options={"db_table": TABLE},
    )


def apply(op):
    before = ProjectState()
    after = before.clone()
    op.state_forwards("adoption", after)
    with connection.schema_editor() as editor:
        op.database_forwards("adoption", editor, before, after)
    return after


def tables():
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


@pytest.fixture
def clean():
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def test_it_creates_the_table_when_it_is_missing(clean):
    state = apply(operation())
    assert TABLE in tables()
    state.apps.get_model("adoption", "Thing").objects.create(name="baru")


def test_it_adopts_the_table_with_its_rows(clean):
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {TABLE} (id integer PRIMARY KEY, name varchar(20) NOT NULL)")
        cursor.execute(f"INSERT INTO {TABLE} (id, name) VALUES (7, 'lama')")
    state = apply(operation())
    thing = state.apps.get_model("adoption", "Thing").objects.get()
    assert (thing.pk, thing.name) == (7, "lama")


def test_it_refuses_a_table_that_lacks_a_column(clean):
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {TABLE} (id integer PRIMARY KEY)")
    with pytest.raises(AdoptionRefused, match="lacks the columns name"):
        apply(operation())


def test_unapplying_keeps_the_table(clean):
    op = operation()
    state = apply(op)
    with connection.schema_editor() as editor:
        op.database_backwards("adoption", editor, state, ProjectState())
    assert TABLE in tables()


def test_it_is_a_create_model_for_the_migration_state():
    assert isinstance(operation(), migrations.CreateModel)
