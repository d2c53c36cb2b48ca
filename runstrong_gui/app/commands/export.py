"""``runstrong export``: one athlete's document as a PDF, for scripts.

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
    """``runstrong export DOCUMENT (--athlete NAME | --athlete-id ID) --out FILE.pdf``.

    Names and ids are separate options: a clinic that numbers its clients has athletes
    called "2", and guessing which one was meant printed the wrong person's plan.
    """
    p = sub.add_parser(
        "export",
        help="write a handout, week plan, programme or log sheet as PDF",
        description=(
            "Print one athlete's document to a PDF file. Loads show in the athlete's "
            "units (kg or lb); the clinic header comes from File ▸ Preferences."
        ),
    )
    p.add_argument("document", choices=list(DOCUMENTS), help="which document to write")
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
    p.add_argument(
        "--week",
        type=int,
        metavar="N",
        help="block week (handout, week plan; first week of the log sheet); default: this week",
    )
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="PDF file to write")
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


def _export_command(store: Store, args: argparse.Namespace) -> int:
    """One line on stderr and exit status 2 for anything refused; the path on success."""
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
