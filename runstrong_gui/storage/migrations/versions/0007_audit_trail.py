"""the audit trail of a clinic store (PostgreSQL only)

Revision ID: 0007
Revises: 0006

On PostgreSQL: the ``audit_log`` table and the triggers that fill it on every insert,
update and delete of athletes, sessions, planned exercises, set logs, exercises and
templates (see storage/audit.py). ``runstrong clinic init`` runs the same statements,
so a store made before this revision and one made after agree. SQLite stores get no
audit table: a desktop's file has one user.
"""

from __future__ import annotations

from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    from runstrong_gui.storage import audit

    for statement in audit.STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    from runstrong_gui.storage import audit

    for table in audit.AUDITED:
        op.execute(f'DROP TRIGGER IF EXISTS audit_{table} ON {table}')
        op.execute(f'DROP TRIGGER IF EXISTS audit_{table}_update ON {table}')
    op.execute('DROP FUNCTION IF EXISTS runstrong_audit()')
    op.execute('DROP FUNCTION IF EXISTS runstrong_audit_athlete(text, jsonb)')
    op.execute('DROP TABLE IF EXISTS audit_log')
