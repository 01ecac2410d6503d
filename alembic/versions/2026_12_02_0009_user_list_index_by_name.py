"""user list index by name: the admins' user list pages through users ordered by name

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 03:38:38.593126
"""
from typing import Sequence, Union

from alembic import op


revision: str = '0009'
down_revision: Union[str, None] = '0008'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_index('ix_user_name_order', 'user', ['last_name', 'first_name', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_user_name_order', table_name='user')
