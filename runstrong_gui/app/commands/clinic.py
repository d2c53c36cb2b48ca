"""``runstrong clinic``: set up a clinic store on PostgreSQL and its therapists.

``clinic init --url URL`` (the clinic administrator, once), ``clinic add-therapist
NAME`` (a login role; the password is read from standard input, never an argument
other users could see) and ``clinic assign --athlete-id N NAME``. The address comes
from ``--url``, else ``--db``, else ``RUNSTRONG_DB_URL``. Exit codes: 0 done, 2 refused
(the message says why; nothing was changed).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any


def add_clinic_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "clinic",
        help="set up a shared clinic store (PostgreSQL) and its therapists",
        description="A clinic store: one PostgreSQL database, a login per therapist, and "
        "row-level security so each therapist sees only their own clients.",
    )
    p.add_argument("--db", metavar="PATH", dest="sub_db", help=argparse.SUPPRESS)
    actions = p.add_subparsers(dest="clinic_action", metavar="ACTION", required=True)
    a = actions.add_parser("init", help="create the schema, the therapists' role and policies")
    a.add_argument("--url", help="postgresql+psycopg://admin@host/dbname (the clinic admin)")
    a = actions.add_parser("add-therapist", help="a login for a therapist (password on stdin)")
    a.add_argument("name", help="the therapist's login name (letters, digits, _)")
    a.add_argument("--url", help="the clinic store, as its administrator")
    a = actions.add_parser("assign", help="let a therapist see and change an athlete")
    a.add_argument("name", help="the therapist's login name")
    a.add_argument("--athlete-id", type=int, required=True, metavar="ID")
    a.add_argument("--url", help="the clinic store, as its administrator")
    p.set_defaults(handler=run_clinic, inspects_store=True)


def _password() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("Password for the therapist: ")
    return sys.stdin.readline().rstrip("\n")


def _prepare(url: str) -> None:
    """The exercise library and templates, written once by the administrator: the
    therapists may read them, not write them."""
    from runstrong_gui.services.bootstrap import prepare_store
    from runstrong_gui.storage.store import Store

    store = Store.open(url)
    try:
        prepare_store(store)
    finally:
        store.close()


def run_clinic(args: Any) -> int:
    from runstrong_gui.storage import clinic
    from runstrong_gui.storage.engine import StoreError, store_path

    url = args.url or args.store_url
    if store_path(url) is not None:
        raise StoreError(
            "A clinic store lives on a PostgreSQL server: give its address with --url "
            "postgresql+psycopg://user@host/dbname. Nothing was changed."
        )
    if args.clinic_action == "init":
        lines = clinic.init(url)
        _prepare(url)
        for line in lines:
            print(line)
        print("The clinic store is ready: add therapists with runstrong clinic add-therapist.")
    elif args.clinic_action == "add-therapist":
        role = clinic.add_therapist(url, args.name, _password())
        print(f"Therapist '{role}' can log in; assign their clients with runstrong clinic assign.")
    else:
        clinic.assign(url, args.athlete_id, args.name)
        print(f"Athlete {args.athlete_id} is now looked after by '{args.name.lower()}'.")
    return 0
