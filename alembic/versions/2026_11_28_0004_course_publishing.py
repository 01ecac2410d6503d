"""course publishing and track order: a course can be a draft inside a published track,
and tracks are listed in an order admins choose

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 07:45:00.000000
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: Union[str, None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Every existing course was visible to learners, so existing rows start published.
    # The server default stays (dropping it would rebuild the table on SQLite); the
    # services always set the column themselves.
    op.add_column('course', sa.Column('is_published', sa.Boolean(), nullable=False, server_default=sa.true()))
    # Existing tracks keep the order they were listed in (by id).
    op.add_column('track', sa.Column('position', sa.Integer(), nullable=False, server_default='0'))
    op.execute('UPDATE track SET position = id')
    op.create_index('uq_track_position', 'track', ['position'], unique=True)


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+ has it): a batch rebuild would drop and recreate the
    # tables, which foreign keys from quiz and certificate rows forbid once there is data.
    op.drop_index('uq_track_position', table_name='track')
    op.drop_column('track', 'position')
    op.drop_column('course', 'is_published')
