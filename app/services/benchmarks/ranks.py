"""Each active customer's ranks against all customers, stored by the nightly run for the customer list.

Ranks come from the released "all customers" knots only, exactly as the dashboard computes them
(``app.domain.benchmarks.rank``); the table holds the latest computed day and is rewritten whole.
"""

from __future__ import annotations

from datetime import date

import numpy as np
from sqlalchemy import delete, func, select, text
from sqlmodel import Session

from app.domain.benchmarks.disclosure import Release
from app.domain.benchmarks.metrics import METRICS
from app.domain.benchmarks.ranks import NO_DATA, NO_RANK, NOT_SHOWN, percentile_ranks, weakest
from app.models import CustomerRank
from app.services import copy_binary
from app.services.benchmarks.inputs import MetricValues, Peers
from app.services.benchmarks.snapshots import day_number

COLUMNS = ["organization_id", "as_of",
           *(name for m in METRICS for name in (f"{m.key}_rank", f"{m.key}_label")), "weakest_rank"]


def customer_ranks(peers: Peers, values: dict[str, MetricValues], releases: dict[str, Release]
                   ) -> tuple[np.ndarray, np.ndarray]:
    """(ranks, label codes), one row per peer and one column per metric in METRICS order."""
    count = len(peers.ids)
    # Column-major: each metric's ranks are written and read as one contiguous column.
    ranks = np.full((count, len(METRICS)), NO_RANK, dtype=np.int16, order="F")
    codes = np.full((count, len(METRICS)), NOT_SHOWN, dtype=np.int8, order="F")
    for j, metric in enumerate(METRICS):
        release = releases[metric.key]
        if release.status == "suppressed":
            continue  # "not shown", whatever the value
        known = values[metric.key]
        codes[:, j] = NO_DATA  # organizations without a value in the window
        ranks[known.member_idx, j], codes[known.member_idx, j] = percentile_ranks(
            known.values, np.ones(len(known.values), dtype=bool), release.released, metric.higher_is_better)
    return ranks, codes


def store_customer_ranks(session: Session, as_of: date, peers: Peers, ranks: np.ndarray, codes: np.ndarray) -> int:
    """Replace the table with ``as_of``'s ranks; an earlier day than the stored one changes nothing.

    Returns the rows written (0 when skipped). The indexes are dropped and built again around the
    bulk write, which is several times faster than keeping them up to date row by row.
    """
    stored = session.execute(select(func.max(CustomerRank.as_of))).scalar()
    if stored is not None and as_of < stored:
        return 0
    _, weakest_rank, _ = weakest(ranks, codes)
    connection = session.connection()
    postgres = connection.dialect.name == "postgresql"
    session.execute(text("TRUNCATE customer_rank") if postgres else delete(CustomerRank))
    indexes = list(CustomerRank.__table__.indexes)
    for index in indexes:
        index.drop(bind=connection)
    if postgres:
        _copy_postgresql(connection, as_of, peers, ranks, codes, weakest_rank)
    else:
        _insert_sqlite(connection, as_of, peers, ranks, codes, weakest_rank)
    for index in indexes:
        index.create(bind=connection)
    return len(peers.ids)


def _copy_postgresql(connection, as_of, peers, ranks, codes, weakest_rank) -> None:
    count = len(peers.ids)
    columns = [copy_binary.column(peers.ids, ">i4"),
               copy_binary.column(np.full(count, copy_binary.date_days(day_number(as_of))), ">i4")]
    for j in range(len(METRICS)):
        columns += [copy_binary.column(ranks[:, j], ">i2", ranks[:, j] == NO_RANK),
                    copy_binary.column(codes[:, j], ">i2")]
    columns.append(copy_binary.column(weakest_rank, ">i2", weakest_rank == NO_RANK))
    with connection.connection.cursor() as cursor:
        copy_binary.write_copy(cursor, f"customer_rank ({', '.join(COLUMNS)})", columns)


def _insert_sqlite(connection, as_of, peers, ranks, codes, weakest_rank) -> None:
    def nullable(array):
        return np.where(array == NO_RANK, None, array.astype(object)).tolist()

    data = [peers.ids.tolist(), [as_of.isoformat()] * len(peers.ids)]
    for j in range(len(METRICS)):
        data += [nullable(ranks[:, j]), codes[:, j].tolist()]
    data.append(nullable(weakest_rank))
    cursor = connection.connection.cursor()
    try:
        cursor.executemany(f"INSERT INTO customer_rank ({', '.join(COLUMNS)}) "
                           f"VALUES ({', '.join('?' for _ in COLUMNS)})", zip(*data))
    finally:
        cursor.close()
