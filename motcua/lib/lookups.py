"""`field__any_of=[...]`: membership in a list sent as one array parameter on PostgreSQL
(`= ANY(%s::bigint[])`), an `IN (...)` list elsewhere.

A report over a province filters by a hundred units or more. As an `IN` list each id is a
parameter of its own: the statement is long, differs with the number of units, and psycopg
parses it again on every execution (it caches statements of at most 50 parameters). One array
keeps the statement short and the same whatever the number of units."""

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignKey, IntegerField, Lookup


class AnyOf(Lookup):  # type: ignore[type-arg]
    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:  # type: ignore[override]
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = [int(v) for v in self.rhs]
        if not values:
            raise EmptyResultSet
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, values]
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", [*lhs_params, *values]


def register() -> None:
    """Called once, when the apps are ready (motcua.reports.apps)."""
    for field in (ForeignKey, IntegerField):
        field.register_lookup(AnyOf)
