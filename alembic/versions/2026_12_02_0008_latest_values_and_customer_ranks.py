"""latest metric values per organization (kept at ingestion) and stored customer ranks

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 04:15:00.000000
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


revision: str = '0008'
down_revision: Union[str, None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# The metrics as of this revision; a later metric comes with its own migration.
METRICS = ('health_score', 'adoption_rate', 'certification_rate', 'tickets_per_100_users', 'resolution_hours')


def upgrade() -> None:
    latest = [sa.Column('organization_id', sa.Integer(), nullable=False)]
    for key in METRICS:
        latest += [sa.Column(key, sa.Float(), nullable=True), sa.Column(f'{key}_as_of', sa.Date(), nullable=True)]
    op.create_table(
        'metric_latest', *latest,
        sa.ForeignKeyConstraint(['organization_id'], ['organization.id']),
        sa.PrimaryKeyConstraint('organization_id'),
    )
    ranks = [sa.Column('organization_id', sa.Integer(), autoincrement=False, nullable=False),
             sa.Column('as_of', sa.Date(), nullable=False)]
    for key in METRICS:
        ranks += [sa.Column(f'{key}_rank', sa.SmallInteger(), nullable=True),
                  sa.Column(f'{key}_label', sa.SmallInteger(), nullable=False)]
    ranks += [sa.Column('weakest_rank', sa.SmallInteger(), nullable=True)]
    op.create_table('customer_rank', *ranks, sa.PrimaryKeyConstraint('organization_id'))
    op.create_index('ix_customer_rank_weakest', 'customer_rank', ['weakest_rank'], unique=False)
    # Existing history: each organization's latest snapshot per metric.
    op.execute('INSERT INTO metric_latest (organization_id) SELECT DISTINCT organization_id FROM metric_snapshot')
    for key in METRICS:
        op.execute(sa.text(
            f"UPDATE metric_latest SET {key} = s.value, {key}_as_of = s.as_of FROM ("
            "SELECT organization_id, value, as_of, ROW_NUMBER() OVER ("
            "PARTITION BY organization_id ORDER BY as_of DESC) AS n FROM metric_snapshot WHERE metric = :metric"
            ") AS s WHERE s.n = 1 AND s.organization_id = metric_latest.organization_id").bindparams(metric=key))


def downgrade() -> None:
    op.drop_index('ix_customer_rank_weakest', table_name='customer_rank')
    op.drop_table('customer_rank')
    op.drop_table('metric_latest')
