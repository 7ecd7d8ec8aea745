"""Bulk inserts for imports of tens of thousands of rows, with their history rows.

`create_with_history(objs, model, user=...)` writes what `simple_history`'s
`bulk_create_with_history(objs, model, default_user=user)` writes — the new records (their
primary keys set on them) and one "created" history row each, naming the user — but builds the
INSERT statements itself: Django's bulk insert compiles every value of every row through the
query compiler (about half of an import's writing time), and the history rows were model
instances first. Each value is still converted by its field (`pre_save`, `get_db_prep_save`),
so dates, decimals and foreign keys are stored exactly as `bulk_create` stores them.

For new records of a model without multi-table inheritance, on a database that returns the
keys of a multi-row INSERT (PostgreSQL, SQLite ≥ 3.35); otherwise it hands over to
`bulk_create_with_history`.
"""

from operator import attrgetter

from django.db import connections, models, router, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, get_history_manager_for_model


def _unnest_types(connection, fields) -> list[str] | None:
    """PostgreSQL: each column's array type for an INSERT … SELECT FROM UNNEST (one parameter a
    column, which the server plans far faster than thousands of VALUES placeholders — what
    Django's own bulk insert does there); None where a field's type does not allow it."""
    if connection.vendor != "postgresql":
        return None
    for field in fields:
        target = field.target_field if field.is_relation else field
        if hasattr(field, "get_placeholder") or target.get_internal_type() not in (
            connection.data_types
        ):
            return None
    return [field.db_type(connection).split("(")[0] for field in fields]


def _insert(connection, table: str, fields, rows, *, returning=None, batch_size=None):
    """INSERT `rows` (lists of values already prepared for the database) into `table`; the
    values of the `returning` column, in the rows' order, when asked."""
    ops = connection.ops
    # As `bulk_create`: never more parameters a statement than the database takes.
    size = max(ops.bulk_batch_size(fields, rows), 1)
    size = min(batch_size, size) if batch_size else size
    columns = ", ".join(ops.quote_name(field.column) for field in fields)
    unnest = _unnest_types(connection, fields)
    one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    returned = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            # Names from the model's own meta, quoted; every value is a parameter.
            if unnest:
                arrays = ", ".join(f"(%s)::{db_type}[]" for db_type in unnest)
                sql = f"INSERT INTO {ops.quote_name(table)} ({columns}) SELECT * FROM UNNEST({arrays})"  # noqa: S608, E501
                params = [list(column) for column in zip(*batch, strict=True)]
            else:
                sql = f"INSERT INTO {ops.quote_name(table)} ({columns}) VALUES " + ", ".join(  # noqa: S608
                    [one_row] * len(batch)
                )
                params = [value for row in batch for value in row]
            if returning is not None:
                sql += f" RETURNING {ops.quote_name(returning.column)}"
            cursor.execute(sql, params)
            if returning is not None:
                returned.extend(value for (value,) in cursor.fetchall())
    return returned


# Values of these types are equal only when they are the same value (not 1 == 1.0 == True,
# Decimal("1.5") == Decimal("1.50"), one moment in two time zones).
_PLAIN = frozenset({str, int, bool, type(None)})


def _reader(field):
    """How `pre_save(obj, add=True)` reads the field: its attribute, where the field's class
    keeps Django's own `pre_save`."""
    if type(field).pre_save is models.Field.pre_save:
        return attrgetter(field.attname)
    return lambda obj: field.pre_save(obj, True)


def _preparer(field, connection):
    """`field.get_db_prep_save(value, connection)`; for Django's own field classes, a plain
    value (None, a bool, a whole number, a text) is prepared once per distinct value of the
    column: a status, a user, an empty text repeated over 50,000 rows is not converted 50,000
    times."""
    prepare = field.get_db_prep_save
    if not type(field).__module__.startswith("django.db.models."):
        return lambda value: prepare(value, connection)
    prepared: dict = {}

    def prepare_plain(value):
        kind = type(value)
        if kind not in _PLAIN:
            return prepare(value, connection)
        key = (kind, value)
        if key not in prepared:
            prepared[key] = prepare(value, connection)
        return prepared[key]

    return prepare_plain


def _auto_key(field) -> bool:
    return field.primary_key and isinstance(field, models.AutoField)


def create_with_history(objs: list, model, *, user, batch_size: int | None = None) -> list:
    if not objs:
        return objs
    using = router.db_for_write(model)
    connection = connections[using]
    opts = model._meta
    history = get_history_manager_for_model(model).model
    if (
        not connection.features.can_return_rows_from_bulk_insert
        or opts.parents
        or not _auto_key(opts.pk)
        or hasattr(history, "history_relation")
        or any(obj.pk is not None for obj in objs)
    ):
        return bulk_create_with_history(objs, model, batch_size=batch_size, default_user=user)
    fields = [f for f in opts.concrete_fields if not f.generated and not _auto_key(f)]
    tracked = {f.attname for f in history.tracked_fields}
    extra = {
        "history_date": timezone.now(),
        "history_type": "+",
        "history_change_reason": None,
        "history_user_id": getattr(user, "pk", None),
    }
    history_fields = [f for f in history._meta.concrete_fields if not _auto_key(f)]
    unknown = [f.attname for f in history_fields if f.attname not in {*tracked, *extra}]
    stored = {f.attname for f in fields} | {opts.pk.attname}
    unknown += [name for name in tracked if name not in stored]
    if unknown:
        raise ValueError(f"{history.__name__} has columns this does not fill: {unknown}")
    with transaction.atomic(using=using, savepoint=False):
        rows = []
        steps = [(_reader(f), _preparer(f, connection)) for f in fields]
        for obj in objs:
            obj._prepare_related_fields_for_save(operation_name="bulk_create")
            rows.append([prepare(read(obj)) for read, prepare in steps])
        keys = _insert(
            connection, opts.db_table, fields, rows, returning=opts.pk, batch_size=batch_size
        )
        for obj, key in zip(objs, keys, strict=True):
            setattr(obj, opts.pk.attname, key)
            obj._state.adding, obj._state.db = False, using
        # One history row each: every tracked field as just stored (the history's copy of a
        # field stores a value as the field itself does), and who and when.
        where = {f.attname: index for index, f in enumerate(fields)}
        fixed = {
            f.attname: f.get_db_prep_save(extra[f.attname], connection)
            for f in history_fields
            if f.attname in extra
        }
        layout = [where.get(f.attname) for f in history_fields]
        names = [f.attname for f in history_fields]
        key_name = opts.pk.attname
        history_rows = [
            [
                row[index] if index is not None else (key if name == key_name else fixed[name])
                for index, name in zip(layout, names, strict=True)
            ]
            for row, key in zip(rows, keys, strict=True)
        ]
        _insert(connection, history._meta.db_table, history_fields, history_rows)
    return objs


def insert_rows(model, field_names: list[str], rows: list[tuple], *, batch_size=None) -> None:
    """INSERT new rows of `model` given as tuples of values for `field_names` (a foreign key by
    its name takes the related record's key): rows without a history of their own and without
    model instances — the link rows of a many-to-many relation. Each value is converted by its
    field, as `bulk_create` converts it."""
    if not rows:
        return
    using = router.db_for_write(model)
    connection = connections[using]
    fields = [model._meta.get_field(name) for name in field_names]
    prepared = [
        [
            field.get_db_prep_save(value, connection)
            for field, value in zip(fields, row, strict=True)
        ]
        for row in rows
    ]
    with transaction.atomic(using=using, savepoint=False):
        _insert(connection, model._meta.db_table, fields, prepared, batch_size=batch_size)
