"""customer list indexes: the weakest-first order (lowest rank, none last, then id) as one index

The customer list opens weakest first a page at a time; with the order in an index a page is an
index range instead of a sort of every customer. It replaces the index on the weakest rank alone,
which could not serve "none last" on SQLite nor the tie-break, so the nightly write still builds
one index.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 05:55:00.000000
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


revision: str = '0010'
down_revision: Union[str, None] = '0009'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.drop_index('ix_customer_rank_weakest', table_name='customer_rank')
    op.create_index('ix_customer_rank_weakest_order', 'customer_rank',
                    [sa.text('coalesce(weakest_rank, 101)'), 'organization_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_customer_rank_weakest_order', table_name='customer_rank')
    op.create_index('ix_customer_rank_weakest', 'customer_rank', ['weakest_rank'], unique=False)
