"""Queries read on every request, written with the ORM and compiled to SQL once a connection.

Django builds a queryset and compiles it to SQL anew each time one runs. For
the small indexed reads every page makes about the person asking (their
unread notifications, their groups, their answer to "was this helpful?") and
every admin page (their permissions, page rights and teams), building and
compiling took three times as long as PostgreSQL took to answer: some 290 µs
a query, where the same SQL sent as it is takes 80 µs, a round trip.

A `CompiledQuery` builds its queryset once for each database connection (one
a thread), with markers in the place of the ids it is asked about, and sends
the same SQL with each request's ids. The database is still asked every time; only the
SQL is kept. The values come out as the queryset's would: what Django
converts on the way out of the database (a boolean or a date on SQLite) is
converted the same way.

The SQL is the one Django writes for the markers, so it must not depend on
the values: ids go into plain comparisons with keys (`user=`, `page__pk=`),
each is a whole number, never None (which Django would write as IS NULL).
"""

import threading
import weakref
from collections.abc import Callable
from typing import NamedTuple

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

# Ids no row has: each stands for one of the ids a query is asked about
# (`CompiledQuery.rows`), and is found again among the compiled parameters.
# Within a 32-bit column's range: Django drops a comparison with a value the
# column cannot hold from the SQL, and the marker with it.
_MARKERS = tuple(-(2**31) + 1 + number for number in range(8))


class Slot(int):
    """Where, among a compiled query's parameters, the ids asked about go."""


class Compiled(NamedTuple):
    # How many ids it is asked about.
    count: int
    sql: str
    # Each parameter as it is, or the `Slot` of the id that goes there.
    params: tuple
    # By column: Django's converters, and the expression they are given.
    converters: tuple[tuple[int, tuple[Callable, ...], object], ...]


class CompiledQuery:
    def __init__(self, build: Callable[..., QuerySet]):
        """`build` takes an id for each of its parameters and returns a `values_list` queryset."""
        self._build = build
        # By connection: each database speaks its own SQL, and Django's
        # converters belong to the connection they were found for, which is
        # the thread's own.
        self._compiled: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def rows(self, *ids: int, using: str = DEFAULT_DB_ALIAS) -> list[tuple]:
        """The rows the queryset built for `ids` would give, as tuples."""
        if not all(type(id_) is int for id_ in ids):
            raise TypeError(f"A compiled query is asked about whole numbers, not {ids!r}.")
        connection = connections[using]
        compiled = self._compiled.get(connection)
        if compiled is None:
            compiled = self._compile(len(ids), using)
            with self._lock:
                self._compiled[connection] = compiled
        if len(ids) != compiled.count:
            raise TypeError(f"This compiled query takes {compiled.count} ids, not {len(ids)}.")
        values = [ids[param] if type(param) is Slot else param for param in compiled.params]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, values)
            rows = cursor.fetchall()
        if not compiled.converters:
            return rows
        return [convert(row, compiled.converters, connection) for row in rows]

    def _compile(self, count: int, using: str) -> Compiled:
        markers = _MARKERS[:count]
        query = self._build(*markers).query
        # Each part of a union on its own: Django leaves out of a union a part
        # it finds could match nothing, which the whole would not show.
        for part in query.combined_queries or (query,):
            try:
                part.get_compiler(using=using).as_sql()
            except EmptyResultSet as error:
                raise ValueError("A compiled query's markers made it match nothing.") from error
        compiler = query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        unused = set(markers) - set(params)
        if unused:
            raise ValueError(f"The compiled query does not use the ids {sorted(unused)}.")
        columns = [selected[0] for selected in compiler.select[: compiler.col_count]]
        if compiler.has_extra_select or compiler.has_composite_fields(columns):
            # Columns Django would trim or fold on the way out.
            raise ValueError("A compiled query reads the columns it selects, as they are.")
        slots = {marker: Slot(i) for i, marker in enumerate(markers)}
        return Compiled(
            count,
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
