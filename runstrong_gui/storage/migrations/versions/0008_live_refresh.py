"""live refresh: a NOTIFY for every committed change of what a window shows (PostgreSQL)

Revision ID: 0008
Revises: 0007

On a clinic store (PostgreSQL) statement-level triggers send ``NOTIFY runstrong,
'<table>:<athlete id>'`` once per athlete a statement touched (the id is empty for the
clinic-wide exercises and templates); the server folds identical notifications of one
transaction into one and delivers them at commit, so a payload stays a few bytes
whatever the number of rows. The notifying backend's pid travels with every
notification, which lets a window ignore its own writes (storage/live.py). Statement
triggers with transition tables cost one query per statement, not one per row (a
generated block inserts hundreds of planned exercises at once). SQLite has no other
desktop to tell: nothing changes there.
"""

from __future__ import annotations

from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# table: the athlete ids of the rows in the transition table ``r`` (None: clinic-wide)
ATHLETE_OF = {
    'athletes': 'SELECT DISTINCT r.id FROM {rows} r',
    'athlete_therapists': 'SELECT DISTINCT r.athlete_id FROM {rows} r',
    'training_sessions': 'SELECT DISTINCT r.athlete_id FROM {rows} r',
    'planned_exercises': (
        'SELECT DISTINCT s.athlete_id FROM {rows} r'
        ' JOIN training_sessions s ON s.id = r.session_id'
    ),
    'set_logs': (
        'SELECT DISTINCT s.athlete_id FROM {rows} r'
        ' JOIN planned_exercises p ON p.id = r.planned_exercise_id'
        ' JOIN training_sessions s ON s.id = p.session_id'
    ),
    'exercises': None,
    'templates': None,
}
# the transition tables each kind of statement has
ROWS = {'INSERT': ('new_rows',), 'UPDATE': ('new_rows', 'old_rows'), 'DELETE': ('old_rows',)}


def _function(table: str) -> str:
    """The trigger function of ``table``: one NOTIFY per athlete its statement touched.

    Rows of a parent deleted by the same statement (a cascade) find no athlete; the
    parent's own trigger has told already."""
    query = ATHLETE_OF[table]
    body = []
    for op_name, tables in ROWS.items():
        steps = []
        for rows in tables:
            if query is None:
                steps.append(
                    f"IF EXISTS (SELECT 1 FROM {rows}) THEN"
                    f" PERFORM pg_notify('runstrong', '{table}:'); END IF;"
                )
            else:
                steps.append(
                    f"FOR a IN {query.format(rows=rows)} LOOP"
                    f" PERFORM pg_notify('runstrong', '{table}:' || a); END LOOP;"
                )
        body.append(f"IF TG_OP = '{op_name}' THEN {' '.join(steps)} END IF;")
    return (
        f"CREATE FUNCTION runstrong_live_{table}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "DECLARE a integer;\n"
        "BEGIN\n  " + "\n  ".join(body) + "\n  RETURN NULL;\nEND $$"
    )


def _referencing(op_name: str) -> str:
    return {
        'INSERT': 'REFERENCING NEW TABLE AS new_rows',
        'UPDATE': 'REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows',
        'DELETE': 'REFERENCING OLD TABLE AS old_rows',
    }[op_name]


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for table in ATHLETE_OF:
        op.execute(_function(table))
        # a trigger with transition tables serves one kind of statement
        for op_name in ROWS:
            op.execute(
                f"CREATE TRIGGER runstrong_live_{op_name.lower()} AFTER {op_name} ON {table}"
                f" {_referencing(op_name)} FOR EACH STATEMENT"
                f" EXECUTE FUNCTION runstrong_live_{table}()"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for table in ATHLETE_OF:
        for op_name in ROWS:
            op.execute(f"DROP TRIGGER IF EXISTS runstrong_live_{op_name.lower()} ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS runstrong_live_{table}()")
