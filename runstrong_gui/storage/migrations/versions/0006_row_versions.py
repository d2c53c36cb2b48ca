"""row versions (optimistic locking) and the clinic's athlete-therapist assignments

Revision ID: 0006
Revises: 0005

Every update of one of these rows says which ``version`` it read and bumps it; an
update that finds another version was overtaken by another computer's save and is
refused (storage/tx.py). ``changed_at`` (UTC) lets that refusal say when. Existing
rows start at version 1 and an unknown change time.

``athlete_therapists`` says which therapist (a database role of a clinic store) looks
after which athlete; on PostgreSQL, ``runstrong clinic init`` adds the row-level
security that lets each therapist's connection reach only their clients' rows.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

TABLES = ('athletes', 'exercises', 'training_sessions', 'templates')


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table, sa.Column('version', sa.Integer(), nullable=False, server_default='1')
        )
        op.add_column(table, sa.Column('changed_at', sa.DateTime(), nullable=True))
    op.create_table(
        'athlete_therapists',
        sa.Column('athlete_id', sa.Integer(), nullable=False),
        sa.Column('therapist', sa.String(length=63), nullable=False),
        sa.ForeignKeyConstraint(
            ['athlete_id'], ['athletes.id'], ondelete='CASCADE',
            name=op.f('fk_athlete_therapists_athlete_id_athletes'),
        ),
        sa.PrimaryKeyConstraint('athlete_id', 'therapist', name=op.f('pk_athlete_therapists')),
    )
    op.create_index(
        'ix_athlete_therapists_therapist', 'athlete_therapists', ['therapist'], unique=False
    )


def downgrade() -> None:
    op.drop_index('ix_athlete_therapists_therapist', table_name='athlete_therapists')
    op.drop_table('athlete_therapists')
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column('changed_at')
            batch.drop_column('version')
