"""Migration operations for models that move to another app and keep their tables and rows.

When an app is split (the `reviews` app became `health`, `early_warning` and `evaluations`), its
models keep the tables they had: their `db_table` (and their history's `table_name`) name the old
tables, and so do the indexes, constraints and many-to-many tables derived from them. The new
apps' initial migrations then meet two kinds of database:

- a fresh one: nothing exists, the tables are created as `CreateModel` creates them;
- one migrated by the old app's migrations: the tables and their rows are there; they are
  adopted as they are and nothing is created.

`CreateModelOrAdopt` is that `CreateModel`; `MoveContentTypes` moves the content types of the
models from the old app label to the new one, so the permissions, admin log entries and generic
references that point at them keep pointing right.
"""

from django.db import migrations


class AdoptionRefused(Exception):
    """A table of the moved model's name exists but is not the moved model's table."""


def _table_columns(connection, table: str) -> set[str] | None:
    """The column names of `table`, or None when the database has no such table."""
    with connection.cursor() as cursor:
        if table not in connection.introspection.table_names(cursor):
            return None
        return {
            column.name for column in connection.introspection.get_table_description(cursor, table)
        }


class CreateModelOrAdopt(migrations.CreateModel):
    """`CreateModel` that adopts the model's table when the database has it already.

    The table is adopted when it has every column of the model state; a table of that name that
    lacks one stops the migration (`AdoptionRefused`), since adopting it would fail later, on the
    first read. Its indexes, constraints and many-to-many tables were made with it by the old
    app's migrations, whose final state this model state repeats (`makemigrations --check` keeps
    them equal); a missing many-to-many table is created. Unapplying keeps the table and its
    rows, so that going back to the old app's code finds its data where it left it (and applying
    again adopts it).
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return
        columns = _table_columns(schema_editor.connection, model._meta.db_table)
        if columns is None:
            super().database_forwards(app_label, schema_editor, from_state, to_state)
            return
        missing = [
            field.column
            for field in model._meta.local_concrete_fields
            if field.column not in columns
        ]
        if missing:
            raise AdoptionRefused(
                f"The table {model._meta.db_table} exists but lacks the columns "
                f"{', '.join(missing)} of {app_label}.{self.name}: it is not adopted. Migrate the "
                "old app to its last migration first, or rename the table."
            )
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created and (
                _table_columns(schema_editor.connection, through._meta.db_table) is None
            ):
                schema_editor.create_model(through)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass  # the table and its rows stay (see the class docstring)

    def describe(self):
        return f"Create model {self.name}, or adopt its existing table"


class MoveContentTypes(migrations.operations.base.Operation):
    """Moves the content types of every model of this migration's app state (historical models
    included) from `from_app_label` to the app's own label; unapplying moves them back.

    The rows keep their ids, so the permissions (user and group grants too), admin log entries and
    generic foreign keys that point at them stay valid. A model with a content type under the new
    label already keeps it, and its old one is left alone (`remove_stale_contenttypes` deletes
    it). On a fresh database there is nothing to move: the content types are created after
    migrating, as for any app.
    """

    reversible = True
    reduces_to_sql = False

    def __init__(self, from_app_label: str):
        self.from_app_label = from_app_label

    def deconstruct(self):
        return (self.__class__.__qualname__, [], {"from_app_label": self.from_app_label})

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._move(to_state, app_label, schema_editor, self.from_app_label, app_label)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._move(from_state, app_label, schema_editor, app_label, self.from_app_label)

    def _move(self, state, app_label, schema_editor, old_label, new_label):
        apps = state.apps
        content_type = apps.get_model("contenttypes", "ContentType")
        alias = schema_editor.connection.alias
        if not self.allow_migrate_model(alias, content_type):
            return
        names = [model._meta.model_name for model in apps.get_app_config(app_label).get_models()]
        rows = content_type.objects.using(alias)
        taken = set(
            rows.filter(app_label=new_label, model__in=names).values_list("model", flat=True)
        )
        rows.filter(app_label=old_label, model__in=set(names) - taken).update(app_label=new_label)
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()  # it may hold the rows under their old label

    def describe(self):
        return f"Move the content types of the models from the app {self.from_app_label}"

    @property
    def migration_name_fragment(self):
        return f"move_content_types_from_{self.from_app_label}"
