"""``runstrong generate``: one athlete's block from a script, as the dialog makes it.

A therapist setting up blocks for many clients runs this once per client. It goes
through the same service as Plan ▸ Generate (:mod:`runstrong_gui.services.generate`),
so history — sessions done, skipped or logged — is never touched, nor anything before
today unless ``--include-past`` asks for it.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from typing import TYPE_CHECKING

from runstrong_gui.app.commands.export import _athlete_id_arg
from runstrong_gui.domain.enums import Equipment, Philosophy
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.generator import GeneratorOptions
from runstrong_gui.storage.engine import StoreError

if TYPE_CHECKING:
    from runstrong_gui.storage.store import Store


def add_generate_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "generate",
        help="generate an athlete's strength block around their runs",
        description=(
            "Plan strength sessions for one athlete's block, as Plan ▸ Generate does. "
            "Sessions done, skipped or logged are never changed. Options not given keep "
            "the athlete's own settings."
        ),
    )
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--athlete", metavar="NAME", help="the athlete's name")
    who.add_argument(
        "--athlete-id", type=_athlete_id_arg, metavar="ID", help="the athlete's id instead"
    )
    p.add_argument("--start", type=_date_arg, metavar="YYYY-MM-DD", help="block start date")
    p.add_argument("--race", type=_date_arg, metavar="YYYY-MM-DD", help="goal race date")
    p.add_argument("--no-race", action="store_true", help="clear the goal race date")
    p.add_argument("--days", type=int, metavar="1-3", help="strength days per week")
    p.add_argument("--weeks", type=int, metavar="N", help="weeks to plan (default: the block)")
    p.add_argument(
        "--equipment",
        metavar="LIST",
        help="comma-separated kit, e.g. step,dumbbells,band ('none' for bodyweight only); "
        f"one of: {', '.join(e.value for e in Equipment)}",
    )
    p.add_argument(
        "--philosophy",
        choices=[ph.value for ph in Philosophy],
        help="where strength goes: on easy days, or after the hard runs",
    )
    jumps = p.add_mutually_exclusive_group()
    jumps.add_argument(
        "--plyometrics", action="store_true", default=None, help="add jumps in Power weeks"
    )
    jumps.add_argument("--no-plyometrics", dest="plyometrics", action="store_false")
    p.add_argument(
        "--replace",
        action="store_true",
        help="replace the planned sessions you made or changed (not done, skipped or "
        "logged ones); by default the weeks holding them are kept as they are",
    )
    p.add_argument("--include-past", action="store_true", help="also plan the days already gone by")
    p.add_argument("--db", metavar="PATH", dest="sub_db", help=argparse.SUPPRESS)
    p.set_defaults(handler=generate_command)


def _date_arg(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date like 2026-03-02") from None


def _equipment(text: str) -> frozenset[Equipment]:
    parts = [p.strip().lower() for p in text.split(",") if p.strip()]
    return frozenset(Equipment(Equipment.parse(p).value) for p in parts)


def generate_command(store: Store, args: argparse.Namespace) -> int:
    """One line on stderr and exit status 2 for anything refused; a summary on success."""
    from runstrong_gui.services import changes
    from runstrong_gui.services import generate as gen
    from runstrong_gui.services.athletes import save_athlete
    from runstrong_gui.services.printing import chosen_athlete

    try:
        with store.transaction() as tx:
            athlete = chosen_athlete(tx, args.athlete, args.athlete_id)
        changed = dataclasses.replace(
            athlete,
            block_start=args.start or athlete.block_start,
            goal_race_date=None if args.no_race else (args.race or athlete.goal_race_date),
        )
        if args.plyometrics and not athlete.plyometrics_ok:
            raise ValidationError(
                "Plyometrics", f"{athlete.name} has not opted in to jumps (Edit athlete)"
            )
        defaults = gen.default_options(changed)
        options = GeneratorOptions(
            strength_days=defaults.strength_days if args.days is None else args.days,
            equipment=defaults.equipment if args.equipment is None else _equipment(args.equipment),
            philosophy=Philosophy(args.philosophy or defaults.philosophy.value),
            plyometrics=defaults.plyometrics if args.plyometrics is None else args.plyometrics,
            weeks=defaults.weeks if args.weeks is None else args.weeks,
            include_past=args.include_past,
        )
        if changed != athlete:
            athlete = save_athlete(store, changed)
        assert athlete.id is not None
        change = changes.record(
            store,
            f"Generate a {options.weeks}-week block",
            athlete.id,
            gen.block_dates(athlete, options.weeks),
            gen.generate_action(athlete.id, options, keep_user=not args.replace),
        )
    except (StoreError, ValidationError) as exc:
        print(f"runstrong generate: {exc}", file=sys.stderr)
        return 2
    n = len(change.outcome.created)
    print(f"{athlete.name}: {n} strength sessions over {options.weeks} weeks generated.")
    return 0
