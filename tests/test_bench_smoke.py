"""``make bench`` keeps working: the whole harness on a tiny store, with one trial each.

The figures of a tiny store mean nothing; what is checked is that every measurement
runs through the real objects and lands in ``results.json`` as numbers, and that the
bench store is reused until its size or generator changes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TINY = ["--athletes", "3", "--weeks", "6", "--future-weeks", "2", "--library", "60"]


def test_store_is_built_once_then_reused(tmp_path: Path) -> None:
    from bench.build_store import StoreSize, ensure_store, read_marker

    path = tmp_path / "tiny.sqlite3"
    size = StoreSize(athletes=2, weeks=4, future_weeks=1, library=50)
    first = ensure_store(path, size)
    assert first.built and first.reason == "no store yet"
    assert first.counts["exercises"] == 50
    assert first.counts["athletes"] == 3  # the two generated and the sample athlete
    assert first.counts["set_logs"] > 0
    again = ensure_store(path, size)
    assert not again.built and again.reason == "reused"
    assert again.counts == first.counts
    bigger = ensure_store(path, StoreSize(athletes=3, weeks=4, future_weeks=1, library=50))
    assert bigger.built and bigger.reason == "another size was asked for"
    later = dt.date.today() + dt.timedelta(weeks=2)
    stale = ensure_store(
        path, StoreSize(athletes=3, weeks=4, future_weeks=1, library=50), today=later
    )
    assert stale.built and "planned weeks ended" in stale.reason
    assert read_marker(path)["counts"]["athletes"] == 4  # type: ignore[index]


@pytest.mark.slow
def test_bench_runs_on_a_tiny_store_and_writes_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    args = ["--store", str(tmp_path / "tiny.sqlite3"), *TINY, "--out", str(out), "--no-readme"]
    args += ["--trials", "2", "--startup-trials", "1", "--pdf-trials", "1", "--warmup", "0"]
    args += ["--quiet", "--workdir", str(tmp_path / "work")]
    proc = subprocess.run(
        [sys.executable, "-m", "bench.run", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Start-up to first paint, RunStrong" in proc.stdout
    results = json.loads(out.read_text(encoding="utf-8"))

    from bench.pg import NO_SERVER
    from bench.run import METRICS

    assert list(results["metrics"]) == list(METRICS)
    for key, metric in results["metrics"].items():
        if metric["status"] == "unavailable":  # only code that has not landed may be missing
            if key.startswith("pg_") and metric["note"] == NO_SERVER:
                continue  # a machine without PostgreSQL (make system-deps installs it)
            assert "not available yet" in metric["note"], (key, metric["note"])
            continue
        for field in ("median", "p95"):
            assert isinstance(metric[field], float | int) and metric[field] > 0, (key, metric)
        assert metric["status"] in ("ok", "over", "info"), (key, metric)
    core = ["startup_app", "startup_bare", "startup_ready", "week_switch", "drop"]
    core += ["search_keystroke", "peak_rss"]
    assert all(results["metrics"][k]["status"] != "unavailable" for k in core)
    # every figure stands next to its floor from the same run, as two ratios
    for key, metric in results["metrics"].items():
        if metric["goal"] is None or metric["status"] == "unavailable":
            continue
        for field in ("floor_median", "floor_p95", "ratio_median", "ratio_p95"):
            assert isinstance(metric[field], float | int) and metric[field] > 0, (key, field)
        assert metric["floor_note"], key
        assert metric["yardstick"] > 0, key  # and in bare-window starts
    # memory from a child of its own, against a bare window's own peak: a bench that has
    # just built its store must not lend the child its own peak
    rss = results["metrics"]["peak_rss"]
    assert rss["yardstick"] > 1 and "bare window" in rss["floor_note"]
    assert "floor (median / p95)" in proc.stdout and "÷ floor" in proc.stdout

    machine = results["machine"]
    assert machine["cores"] >= 1 and machine["cpu"] and machine["python"] and machine["pyside6"]
    assert results["store"]["counts"]["exercises"] == 60
    assert (REPO / "README.md").read_text(encoding="utf-8") == readme


def test_a_probe_reports_its_own_peak_not_its_parents() -> None:
    """A parent that has just used 300 MB (the bench building its store) starts a probe:
    the probe's peak is its own few MB, not the parent's 300 (Linux carries
    ``ru_maxrss`` over fork and exec)."""
    child = (
        "import json, subprocess, sys\n"
        "big = bytearray(300 * 1024 * 1024)\n"
        "big[::4096] = b'x' * len(big[::4096])\n"
        "code = 'from bench.startup_probe import _peak_rss_mb; print(_peak_rss_mb())'\n"
        "out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True,"
        " check=True).stdout\n"
        "print(float(out))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", child], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert 1 < float(proc.stdout) < 100, proc.stdout
