"""athlete contact fields (phone, email) and the demo flag

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 08:00:00

Server defaults keep every athlete of an older store valid: no contact, not a demo.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('athletes') as batch:
        batch.add_column(sa.Column('phone', sa.String(length=40), nullable=False, server_default=''))
        batch.add_column(sa.Column('email', sa.String(length=254), nullable=False, server_default=''))
        batch.add_column(
            sa.Column('demo', sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table('athletes') as batch:
        batch.drop_column('demo')
        batch.drop_column('email')
        batch.drop_column('phone')
