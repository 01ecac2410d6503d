"""renewal reminders sent once per certificate and kind; quizzes say whether choices are shuffled

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 09:00:00.000000
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0007'
down_revision: Union[str, None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Every quiz shuffled its choices until now: existing quizzes keep doing so (True/False
    # questions no longer do, whatever this says). The server default stays, as for
    # course.is_published: dropping it would rebuild the table on SQLite.
    op.add_column('quiz', sa.Column('shuffle_choices', sa.Boolean(), nullable=False, server_default=sa.true()))
    op.create_table(
        'renewal_reminder',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('certificate_id', sa.Integer(), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('recipient', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('sent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('detail', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.CheckConstraint("kind IN ('60_days', '30_days', '7_days', 'expired')", name='ck_renewal_reminder_kind'),
        sa.CheckConstraint("status IN ('sending', 'sent', 'failed', 'listed')", name='ck_renewal_reminder_status'),
        sa.ForeignKeyConstraint(['certificate_id'], ['certificate.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('certificate_id', 'kind', name='uq_renewal_reminder_certificate_kind'),
    )
    op.create_index('ix_renewal_reminder_certificate_id', 'renewal_reminder', ['certificate_id'])
    op.create_index('ix_renewal_reminder_created_at', 'renewal_reminder', ['created_at'])


def downgrade() -> None:
    op.drop_index('ix_renewal_reminder_created_at', table_name='renewal_reminder')
    op.drop_index('ix_renewal_reminder_certificate_id', table_name='renewal_reminder')
    op.drop_table('renewal_reminder')
    op.drop_column('quiz', 'shuffle_choices')
