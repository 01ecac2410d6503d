"""PostgreSQL's binary COPY format to and from numpy arrays, without a Python object per row.

A binary COPY stream is a 19-byte header, then per row a big-endian int16 field count and,
per field, an int32 byte length (-1 for NULL) followed by the field's bytes, then an int16 -1.
Dates are int32 days since 2000-01-01.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

HEADER = b"PGCOPY\n\xff\r\n\x00" + b"\x00" * 8
TRAILER = b"\xff\xff"
PG_EPOCH_DAY = 10957  # 2000-01-01 as days since 1970-01-01


def read_arrays(cursor, select: str, params, fields: list[tuple[str, str]]) -> dict[str, np.ndarray]:
    """Columns of a query, moved as one row of arrays: ``SELECT array_agg(a), array_agg(b) FROM (select)``.

    COPY sends one message per row, and reading a million messages costs seconds in Python; one
    row of arrays is one message that numpy reads in place. Every aggregate of one SELECT sees
    the rows in the same order, so the arrays stay aligned. ``fields`` names each column of
    ``select`` with its big-endian type (">i4", ">f8", ...); no value may be NULL (use COALESCE).
    """
    aggregates = ", ".join(f"array_agg(s.{name})" for name, _ in fields)
    statement = f"COPY (SELECT {aggregates} FROM ({select}) AS s) TO STDOUT (FORMAT binary)"
    chunks = []
    with cursor.copy(statement, params) as copy:
        for chunk in copy:
            chunks.append(chunk)
    data = b"".join(chunks)
    del chunks
    offset = len(HEADER) + 2  # the row's field count
    columns = {}
    for name, kind in fields:
        length = int(np.frombuffer(data, ">i4", 1, offset)[0])
        offset += 4
        if length == -1:  # array_agg of no rows is NULL
            columns[name] = np.empty(0, dtype=np.dtype(kind).newbyteorder("="))
            continue
        # ndim, has-null flag, element type, then (size, lower bound) of the one dimension
        ndim, has_null, _, size = np.frombuffer(data, ">i4", 4, offset)
        if ndim != 1 or has_null:
            raise ValueError(f"{name}: expected a one-dimensional array without NULLs")
        elements = np.frombuffer(data, np.dtype([("length", ">i4"), ("value", kind)]), int(size), offset + 20)
        if np.any(elements["length"] != np.dtype(kind).itemsize):
            raise ValueError(f"{name}: an element of unexpected width")
        columns[name] = elements["value"].astype(np.dtype(kind).newbyteorder("="))
        offset += length
    return columns


@dataclass(frozen=True)
class Column:
    """One column to write: big-endian fixed-width data and, per row, its byte length (-1 = NULL)."""

    data: np.ndarray  # shape (rows,), a big-endian numeric dtype or fixed-width bytes ("S21")
    lengths: np.ndarray | None = None  # None: every row uses the full width


def column(values: np.ndarray, kind: str, null: np.ndarray | None = None) -> Column:
    data = np.asarray(values).astype(kind)
    if null is None:
        return Column(data)
    return Column(data, np.where(null, -1, data.dtype.itemsize).astype(np.int64))


def text_column(codes: np.ndarray, choices: list[str]) -> Column:
    """A text column from codes into ``choices`` (-1 = NULL)."""
    encoded = [c.encode() for c in choices]
    width = max((len(c) for c in encoded), default=1)
    table = np.array(encoded + [b""], dtype=f"S{width}")
    lengths = np.array([len(c) for c in encoded] + [-1], dtype=np.int64)
    codes = np.asarray(codes, dtype=np.int64)
    return Column(table[codes], lengths[codes])


def encode_copy(columns: list[Column], chunk_rows: int = 250_000):
    """The binary COPY stream of the rows given column by column, in pieces of at most ``chunk_rows`` rows.

    Rows whose NULLs (and text lengths) fall alike share one layout, so each such group is
    written as fixed-width numpy records; the groups' order is not the input order, which a
    table does not care about.
    """
    yield HEADER
    for group in _layout_groups(columns):
        widths = [c.data.dtype.itemsize if c.lengths is None else int(c.lengths[group[0]]) for c in columns]
        for start in range(0, len(group), chunk_rows):
            yield _fixed_layout(columns, group[start:start + chunk_rows], widths)
    yield TRAILER


def _layout_groups(columns: list[Column]) -> list[np.ndarray]:
    """Row numbers grouped by the varying columns' lengths (one group when none varies)."""
    rows = len(columns[0].data)
    pattern = np.zeros(rows, dtype=np.int64)
    for col in columns:
        if col.lengths is not None:
            # Lengths are -1 or a field's few widths: number the ones that occur (no sort).
            seen = np.bincount(col.lengths + 1) > 0
            number = np.cumsum(seen) - 1
            pattern *= int(seen.sum())
            pattern += number[col.lengths + 1]
    if not rows or pattern.max() == 0:
        return [np.arange(rows)] if rows else []
    # A radix sort when the pattern numbers are small.
    order = np.argsort(pattern.astype(np.int16) if pattern.max() < 2 ** 15 else pattern, kind="stable")
    return np.split(order, np.flatnonzero(np.diff(pattern[order])) + 1)


def _fixed_layout(columns: list[Column], rows: np.ndarray, widths: list[int]) -> bytes:
    """Rows that all have the same field widths (-1 = NULL: a length and no bytes)."""
    layout = [("count", ">i2")]
    for j, (col, width) in enumerate(zip(columns, widths)):
        layout.append((f"l{j}", ">i4"))
        if width > 0:
            kind = col.data.dtype.str if width == col.data.dtype.itemsize else f"S{width}"
            layout.append((f"d{j}", kind))
    dtype = np.dtype(layout)
    # The field count and lengths are the same in every row: repeat one row, then fill the data.
    template = np.zeros(1, dtype=dtype)
    template["count"] = len(columns)
    for j, width in enumerate(widths):
        template[f"l{j}"] = width
    table = np.frombuffer(bytearray(template.tobytes() * len(rows)), dtype=dtype)
    for j, (col, width) in enumerate(zip(columns, widths)):
        if width > 0:
            data = col.data[rows]
            table[f"d{j}"] = data if width == col.data.dtype.itemsize else data.astype(f"S{width}")
    return table.tobytes()


def write_copy(cursor, table_and_columns: str, columns: list[Column]) -> None:
    """``COPY table (columns) FROM STDIN`` with the rows given column by column."""
    with cursor.copy(f"COPY {table_and_columns} FROM STDIN (FORMAT binary)") as copy:
        for piece in encode_copy(columns):
            copy.write(piece)


def date_days(days_since_1970: np.ndarray) -> np.ndarray:
    """Day numbers (since 1970-01-01) as PostgreSQL binary dates (days since 2000-01-01)."""
    return np.asarray(days_since_1970, dtype=np.int64) - PG_EPOCH_DAY
