"""credential status lists: every credential gets a revocation bit in a published list

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 02:20:51.847139
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0006'
down_revision: Union[str, None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

FK_NAME = 'fk_certificate_credential_status_list'


def upgrade() -> None:
    op.create_table('credential_status_list',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('entries', sa.Integer(), nullable=False),
    sa.Column('allocated', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('jwt', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    # Existing credentials keep NULL here: they are signed again, with a status, on their next request.
    # Batch: SQLite cannot add a foreign key in place; nothing references this table, so the
    # rebuild is safe, and on PostgreSQL the batch is plain ALTER statements.
    with op.batch_alter_table('certificate_credential') as batch:
        batch.add_column(sa.Column('status_list_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('status_index', sa.Integer(), nullable=True))
        batch.create_index('uq_certificate_credential_status', ['status_list_id', 'status_index'], unique=True)
        batch.create_foreign_key(FK_NAME, 'credential_status_list', ['status_list_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('certificate_credential') as batch:
        batch.drop_constraint(FK_NAME, type_='foreignkey')
        batch.drop_index('uq_certificate_credential_status')
        batch.drop_column('status_index')
        batch.drop_column('status_list_id')
    op.drop_table('credential_status_list')
