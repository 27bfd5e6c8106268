"""Queries read on every request, written with the ORM and compiled to SQL once a process.

Django builds a queryset and compiles it to SQL anew each time one runs. For
the small indexed reads every page makes about the person asking (their
unread notifications, their groups, their answer to "was this helpful?") and
every admin page (their permissions, page rights and teams), building and
compiling took three times as long as PostgreSQL took to answer: some 290 µs
a query, where the same SQL sent as it is takes 80 µs, a round trip.

A `CompiledQuery` builds its queryset once a process for each database, with
markers in the place of the ids it is asked about, and sends the same SQL
with each request's ids. The database is still asked every time; only the
SQL is kept. The values come out as the queryset's would: what Django
converts on the way out of the database (a boolean or a date on SQLite) is
converted the same way.
"""

from collections.abc import Callable
from typing import NamedTuple

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

# Ids no row has: each stands for one of the ids a query is asked about
# (`CompiledQuery.rows`), and is found again among the compiled parameters.
_MARKERS = tuple(-(2**62) - number for number in range(8))


class Slot(int):
    """Where, among a compiled query's parameters, the ids asked about go."""


class Compiled(NamedTuple):
    sql: str
    # Each parameter as it is, or the `Slot` of the id that goes there.
    params: tuple
    # By column: Django's converters, and the expression they are given.
    converters: tuple[tuple[int, tuple[Callable, ...], object], ...]


class CompiledQuery:
    def __init__(self, build: Callable[..., QuerySet]):
        """`build` takes an id for each of its parameters and returns a `values_list` queryset."""
        self._build = build
        # By database: each speaks its own SQL. Two threads compiling the same
        # query at once both find the same, so no lock is needed.
        self._compiled: dict[str, Compiled] = {}

    def rows(self, *ids: int, using: str = DEFAULT_DB_ALIAS) -> list[tuple]:
        """The rows the queryset built for `ids` would give, as tuples."""
        compiled = self._compiled.get(using)
        if compiled is None:
            compiled = self._compiled[using] = self._compile(len(ids), using)
        values = [ids[param] if type(param) is Slot else param for param in compiled.params]
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, values)
            rows = cursor.fetchall()
        if not compiled.converters:
            return rows
        return [convert(row, compiled.converters, connection) for row in rows]

    def _compile(self, count: int, using: str) -> Compiled:
        markers = _MARKERS[:count]
        compiler = self._build(*markers).query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        unused = set(markers) - set(params)
        if unused:
            raise ValueError(f"The compiled query does not use the ids {sorted(unused)}.")
        slots = {marker: Slot(i) for i, marker in enumerate(markers)}
        columns = [selected[0] for selected in compiler.select[: compiler.col_count]]
        return Compiled(
            sql,
            tuple(
                slots[param] if type(param) is int and param in slots else param for param in params
            ),
            tuple(
                (position, tuple(functions), expression)
                for position, (functions, expression) in compiler.get_converters(columns).items()
            ),
        )


def convert(row: tuple, converters, connection) -> tuple:
    """`row` as Django's compiler gives it (`SQLCompiler.apply_converters`)."""
    values = list(row)
    for position, functions, expression in converters:
        for function in functions:
            values[position] = function(values[position], expression, connection)
    return tuple(values)
