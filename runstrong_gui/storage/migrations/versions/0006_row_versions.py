"""row versions: optimistic locking of athletes, exercises, sessions and templates

Revision ID: 0006
Revises: 0001

Every update of one of these rows says which ``version`` it read and bumps it; an
update that finds another version was overtaken by another computer's save and is
refused (storage/tx.py). ``changed_at`` (UTC) lets that refusal say when. Existing
rows start at version 1 and an unknown change time.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0001'
branch_labels = None
depends_on = None

TABLES = ('athletes', 'exercises', 'training_sessions', 'templates')


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table, sa.Column('version', sa.Integer(), nullable=False, server_default='1')
        )
        op.add_column(table, sa.Column('changed_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column('changed_at')
            batch.drop_column('version')
