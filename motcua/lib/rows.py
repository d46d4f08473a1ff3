"""Model instances from rows read by plain SQL, as the ORM would make them.

For the few reads on the citizen portal's busiest page, where Django's building of a query
costs more CPU than running it: the SQL is written once from the models' metadata, and each row
becomes an instance through `Model.from_db` with the ORM's own value converters (SQLite's
datetimes made aware, for one). Fields not read are deferred, as `only()` leaves them.

`fetch` runs such a read. On PostgreSQL it is a prepared statement, planned once per connection
instead of on every request: planning the status page's read (five tables, four subqueries)
took 0.5 ms of the server's CPU, running it 0.07 ms. `MOTCUA_DB_PREPARED=0` turns this off for
a connection pooler that cannot carry prepared statements (config/env.py,
docs/configuration.md); SQLite has no such option and runs them as any query.
"""

import functools
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Model
from django.db.models.base import DEFERRED

M = TypeVar("M", bound=Model)


def fields_of(model: type[Model], names: tuple[str, ...] | None = None) -> tuple[Any, ...]:
    """The concrete fields named (all when None), in the model's order, as `from_db` takes
    them."""
    fields = tuple(f for f in model._meta.concrete_fields if names is None or f.name in names)
    assert names is None or len(fields) == len(names), f"{model.__name__}: not all of {names}"
    return fields


def columns(fields: tuple[Any, ...], alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    return ", ".join(f'{prefix}"{field.column}"' for field in fields)


class Reader:
    """Instances of one model from the values of `fields` in rows read by plain SQL, as the
    ORM would make them (the others deferred): the converters and the fields' places among the
    model's concrete fields found once, so a row becomes an instance without a look-up per
    value (the status page builds five instances on every lookup)."""

    def __init__(self, model: type[Model], fields: tuple[Any, ...]) -> None:
        self.model, self.fields = model, fields
        concrete = [f.attname for f in model._meta.concrete_fields]
        self.places = tuple(concrete.index(field.attname) for field in fields)
        self.width = len(concrete)
        self._converters: dict[str, tuple[tuple[Any, tuple[Any, ...]], ...]] = {}

    def __call__(self, values: Sequence[Any], db: Any) -> Any:
        """An instance of these fields' values (None for a LEFT JOIN's missing row), on `db`,
        the default database's connection."""
        if values[0] is None:
            return None
        found = self._converters.get(db.vendor)
        if found is None:
            found = tuple(_converters(db.vendor, field) for field in self.fields)
            self._converters[db.vendor] = found
        full: list[Any] = [DEFERRED] * self.width
        for place, value, (col, converters) in zip(self.places, values, found, strict=True):
            for convert in converters:
                value = convert(value, col, db)
            full[place] = value
        return self.model.from_db(db.alias, [], full)


def converter(field: Any, db: Any = None) -> Callable[[Any], Any]:
    """A function converting values of `field` read by plain SQL as the ORM converts them (on
    `db`, the default database's connection, when given: `connection` is a proxy that finds it
    anew at each use); the converters found once for many values."""
    db = db or _database()
    col, converters = _converters(db.vendor, field)
    if not converters:
        return _same

    def run(value: Any) -> Any:
        for convert in converters:
            value = convert(value, col, db)
        return value

    return run


def _same(value: Any) -> Any:
    return value


def _database() -> Any:
    return connections[DEFAULT_DB_ALIAS]


@functools.cache
def _converters(vendor: str, field: Any) -> tuple[Any, tuple[Any, ...]]:
    """The field's column expression and the ORM's converters for it on this database: found
    once (the status page converts some forty values)."""
    col = field.get_col(field.model._meta.db_table)
    found = connection.ops.get_db_converters(col) + field.get_db_converters(connection)
    return col, tuple(found)


def instances(model: type[M], fields: tuple[Any, ...], found: list[tuple[Any, ...]]) -> list[M]:
    """Instances of rows of the model's own table (each has its key)."""
    if not found:
        return []
    read, db = _reader(model, fields), _database()
    return [read(row, db) for row in found]


@functools.cache
def _reader(model: type[Model], fields: tuple[Any, ...]) -> Reader:
    return Reader(model, fields)


def fetch(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """The rows of `sql`: on PostgreSQL prepared (see above), elsewhere as any query. Through
    Django's cursor wrapper either way, so the query log and execute wrappers see it."""
    if connection.settings_dict["OPTIONS"].get("prepare_threshold") is None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    raw = _prepared_cursor_class()(connection.connection)
    wrap = connection.make_debug_cursor if connection.queries_logged else connection.make_cursor
    with wrap(raw) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@functools.cache
def _prepared_cursor_class() -> type:
    """Django's server-side binding cursor, preparing every statement it runs (psycopg keeps
    them per connection, by text and parameter types). Django's own cursors bind on the client
    and never prepare, so only `fetch`'s reads are prepared."""
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparingCursor(ServerBindingCursor):  # type: ignore[misc,valid-type]
        def execute(self, query: Any, params: Any = None, **options: Any) -> Any:
            return super().execute(query, params, prepare=True)  # type: ignore[misc]

    return PreparingCursor
