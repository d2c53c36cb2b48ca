"""stable uids for interchange

Athletes, exercises, templates and sessions gain ``uid``: a UUID that travels with the
record through a RunStrong JSON export and import (merging by it), and from which a
session's calendar UID is derived. Existing rows get a fresh uuid4 each; the column is
nullable so that rows another tool writes stay legal (the unique index allows any number
of NULLs); the app sets it on every insert.
``calendar_sequences`` remembers, per exported session, the digest of what a calendar
was last given and its SEQUENCE (see export/interchange/ics.py).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

TABLES = ('athletes', 'exercises', 'templates', 'training_sessions')


def upgrade() -> None:
    bind = op.get_bind()
    for table in TABLES:
        op.add_column(
            table, sa.Column('uid', sa.String(length=36), nullable=True)
        )
        t = sa.table(table, sa.column('id', sa.Integer), sa.column('uid', sa.String))
        ids = [row[0] for row in bind.execute(sa.select(t.c.id))]
        if ids:
            bind.execute(
                t.update().where(t.c.id == sa.bindparam('key')).values(uid=sa.bindparam('u')),
                [{'key': i, 'u': str(uuid.uuid4())} for i in ids],
            )
        op.create_index(f'ix_{table}_uid', table, ['uid'], unique=True)
    op.create_table('calendar_sequences',
    sa.Column('session_uid', sa.String(length=36), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('sequence', sa.Integer(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('session_uid', name=op.f('pk_calendar_sequences'))
    )


def downgrade() -> None:
    op.drop_table('calendar_sequences')
    for table in TABLES:
        op.drop_index(f'ix_{table}_uid', table_name=table)
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column('uid')
