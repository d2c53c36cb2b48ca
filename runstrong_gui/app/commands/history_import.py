"""``runstrong import strong|hevy FILE``: lifting history from another app, for scripts.

The same service as File ▸ Import history… (:mod:`runstrong_gui.services.interchange.
history_import`): one transaction, workouts imported before skipped, and names mapped
with ``--map`` remembered for the next import. A name the library does not know and no
``--map`` covers stops the import and is listed, so nothing is guessed.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from runstrong_gui.app.commands.export import _athlete_id_arg
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.storage.engine import StoreError

if TYPE_CHECKING:
    from runstrong_gui.storage.store import Store


def add_history_parsers(kinds: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """``strong`` and ``hevy`` under ``runstrong import``."""
    for source, label in (("strong", "Strong"), ("hevy", "Hevy")):
        p = kinds.add_parser(
            source,
            help=f"import lifting history from a {label} CSV export",
            description=(
                f"Add the workouts of a {label} CSV export to an athlete as done strength "
                "sessions with their logged sets. Workouts imported before are skipped. "
                "Names the library does not know need --map."
            ),
        )
        p.add_argument("file", metavar="FILE", help=f"the {label} export (.csv)")
        who = p.add_mutually_exclusive_group(required=True)
        who.add_argument("--athlete", metavar="NAME", help="the athlete's name")
        who.add_argument(
            "--athlete-id", type=_athlete_id_arg, metavar="ID", help="the athlete's id instead"
        )
        p.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="NAME=EXERCISE",
            help="what an exercise of the file is in the library: a library key or name, "
            "'new' (a custom exercise of that name) or 'skip' (leave its sets out); "
            "repeat for each name. Remembered for the next import.",
        )
        p.add_argument(
            "--dry-run", action="store_true", help="say what would be imported; write nothing"
        )
        p.add_argument("--db", metavar="PATH", dest="sub_db", help=argparse.SUPPRESS)
        p.set_defaults(handler=history_command, source=source)


def history_command(store: Store, args: argparse.Namespace) -> int:
    """One line on stderr and exit status 2 for anything refused; a summary on success."""
    from runstrong_gui.services.interchange import history_import as hi
    from runstrong_gui.services.interchange.history_csv import read_history_file
    from runstrong_gui.services.printing import chosen_athlete

    try:
        with store.transaction() as tx:
            athlete = chosen_athlete(tx, args.athlete, args.athlete_id)
        history = read_history_file(args.file, args.source, athlete.units.value)
        preview = hi.preview_import(store, athlete.id or 0, history)
        choices = hi.choices_from_text(preview, args.map)
        left = [n for n in preview.unmatched if n not in choices]
        if left:
            listed = "; ".join(f"'{n}' ({preview.sets_of(n)} sets)" for n in left)
            print(
                f"runstrong import: the library does not know {listed}. Add --map "
                f"'NAME=EXERCISE' (a library key or name, 'new' or 'skip') for each. "
                "Nothing was imported.",
                file=sys.stderr,
            )
            return 2
        if args.dry_run:
            print(f"Would import {preview.summary()} for {athlete.name}.")
            return 0
        if store.read_only:
            raise StoreError("The store is read-only: nothing was imported.")
        receipt = hi.import_history(store, preview, choices)
    except (StoreError, ValidationError) as exc:
        print(f"runstrong import: {exc}", file=sys.stderr)
        return 2
    print(f"{receipt.summary()} ({athlete.name})")
    return 0
