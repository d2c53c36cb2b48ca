"""Start-up of the bundle against the same start from the virtual environment.

    python packaging/start_time.py [--bundle dist/runstrong/runstrong] [--trials 7]

Each run starts the app on the same store (made by the first, untimed, run of each) with
``RUNSTRONG_QUIT_WHEN_READY`` set: the app prints ``ready <time.monotonic()>`` once the
athlete's week is on screen and quits. The time from just before the process starts to
that stamp counts interpreter (or bootloader) start, imports, the window and the store.
Runs alternate (bundle, venv, bundle, …) so a slow spell of the machine hits both; the
ratio is per pair, judged on the median against the issue's budget of 1.2.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET = 1.2


def _start(command: list[str], home: Path) -> float:
    """Milliseconds from process start to the week on screen."""
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        RUNSTRONG_DATA_DIR=str(home / "data" / "RunStrong"),
        RUNSTRONG_QUIT_WHEN_READY="1",
    )
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.monotonic()
    out = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    stamps = [line.split()[1] for line in out.stdout.splitlines() if line.startswith("ready ")]
    if out.returncode != 0 or not stamps:
        raise RuntimeError(f"{command[0]} failed ({out.returncode}): {out.stderr[-500:]}")
    return (float(stamps[0]) - started) * 1000.0


def measure(bundle: Path, trials: int) -> dict[str, object]:
    venv = [sys.executable, "-m", "runstrong_gui"]
    with tempfile.TemporaryDirectory() as tmp:
        homes = {"bundle": Path(tmp) / "bundle", "venv": Path(tmp) / "venv"}
        commands = {"bundle": [str(bundle)], "venv": venv}
        for name in commands:  # makes each one's store, compiles, fills the disk cache
            _start(commands[name], homes[name])
        times: dict[str, list[float]] = {"bundle": [], "venv": []}
        for _ in range(trials):
            for name in ("bundle", "venv"):
                times[name].append(_start(commands[name], homes[name]))
    ratios = [b / v for b, v in zip(times["bundle"], times["venv"], strict=True)]
    ratio = statistics.median(ratios)
    return {
        "bundle_ms": round(statistics.median(times["bundle"])),
        "venv_ms": round(statistics.median(times["venv"])),
        "ratio": round(ratio, 2),
        "budget": BUDGET,
        "status": "ok" if ratio <= BUDGET else "over",
        "trials": trials,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "runstrong" / "runstrong")
    parser.add_argument("--trials", type=int, default=7)
    args = parser.parse_args()
    if not args.bundle.is_file():
        print(f"no bundle at {args.bundle}: run make bundle", file=sys.stderr)
        return 2
    print(json.dumps(measure(args.bundle, args.trials)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
