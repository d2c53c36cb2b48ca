"""imported runs: calendar event id, sequence and description; the athlete's feed

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 08:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('external_id', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('external_seq', sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column('description', sa.Text(), nullable=False, server_default='')
        )
        batch_op.create_index(
            'ix_training_sessions_athlete_external', ['athlete_id', 'external_id'], unique=False
        )
    with op.batch_alter_table('athletes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('feed_url', sa.String(length=2000), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('athletes', schema=None) as batch_op:
        batch_op.drop_column('feed_url')
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_training_sessions_athlete_external')
        batch_op.drop_column('description')
        batch_op.drop_column('external_seq')
        batch_op.drop_column('external_id')
