"""quiz versioning: retired questions, and the question set and threshold of each attempt

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 05:47:19.819098
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0003'
down_revision: Union[str, None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # All nullable, no server defaults: existing rows are filled in below, and the
    # services always set both attempt columns from now on.
    op.add_column('question', sa.Column('retired_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.add_column('quiz_attempt', sa.Column('question_ids', sa.JSON(), nullable=True))
    op.add_column('quiz_attempt', sa.Column('pass_threshold', sa.Float(), nullable=True))
    # Attempts made so far keep the threshold they were graded against.
    op.execute(
        "UPDATE quiz_attempt SET pass_threshold = "
        "(SELECT quiz.pass_threshold FROM quiz WHERE quiz.id = quiz_attempt.quiz_id)"
    )
    # Attempts made so far were given the quiz's questions as they are now: record that,
    # so a later edit does not change them either.
    bind = op.get_bind()
    attempt = sa.table('quiz_attempt', sa.column('quiz_id', sa.Integer), sa.column('question_ids', sa.JSON))
    questions: dict = {}
    for quiz_id, question_id in bind.execute(sa.text('SELECT quiz_id, id FROM question ORDER BY id')):
        questions.setdefault(quiz_id, []).append(question_id)
    for quiz_id, ids in questions.items():
        bind.execute(attempt.update().where(attempt.c.quiz_id == quiz_id).values(question_ids=ids))


def downgrade() -> None:
    with op.batch_alter_table('quiz_attempt') as batch:
        batch.drop_column('pass_threshold')
        batch.drop_column('question_ids')
    with op.batch_alter_table('question') as batch:
        batch.drop_column('retired_at')
