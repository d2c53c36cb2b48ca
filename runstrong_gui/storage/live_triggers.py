"""Live refresh's triggers (PostgreSQL): each listener hears only of what it may see.

``LISTEN`` needs no right, so one channel for everybody would tell each therapist the
ids of every other therapist's clients. Instead every role that listens gets a channel
of its own, named by a random secret (``runstrong_<32 hex>``) kept in ``live_listeners``,
a table only the store's owner reads: :func:`runstrong_live_channel` (run by
:func:`~runstrong_gui.storage.live.subscribe`) registers the caller's login and returns
its channel. The statement triggers of migration 0008 keep their names and transition
tables; their functions now send ``'<table>:<athlete id>'`` on the channel of each
listener that may see that athlete: the therapists assigned to them, and the roles row
security does not bind (the clinic's administrator; everyone on a store that is not a
clinic's). Clinic-wide rows (exercises, templates) are told to every listener; a change
of an assignment also to the therapist it names (who gains or loses the client).
"""

from __future__ import annotations

# table: the athlete ids of the rows in the transition table ``r`` (None: clinic-wide)
ATHLETE_OF = {
    "athletes": "SELECT DISTINCT r.id, NULL::text FROM {rows} r",
    "athlete_therapists": "SELECT DISTINCT r.athlete_id, r.therapist::text FROM {rows} r",
    "training_sessions": "SELECT DISTINCT r.athlete_id, NULL::text FROM {rows} r",
    "planned_exercises": (
        "SELECT DISTINCT s.athlete_id, NULL::text FROM {rows} r"
        " JOIN training_sessions s ON s.id = r.session_id"
    ),
    "set_logs": (
        "SELECT DISTINCT s.athlete_id, NULL::text FROM {rows} r"
        " JOIN planned_exercises p ON p.id = r.planned_exercise_id"
        " JOIN training_sessions s ON s.id = p.session_id"
    ),
    "exercises": None,
    "templates": None,
}
ROWS = {"INSERT": ("new_rows",), "UPDATE": ("new_rows", "old_rows"), "DELETE": ("old_rows",)}

_TABLE = """CREATE TABLE IF NOT EXISTS live_listeners (
    role text PRIMARY KEY,
    channel text NOT NULL UNIQUE,
    sees_all boolean NOT NULL)"""

# Runs as the owner; the login (session_user) is who row security knows the caller as.
_CHANNEL = """
CREATE OR REPLACE FUNCTION runstrong_live_channel() RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE found text;
BEGIN
  DELETE FROM live_listeners WHERE role NOT IN (SELECT rolname FROM pg_roles);
  INSERT INTO live_listeners (role, channel, sees_all)
  VALUES (session_user, 'runstrong_' || replace(gen_random_uuid()::text, '-', ''),
          runstrong_unrestricted(session_user))
  ON CONFLICT (role) DO UPDATE SET sees_all = EXCLUDED.sees_all
  RETURNING channel INTO found;
  RETURN found;
END $$
"""

_TELL = """
CREATE OR REPLACE FUNCTION runstrong_live_tell(tbl text, athlete integer, named text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE ch text;
BEGIN
  FOR ch IN SELECT l.channel FROM live_listeners l
      WHERE l.sees_all OR athlete IS NULL OR l.role = named
         OR EXISTS (SELECT 1 FROM athlete_therapists t
                    WHERE t.athlete_id = athlete AND t.therapist = l.role) LOOP
    PERFORM pg_notify(ch, tbl || ':' || coalesce(athlete::text, ''));
  END LOOP;
END $$
"""


def _function(table: str, *, broadcast: bool = False) -> str:
    """The trigger function of ``table``: one notification per athlete its statement
    touched, to each listener that may see them (``broadcast``: to everybody on the one
    channel ``runstrong``, as migration 0008 had it).

    Rows of a parent deleted by the same statement (a cascade) find no athlete; the
    parent's own trigger has told already (and the cascade on athlete_therapists tells
    the therapists who lost the client)."""
    query = ATHLETE_OF[table]
    body = []
    for op_name, tables in ROWS.items():
        steps = []
        for rows in tables:
            if broadcast:
                tell = f"pg_notify('runstrong', '{table}:' || coalesce(a::text, ''))"
            else:
                tell = f"runstrong_live_tell('{table}', a, who)"
            if query is None:
                steps.append(
                    f"IF EXISTS (SELECT 1 FROM {rows}) THEN a := NULL; who := NULL;"
                    f" PERFORM {tell}; END IF;"
                )
            else:
                steps.append(
                    f"FOR a, who IN {query.format(rows=rows)} LOOP PERFORM {tell}; END LOOP;"
                )
        body.append(f"IF TG_OP = '{op_name}' THEN {' '.join(steps)} END IF;")
    security = "" if broadcast else "SECURITY DEFINER SET search_path = public, pg_temp "
    return (
        f"CREATE OR REPLACE FUNCTION runstrong_live_{table}() RETURNS trigger\n"
        f"LANGUAGE plpgsql {security}AS $$\n"
        "DECLARE a integer; who text;\n"
        "BEGIN\n  " + "\n  ".join(body) + "\n  RETURN NULL;\nEND $$"
    )


STATEMENTS: tuple[str, ...] = (
    _TABLE,
    "REVOKE ALL ON live_listeners FROM PUBLIC",
    _CHANNEL,
    _TELL,
    "REVOKE ALL ON FUNCTION runstrong_live_tell(text, integer, text) FROM PUBLIC",
    *(_function(table) for table in ATHLETE_OF),
)
"""The per-listener channels (needs :mod:`.rights`' functions first): safe to run again."""

DROP: tuple[str, ...] = (
    *(_function(table, broadcast=True) for table in ATHLETE_OF),
    "DROP FUNCTION IF EXISTS runstrong_live_tell(text, integer, text)",
    "DROP FUNCTION IF EXISTS runstrong_live_channel()",
    "DROP TABLE IF EXISTS live_listeners",
)
"""Back to migration 0008's one channel for everybody."""
