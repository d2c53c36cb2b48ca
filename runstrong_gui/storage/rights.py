"""Who may add and change what on a clinic store (PostgreSQL), beyond "their own clients".

Therapists add clients: a new athlete records its creator (``created_by``, the column's
default ``current_user``) and a trigger assigns it to them when the creator is a
therapist, so the client is theirs from the first commit. Until anyone is assigned (the
moment of the insert, whose ``RETURNING`` must already see the row) the creator alone
sees it; ``created_by`` never changes afterwards.

The exercise library and the templates are shared: every therapist reads them and may
add to them; a row records its ``author`` (default ``current_user``) and only the
author or the clinic's administrator (the tables' owner, whom row security does not
bind) may change or delete it. The policies enforce that; :func:`refuse_unless_author`
says so in words before a save the database would only answer with "0 rows".

:data:`STATEMENTS` (functions and triggers) run on every PostgreSQL store (migration
0009); :func:`policies` only on a clinic store (``clinic init``, and migration 0009 for a
clinic store made before it). SQLite stores have neither: one desktop, one user.
"""

from __future__ import annotations

from typing import Any

from runstrong_gui.storage.errors import StoreError

GROUP = "runstrong_therapist"
AUTHORED = ("exercises", "templates")

# Is ``who`` bound by the clinic's row security (false: a therapist), or may it see and
# change every row (the tables' owner, a superuser, or a store without row security)?
# NULL for a name that is no role.
_UNRESTRICTED = """
CREATE OR REPLACE FUNCTION runstrong_unrestricted(who name) RETURNS boolean
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT NOT c.relrowsecurity OR r.rolsuper OR r.rolbypassrls
         OR pg_has_role(who, c.relowner, 'USAGE')
  FROM pg_class c, pg_roles r
  WHERE c.oid = 'athletes'::regclass AND r.rolname = who
$$
"""

# Nobody looks after the athlete (yet): read past the therapists' own row security.
_UNASSIGNED = """
CREATE OR REPLACE FUNCTION runstrong_unassigned(athlete integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT NOT EXISTS (SELECT 1 FROM athlete_therapists WHERE athlete_id = athlete)
$$
"""

# Runs as the owner: therapists may read athlete_therapists, not write it.
_ASSIGN_CREATOR = """
CREATE OR REPLACE FUNCTION runstrong_assign_creator() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  -- false for the administrator, a superuser (a member of every role) or an unknown name
  IF runstrong_unrestricted(NEW.created_by) IS FALSE THEN
    INSERT INTO athlete_therapists (athlete_id, therapist)
    VALUES (NEW.id, NEW.created_by) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$
"""

_KEEP_CREATOR = """
CREATE OR REPLACE FUNCTION runstrong_keep_creator() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.created_by := OLD.created_by;
  RETURN NEW;
END $$
"""

STATEMENTS: tuple[str, ...] = (
    _UNRESTRICTED,
    _UNASSIGNED,
    "REVOKE ALL ON FUNCTION runstrong_unassigned(integer) FROM PUBLIC",
    _ASSIGN_CREATOR,
    "REVOKE ALL ON FUNCTION runstrong_assign_creator() FROM PUBLIC",
    _KEEP_CREATOR,
    "DROP TRIGGER IF EXISTS runstrong_assign_creator ON athletes",
    "CREATE TRIGGER runstrong_assign_creator AFTER INSERT ON athletes "
    "FOR EACH ROW EXECUTE FUNCTION runstrong_assign_creator()",
    "DROP TRIGGER IF EXISTS runstrong_keep_creator ON athletes",
    "CREATE TRIGGER runstrong_keep_creator BEFORE UPDATE OF created_by ON athletes "
    "FOR EACH ROW EXECUTE FUNCTION runstrong_keep_creator()",
)
"""Functions and triggers of every PostgreSQL store: safe to run again."""

