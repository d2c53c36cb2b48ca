"""``runstrong export``: one athlete's document as a PDF, or data as RunStrong JSON (one
athlete or ``--all``), CSV or iCalendar, for scripts.

Names and ids are separate options: a clinic that numbers its clients has athletes
called "2", and guessing which one was meant printed the wrong person's plan.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.export.errors import ExportError
from runstrong_gui.services.printing import (
    DOCUMENTS,
    Paper,
    chosen_athlete,
    export_document,
    paper_size,
    saved_id,
)
from runstrong_gui.storage.engine import StoreError

if TYPE_CHECKING:
    from runstrong_gui.storage.store import Store


def add_export_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """``runstrong export DOCUMENT (--athlete NAME | --athlete-id ID | --all) --out FILE``.

    Names and ids are separate options: a clinic that numbers its clients has athletes
    called "2", and guessing which one was meant printed the wrong person's plan.
    """
    p = sub.add_parser(
        "export",
        help="write a handout, week plan, programme or log sheet as PDF, or data as "
        "JSON, CSV or iCalendar",
        description=(
            "Print one athlete's document to a PDF file (loads in the athlete's units; "
            "the clinic header comes from File ▸ Preferences), or export data: json "
            "(RunStrong JSON of one athlete, or of the whole store with --all), csv (logged "
            "sets in Strong's columns, and one row per session in FILE-sessions.csv), "
            "ics (the planned sessions as a calendar)."
        ),
    )
    p.add_argument(
        "document", choices=[*DOCUMENTS, *DATA_FORMATS], help="which document or format to write"
    )
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument(
        "--athlete",
        metavar="NAME",
        help="the athlete's name as 'runstrong athletes' lists it (case is ignored "
        "when no name matches exactly)",
    )
    who.add_argument(
        "--athlete-id", type=_athlete_id_arg, metavar="ID", help="the athlete's id instead"
    )
    who.add_argument(
        "--all", action="store_true", help="every athlete: the whole store (json only)"
    )
    p.add_argument(
        "--week",
        type=int,
        metavar="N",
        help="block week (handout, week plan; first week of the log sheet); default: this week",
    )
    p.add_argument(
        "--out", required=True, metavar="FILE", help="file to write (.pdf, .json, .csv, .ics)"
    )
    p.add_argument("--paper", default="A4", type=_paper_arg, metavar="A4|Letter", help="paper size")
    p.add_argument("--goal", metavar="TEXT", help="the handout's goal line (default: goal race)")
    p.add_argument("--db", metavar="PATH", dest="sub_db", help=argparse.SUPPRESS)
    p.set_defaults(handler=_export_command)


_MAX_ID_DIGITS = 100  # Python refuses to read numbers over 4,300 digits; no id is that long


def _athlete_id_arg(value: str) -> int:
    """An id as typed: ASCII digits only (``int`` would take '٣' and choke on '²')."""
    text = value.strip()
    if not (text.isascii() and text.isdigit()) or not text.strip("0"):
        raise argparse.ArgumentTypeError(
            f"the athlete id must be a whole number from 1 up, not '{value}'"
        )
    if len(text) > _MAX_ID_DIGITS:
        raise argparse.ArgumentTypeError(f"no athlete has an id of {len(text)} digits")
    return int(text)


def _paper_arg(value: str) -> Paper:
    try:
        return paper_size(value)
    except ExportError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


DATA_FORMATS = ("json", "csv", "ics")


def _export_command(store: Store, args: argparse.Namespace) -> int:
    """One line on stderr and exit status 2 for anything refused; the path on success."""
    if args.document in DATA_FORMATS:
        return _export_data(store, args)
    if args.all:
        print(f"runstrong export: a {args.document} is of one athlete; name one", file=sys.stderr)
        return 2
    try:
        with store.transaction() as tx:
            athlete = chosen_athlete(tx, args.athlete, args.athlete_id)
        path = export_document(
            store,
            args.document,
            saved_id(athlete),
            args.out,
            week=args.week,
            paper=args.paper,
            goal=args.goal,
        )
    except (ExportError, StoreError, ValidationError) as exc:
        print(f"runstrong export: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a file the renderer could not reach, said plainly
        print(f"runstrong export: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(os.fspath(path))
    return 0


def _export_data(store: Store, args: argparse.Namespace) -> int:
    """JSON, CSV or iCalendar: the paths written on stdout, one a line."""
    from runstrong_gui.services.interchange import data_export

    if args.all and args.document != "json":
        print(
            f"runstrong export: {args.document} is written for one athlete at a time; "
            "use --athlete or --athlete-id (json takes --all)",
            file=sys.stderr,
        )
        return 2
    try:
        athlete_id = None
        if not args.all:
            with store.transaction() as tx:
                athlete_id = saved_id(chosen_athlete(tx, args.athlete, args.athlete_id))
        if args.document == "json":
            written = data_export.export_json(store, athlete_id, args.out)
        elif args.document == "csv":
            written = data_export.export_csv(store, saved_id_of(athlete_id), args.out)
        else:
            written = data_export.export_ics(store, saved_id_of(athlete_id), args.out)
    except (ExportError, StoreError, ValidationError) as exc:
        print(f"runstrong export: {exc}", file=sys.stderr)
        return 2
    for path in written.paths:
        print(os.fspath(path))
    return 0


def saved_id_of(athlete_id: int | None) -> int:
    if athlete_id is None:  # pragma: no cover - refused above
        raise StoreError("Name one athlete.")
    return athlete_id
