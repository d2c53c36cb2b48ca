"""therapists add clients and write the shared library; each listener hears its own

Revision ID: 0009
Revises: 0008

``athletes.created_by`` and the ``author`` of exercises and templates: on PostgreSQL
their default is ``current_user`` (rows already there get the role that runs this
migration, the clinic's administrator: only they could write them before); SQLite stores
keep them empty (one desktop, one user). On PostgreSQL: the functions and triggers of
storage/rights.py (a therapist's new client is assigned to them) and of
storage/live_triggers.py (a notification per listener's channel, only about athletes it
may see); on a clinic store (``clinic init`` was run) also the policies that let
therapists add clients, exercises and templates and change their own.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

COLUMNS = (('athletes', 'created_by'), ('exercises', 'author'), ('templates', 'author'))


def upgrade() -> None:
    server = op.get_bind().dialect.name == 'postgresql'
    for table, column in COLUMNS:
        op.add_column(
            table,
            sa.Column(
                column, sa.String(length=63), nullable=True,
                server_default=sa.text('current_user') if server else None,
            ),
        )
    if not server:
        return
    from runstrong_gui.storage import live_triggers, rights

    for statement in (*rights.STATEMENTS, *live_triggers.STATEMENTS):
        op.execute(statement)
    if rights.is_clinic_store(op.get_bind()):
        for statement in rights.policies():
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        from runstrong_gui.storage import live_triggers, rights

        for table in rights.AUTHORED:
            for policy in ('add_own', 'change_own', 'delete_own'):
                op.execute(f'DROP POLICY IF EXISTS {policy} ON {table}')
        op.execute('DROP POLICY IF EXISTS new_client ON athletes')
        op.execute('DROP POLICY IF EXISTS own_unassigned ON athletes')
        for statement in (*live_triggers.DROP, *rights.DROP):
            op.execute(statement)
    for table, column in COLUMNS:
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column)