DROP: tuple[str, ...] = (
    "DROP TRIGGER IF EXISTS runstrong_keep_creator ON athletes",
    "DROP TRIGGER IF EXISTS runstrong_assign_creator ON athletes",
    "DROP FUNCTION IF EXISTS runstrong_keep_creator()",
    "DROP FUNCTION IF EXISTS runstrong_assign_creator()",
    "DROP FUNCTION IF EXISTS runstrong_unassigned(integer)",
    "DROP FUNCTION IF EXISTS runstrong_unrestricted(name)",
)


def policies(group: str = GROUP) -> list[str]:
    """A clinic store's rights to add clients and to write the shared library: the
    policies and grants (safe to run again; the tables must have row security on)."""
    statements = [
        f"GRANT INSERT, UPDATE, DELETE ON {', '.join(AUTHORED)} TO {group}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {group}",
        "DROP POLICY IF EXISTS new_client ON athletes",
        f"CREATE POLICY new_client ON athletes FOR INSERT TO {group} "
        "WITH CHECK (created_by = current_user)",
        f"GRANT EXECUTE ON FUNCTION runstrong_unassigned(integer) TO {group}",
        "DROP POLICY IF EXISTS own_unassigned ON athletes",
        f"CREATE POLICY own_unassigned ON athletes FOR SELECT TO {group} "
        "USING (created_by = current_user AND runstrong_unassigned(id))",
    ]
    for table in AUTHORED:
        mine = "author = current_user"
        written = f"{mine} AND NOT builtin"  # the built-ins stay the administrator's
        statements += [
            f"DROP POLICY IF EXISTS add_own ON {table}",
            f"CREATE POLICY add_own ON {table} FOR INSERT TO {group} WITH CHECK ({written})",
            f"DROP POLICY IF EXISTS change_own ON {table}",
            f"CREATE POLICY change_own ON {table} FOR UPDATE TO {group} "
            f"USING ({mine}) WITH CHECK ({written})",
            f"DROP POLICY IF EXISTS delete_own ON {table}",
            f"CREATE POLICY delete_own ON {table} FOR DELETE TO {group} USING ({mine})",
        ]
    return statements


def is_clinic_store(conn: Any) -> bool:
    """Has ``clinic init`` put row security on this PostgreSQL store?"""
    found = conn.exec_driver_sql(
        "SELECT relrowsecurity FROM pg_class WHERE oid = 'athletes'::regclass"
    ).scalar()
    return bool(found)


class NotYours(StoreError):
    """A therapist tried to change or delete a shared row someone else wrote."""


_WHO = "runstrong_who"  # the connection's (login, unrestricted, owner), read once


def refuse_unless_author(orm: Any, row: Any, what: str) -> None:
    """Raise :class:`NotYours` (nothing written) when the connected therapist may not
    change ``row`` of the shared library (an exercise or template another wrote).

    Costs one query per pooled connection (its login does not change), none on SQLite.
    """
    connection = orm.connection()
    if connection.dialect.name != "postgresql":
        return
    who = connection.info.get(_WHO)
    if who is None:
        who = tuple(
            connection.exec_driver_sql(
                "SELECT current_user, runstrong_unrestricted(current_user),"
                " pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'athletes'::regclass"
            ).one()
        )
        connection.info[_WHO] = who
    me, unrestricted, owner = who
    author = getattr(row, "author", None)
    if unrestricted or author == me:
        return
    if author is None or author == owner:
        raise NotYours(
            f"This {what} is part of the clinic's shared library: only the clinic's "
            f"administrator can change it. {_COPY[what]} Nothing was changed."
        )
    raise NotYours(
        f"This {what} belongs to {author}: only {author} or the clinic's administrator can "
        f"change it. {_COPY[what]} Nothing was changed."
    )


_COPY = {
    "exercise": "Duplicate it to make a version of your own.",
    "template": "Apply it and save the result under a new name to make a version of your own.",
}
