"""benchmark release log: every publication with a membership sketch; no more means or
member lists

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 09:00:00.000000
"""
from typing import Sequence, Union
import zlib

import numpy as np
import sqlalchemy as sa
import sqlmodel
from alembic import op

from app.domain.benchmarks.sketch import group_sketches, organization_hashes
from app.domain.organizations import INDUSTRIES, SIZE_RANGES

revision: str = '0005'
down_revision: Union[str, None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

KNOTS = ('p10', 'p25', 'median', 'p75', 'p90')


def upgrade() -> None:
    op.create_table('benchmark_release',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('metric', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('cohort_kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('cohort_value', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('computed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('peer_count', sa.Integer(), nullable=False),
    sa.Column('p10', sa.Float(), nullable=True),
    sa.Column('p25', sa.Float(), nullable=True),
    sa.Column('median', sa.Float(), nullable=True),
    sa.Column('p75', sa.Float(), nullable=True),
    sa.Column('p90', sa.Float(), nullable=True),
    sa.Column('sketch', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_benchmark_release_cohort_day', 'benchmark_release',
                    ['metric', 'cohort_kind', 'cohort_value', 'as_of'], unique=False)
    op.create_index('ix_benchmark_release_metric_count', 'benchmark_release', ['metric', 'peer_count'], unique=False)
    _log_existing_releases()
    # Means could be combined into one customer's value; released ones are withdrawn.
    op.drop_column('peer_benchmark', 'mean')
    op.drop_column('peer_benchmark', 'members')


def downgrade() -> None:
    # Plain ADD/DROP COLUMN, as in 0004. The means and member lists are not rebuilt.
    op.add_column('peer_benchmark', sa.Column('members', sa.LargeBinary(), nullable=True))
    op.add_column('peer_benchmark', sa.Column('mean', sa.Float(), nullable=True))
    op.drop_index('ix_benchmark_release_metric_count', table_name='benchmark_release')
    op.drop_index('ix_benchmark_release_cohort_day', table_name='benchmark_release')
    op.drop_table('benchmark_release')


def _log_existing_releases() -> None:
    """Every published release so far enters the log, its sketch rebuilt from the day's stored members."""
    bind = op.get_bind()
    days = bind.execute(sa.text(
        "SELECT metric, as_of, members FROM peer_benchmark WHERE cohort_kind = 'all' AND members IS NOT NULL"
    )).all()
    release = sa.table('benchmark_release', *(sa.column(c) for c in (
        'metric', 'cohort_kind', 'cohort_value', 'as_of', 'computed_at', 'peer_count', *KNOTS, 'sketch')))
    for metric, as_of, blob in days:
        sketches = _sketches(blob)
        rows = bind.execute(sa.text(
            "SELECT cohort_kind, cohort_value, as_of, computed_at, peer_count, p10, p25, median, p75, p90 "
            "FROM peer_benchmark WHERE metric = :metric AND as_of = :as_of AND status = 'published'"
        ), {"metric": metric, "as_of": as_of}).mappings().all()
        logged = [dict(row, metric=metric, sketch=sketches[(row['cohort_kind'], row['cohort_value'])].to_bytes())
                  for row in rows if (row['cohort_kind'], row['cohort_value']) in sketches]
        if logged:
            bind.execute(release.insert(), logged)


def _sketches(blob: bytes) -> dict:
    """The 0001-0004 member list: count, id gaps (u4), then industry and size codes (int8)."""
    raw = zlib.decompress(blob)
    n = int(np.frombuffer(raw[:4], dtype='<u4')[0])
    ids = np.cumsum(np.frombuffer(raw[4:4 + 4 * n], dtype='<u4').astype(np.int64))
    codes = np.frombuffer(raw[4 + 4 * n:], dtype=np.int8)
    hashes = organization_hashes(ids)
    result = {('all', 'all'): group_sketches(hashes, np.zeros(n, dtype=np.int8), 1)[0]}
    for kind, names, member_codes in (('industry', INDUSTRIES, codes[:n]), ('size', [r.key for r in SIZE_RANGES], codes[n:])):
        for name, sketch in zip(names, group_sketches(hashes, member_codes, len(names))):
            result[(kind, name)] = sketch
    return result
