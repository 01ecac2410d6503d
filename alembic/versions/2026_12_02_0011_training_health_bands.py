"""training and health side by side: the released medians per band of certification rate

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 05:40:00.000000
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0011'
down_revision: Union[str, None] = '0010'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Filled by the next nightly run; earlier days have no bands (their releases stay as they were).
    op.create_table(
        'training_health_band',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('metric', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('band', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('as_of', sa.Date(), nullable=False),
        sa.Column('peer_count', sa.Integer(), nullable=False),
        sa.Column('p10', sa.Float(), nullable=True),
        sa.Column('p25', sa.Float(), nullable=True),
        sa.Column('median', sa.Float(), nullable=True),
        sa.Column('p75', sa.Float(), nullable=True),
        sa.Column('p90', sa.Float(), nullable=True),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column('computed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint("status IN ('published', 'suppressed', 'held')", name='ck_training_health_band_status'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('metric', 'band', 'as_of', name='uq_training_health_band_metric_band_day'),
    )
    op.create_index('ix_training_health_band_as_of', 'training_health_band', ['as_of'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_training_health_band_as_of', table_name='training_health_band')
    op.drop_table('training_health_band')
