"""``runstrong import ics FILE_OR_URL``: an athlete's running plan from a calendar feed.

It goes through the same services as File ▸ Import running plan…: the preview is
printed first, and nothing is written unless ``--yes`` is given or the user answers yes
at the prompt. Runs the user changed in RunStrong are overwritten only with
``--overwrite-edited``, and runs gone from the feed removed only with ``--remove-gone``;
a run done is never removed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING

from runstrong_gui.app.commands.export import _athlete_id_arg
from runstrong_gui.domain.dates import medium_date
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.storage.engine import StoreError

if TYPE_CHECKING:
    from runstrong_gui.services.interchange.running_plan import Preview
    from runstrong_gui.storage.store import Store


def add_ics_parser(kinds: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = kinds.add_parser(
        "ics",
        help="a running plan from an .ics file or an https:// / webcal:// feed",
        description=(
            "Import the runs of an iCalendar file or feed (Runna, TrainingPeaks, Garmin "
            "Connect, Final Surge) into one athlete's calendar. Shows what would change "
            "first; re-importing updates the same runs, never duplicates them."
        ),
    )
    p.add_argument("source", metavar="FILE_OR_URL", help="an .ics file, or the feed's address")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--athlete", metavar="NAME", help="the athlete's name")
    who.add_argument(
        "--athlete-id", type=_athlete_id_arg, metavar="ID", help="the athlete's id instead"
    )
    p.add_argument("--yes", action="store_true", help="import without asking")
    p.add_argument(
        "--overwrite-edited",
        action="store_true",
        help="also update the runs you changed in RunStrong since the last import",
    )
    p.add_argument(
        "--remove-gone",
        action="store_true",
        help="remove the imported runs the feed no longer holds (never a run done)",
    )
    p.add_argument("--db", metavar="PATH", dest="sub_db", help=argparse.SUPPRESS)
    p.set_defaults(handler=import_ics_command)


def _line(date: dt.date, title: str) -> str:
    return f"  {medium_date(date)}  {title}"


def preview_text(plan: Preview) -> str:
    """The preview as the terminal shows it: a summary, then each change on a line."""
    out = [plan.summary() + "."]
    sections: list[tuple[str, list[tuple[dt.date, str]]]] = [
        ("Add", [(r.date, r.title) for r in plan.added]),
        ("Update", [(r.date, r.title) for _s, r in plan.updated]),
        (
            "Changed by you (kept unless --overwrite-edited)",
            [(s.date, s.title) for s, _r in plan.conflicts],
        ),
        (
            "No longer in the feed (kept unless --remove-gone)",
            [(s.date, s.title) for s in plan.removed],
        ),
    ]
    for heading, rows in sections:
        if rows:
            out.append(f"{heading}:")
            out.extend(_line(d, t) for d, t in rows)
    return "\n".join(out)


def _confirmed() -> bool:
    if not sys.stdin.isatty():
        return False
    try:
        return input("Import these runs? [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False


def import_ics_command(store: Store, args: argparse.Namespace) -> int:
    """Exit status 0 when imported (or nothing to do), 1 when not confirmed, 2 refused."""
    from runstrong_gui.services import changes
    from runstrong_gui.services.interchange import running_plan as rp
    from runstrong_gui.services.interchange.fetch import feed_url, is_url, read_source
    from runstrong_gui.services.interchange.ics_import import FeedError, parse_calendar
    from runstrong_gui.services.printing import chosen_athlete

    try:
        with store.transaction() as tx:
            athlete = chosen_athlete(tx, args.athlete, args.athlete_id)
        assert athlete.id is not None
        url = feed_url(args.source) if is_url(args.source) else None
        if url is not None:
            print(f"Fetching {url} …", file=sys.stderr)
        runs = parse_calendar(read_source(args.source))
        plan = rp.preview(store, athlete.id, runs)
        print(f"{athlete.name}: {preview_text(plan)}")
        if not plan.changes_anything(args.overwrite_edited, args.remove_gone) and (
            url is None or athlete.feed_url == url
        ):
            print("Nothing to change.")
            return 0
        if not args.yes and not _confirmed():
            print("Nothing was imported (add --yes to import).", file=sys.stderr)
            return 1
        command = rp.import_command(
            plan,
            overwrite_edited=args.overwrite_edited,
            remove_gone=args.remove_gone,
            feed_url=url,
        )
        changes.record(
            store, command.label, athlete.id, command.days, command.action, command.extra_ids
        )
    except (StoreError, ValidationError, FeedError) as exc:
        print(f"runstrong import: {exc}", file=sys.stderr)
        return 2
    print(f"Imported: {plan.result(args.overwrite_edited, args.remove_gone)}.")
    return 0
