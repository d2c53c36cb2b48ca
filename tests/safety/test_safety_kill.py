"""A writer killed with SIGKILL at random moments loses nothing it acknowledged.

The driver (``crash_driver.py``) runs in its own interpreter: it forks the writer for
each cycle, so the test process (with Qt loaded) never forks. See its docstring for
what one cycle does and checks.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DRIVER = Path(__file__).with_name("crash_driver.py")
CYCLES = 300
BUDGET_SECONDS = 55


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_acknowledged_save(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(DRIVER),
            str(tmp_path / "crash.sqlite3"),
            str(CYCLES),
            "7",
            str(BUDGET_SECONDS),
        ],
        capture_output=True,
        text=True,
        timeout=BUDGET_SECONDS + 60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["errors"] == []
    assert report["cycles"] >= 200, report  # hundreds of kills, within the time budget
    assert report["acknowledged"] >= report["cycles"] // 2  # most kills land among saves
    assert report["killed_while_opening"] > 0
    assert report["lost"] == 0
    assert report["half_applied"] == 0
    assert report["phantom"] == 0
    assert report["integrity_failures"] == 0
