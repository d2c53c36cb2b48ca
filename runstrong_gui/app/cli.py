"""Command line: ``runstrong [--db PATH]`` opens the planner; subcommands serve scripts.

Qt is imported only when the GUI starts, so script commands stay fast and work on
machines without a display. Starting the window the other way round: a command line
that names no command is read without the subcommands' parsers, whose modules (the
PDF export's among them) the window does not need before it is on screen.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from runstrong_gui.paths import DB_ENV, default_db_path


def store_url(db: str | None) -> str:
    """``--db`` beats ``RUNSTRONG_DB_URL``, which beats the default file.

    ``--db`` takes a file, or a database address (``postgresql+psycopg://…``) as the
    environment variable does, so scripts can reach a clinic store the same way.
    """
    from runstrong_gui.storage.engine import sqlite_url

    if db and "://" in db:
        return db
    if db:
        return sqlite_url(Path(db))
    env = os.environ.get(DB_ENV)
    if env:
        return env
    return sqlite_url(default_db_path())


COMMANDS = frozenset({"athletes", "export", "generate", "backup", "check", "import", "clinic"})


class _Versions(argparse.Action):
    """``--version``: the app's and its libraries' versions, for a bug report. Qt and the
    rest are imported only when asked, so other commands stay fast."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the versions and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kw: object) -> None:
        from runstrong_gui.versions import version_text

        print(version_text())
        parser.exit()


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The full parser, or (``commands=False``) the window's: the same options, no
    subcommands."""
    parser = argparse.ArgumentParser(
        prog="runstrong",
        description="Plan strength training around your running week.",
    )
    parser.add_argument("--version", action=_Versions)
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="SQLite store to open (the window creates it if missing; commands only read), "
        "or a database address such as postgresql+psycopg://user@host/dbname",
    )
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("athletes", help="list athletes (id and name), one per line")
    p.add_argument("--db", metavar="PATH", dest="sub_db", help=argparse.SUPPRESS)
    p.add_argument("--all", action="store_true", help="include archived athletes")
    _add_export(sub)
    from runstrong_gui.app.commands.generate import add_generate_parser

    add_generate_parser(sub)
    from runstrong_gui.app.commands.safety import add_cli_parsers

    add_cli_parsers(sub)  # backup, check
    _add_import(sub)
    from runstrong_gui.app.commands.clinic import add_clinic_parser

    add_clinic_parser(sub)
    return parser


def _add_import(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """``runstrong import KIND …``: each kind of file brings its own sub-parser."""
    from runstrong_gui.app.commands.history_import import add_history_parsers
    from runstrong_gui.app.commands.import_ics import add_ics_parser

    p = sub.add_parser(
        "import",
        help="bring data in: a running plan from a calendar feed, lifting history from an app",
        description="Import data into an athlete's calendar.",
    )
    kinds = p.add_subparsers(dest="import_kind", metavar="KIND", required=True)
    add_ics_parser(kinds)
    add_history_parsers(kinds)  # strong, hevy


def _add_export(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from runstrong_gui.app.commands.export import add_export_parser

    add_export_parser(sub)


def _open(db: str | None):  # type: ignore[no-untyped-def]
    """The store the command reads; one is never created here (the window makes them)."""
    from runstrong_gui.app.commands.safety import require_store_file
    from runstrong_gui.services.bootstrap import prepare_store
    from runstrong_gui.storage.engine import open_store, store_path
    from runstrong_gui.storage.store import Store

    url = store_url(db)
    path = store_path(url)
    if path is not None:
        require_store_file(path)
    opened = open_store(url, create=False)
    store = Store(opened.engine, opened)
    if not store.read_only:
        try:
            prepare_store(store)
        except BaseException:
            store.close()  # the command ends here: leave no connection behind
            raise
    return store


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    args = list(sys.argv[1:] if argv is None else argv)
    if not any(a in COMMANDS or a in ("-h", "--help") for a in args):
        found, extra = build_parser(commands=False).parse_known_args(args)
        if not extra:
            return found
    return build_parser().parse_args(args)  # also for the full messages on an error


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    db = getattr(args, "sub_db", None) or args.db
    from runstrong_gui.storage.engine import StoreError

    try:
        if args.command is None:
            from runstrong_gui import tuning

            tuning.pause_collector_for_start_up()
            tuning.quicker_module_check()
            from runstrong_gui.app.launch import run_gui

            # with no store named, the clinic store connected to last (File ▸ Connect)
            chosen = bool(db or os.environ.get(DB_ENV))
            return run_gui(store_url(db), sys.argv[:1], chosen=chosen)
        if args.command == "athletes":
            store = _open(db)
            with store.transaction() as tx:
                for a in tx.athletes(include_archived=args.all):
                    flag = "\tarchived" if a.archived else ""
                    print(f"{a.id}\t{a.name}{flag}")
            store.close()
            return 0
        handler = getattr(args, "handler", None)
        if handler is not None:
            if getattr(args, "inspects_store", False):  # backup, check, clinic: no opening
                args.store_url = store_url(db)
                return int(handler(args))
            store = _open(db)
            try:
                return int(handler(store, args))
            finally:
                store.close()
    except StoreError as exc:
        print(f"runstrong: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a place the store or its folder cannot be reached, said plainly
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"runstrong: {exc.strerror or exc}{where}.", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
