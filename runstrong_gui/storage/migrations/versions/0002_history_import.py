"""history import: exercise aliases and imported workouts

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('exercise_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('exercise_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("source IN ('strong', 'hevy')", name=op.f('ck_exercise_aliases_source')),
    sa.ForeignKeyConstraint(['exercise_id'], ['exercises.id'], name=op.f('fk_exercise_aliases_exercise_id_exercises'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exercise_aliases')),
    sa.UniqueConstraint('source', 'name', name=op.f('uq_exercise_aliases_source'))
    )
    op.create_table('imported_workouts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('athlete_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("source IN ('strong', 'hevy')", name=op.f('ck_imported_workouts_source')),
    sa.ForeignKeyConstraint(['athlete_id'], ['athletes.id'], name=op.f('fk_imported_workouts_athlete_id_athletes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['training_sessions.id'], name=op.f('fk_imported_workouts_session_id_training_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_imported_workouts')),
    sa.UniqueConstraint('athlete_id', 'source', 'key', name=op.f('uq_imported_workouts_athlete_id'))
    )
    with op.batch_alter_table('imported_workouts', schema=None) as batch_op:
        batch_op.create_index('ix_imported_workouts_session', ['session_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('imported_workouts', schema=None) as batch_op:
        batch_op.drop_index('ix_imported_workouts_session')

    op.drop_table('imported_workouts')
    op.drop_table('exercise_aliases')
