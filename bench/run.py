"""``make bench``: time the planner on a clinic-size store, print a table, write results.

Everything is measured through the real objects: start-up through ``runstrong --db``
in a child process, the interactions on a shown ``MainWindow`` over the bench store,
the PDFs through the export renderers. Each figure is the median and the 95th
percentile (nearest rank) of repeated trials after a few warm-up ones; the first,
cold call in the process is reported beside them.

Measurements whose code has not landed yet are reported as unavailable with the
reason, so the harness runs at every stage of the project.

The bench store is copied to a temporary folder before each run: drops move a card
back and forth, and the shared store must stay as generated.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import json
import math
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from bench import floors
from bench.build_store import BENCH_DIR, DEFAULT_STORE, StoreInfo, StoreSize, ensure_store

REPO = BENCH_DIR.parent
PROBE = BENCH_DIR / "startup_probe.py"
DEFAULT_RESULTS = BENCH_DIR / "results.json"
README = REPO / "README.md"
README_BEGIN = "<!-- bench:begin -->"
README_END = "<!-- bench:end -->"
CHILD_TIMEOUT = 180
GROUPS = ("startup", "rss", "week", "drop", "search", "progress", "pdf", "ics", "strong")
FLOOR_GOAL = 2.0  # each interaction within this many times its floor (p95 and median)
STARTUP_GOAL = 2.5  # the athlete's week on screen within this many bare-window starts

# key: (label, unit, budget in the unit or None: a guide, goal as a ratio to the floor or
# None); the order is the table's.
METRICS: dict[str, tuple[str, str, float | None, float | None]] = {
    "startup_bare": ("Start-up to first paint, bare window (yardstick)", "ms", None, None),
    "startup_app": ("Start-up to first paint, RunStrong (empty frame)", "ms", None, None),
    "startup_ready": ("Start-up to the athlete's week on screen", "ms", None, STARTUP_GOAL),
    "week_switch": ("Switch week", "ms", 16.0, FLOOR_GOAL),
    "drop": ("Drop a card on another day", "ms", 16.0, FLOOR_GOAL),
    "search_keystroke": ("Library search, one keystroke", "ms", 16.0, FLOOR_GOAL),
    "progress_12_weeks": ("Progress tab, 12 weeks", "ms", 50.0, FLOOR_GOAL),
    "progress_2_years": ("Progress tab, 2 years", "ms", 150.0, FLOOR_GOAL),
    "handout_pdf": ("Handout PDF", "ms", 150.0, FLOOR_GOAL),
    "programme_pdf": ("12-week programme PDF", "ms", 400.0, FLOOR_GOAL),
    "peak_rss": ("Peak RSS, largest athlete open", "MB", 200.0, None),
    "strong_import_50k": (
        "Import 10 years of Strong history (50,000 sets)",
        "ms",
        3000.0,
        FLOOR_GOAL,
    ),
    "ics_import_500": ("Import a 500-event running plan (.ics)", "ms", 300.0, FLOOR_GOAL),
}
# rows measured by their own modules (bench/<area>.py: METRICS and measure())
METRICS.update(importlib.import_module("bench.interchange_export").METRICS)
METRICS.update(importlib.import_module("bench.pg").METRICS)
GROUPS = (*GROUPS, "interchange", "pg")


@dataclass
class Metric:
    key: str
    label: str
    unit: str
    budget: float | None
    goal: float | None = None  # the ratio to the floor this figure should stay within
    median: float | None = None
    p95: float | None = None
    first: float | None = None
    trials: int = 0
    cpu_median: float | None = None  # CPU time of the process (all threads), for noise
    status: str = "unavailable"  # ok, over, info, unavailable: judged on the goal if any
    budget_status: str = ""  # ok or over the budget (a guide); "" without one
    note: str = ""
    samples: list[float] = field(default_factory=list)
    floor_median: float | None = None  # the same work at its floor, in the same run
    floor_p95: float | None = None
    ratio_median: float | None = None  # figure ÷ floor (start-up: per pair, see there)
    ratio_p95: float | None = None
    floor_note: str = ""
    yardstick: float | None = None  # median ÷ the bare window's (its start, its RSS)

    def judge(self) -> None:
        if self.median is None:
            self.status = "unavailable"
            return
        if self.budget is not None:
            over = (self.p95 or self.median) > self.budget
            self.budget_status = "over" if over else "ok"
        if self.goal is None:
            self.status = self.budget_status or "info"
        elif self.ratio_median is None:
            self.status = "info"  # no floor measured: nothing to judge against
        else:
            worst = max(self.ratio_median, self.ratio_p95 or 0.0)
            self.status = "ok" if worst <= self.goal else "over"

    def set_floor(self, floor: Samples, note: str) -> None:
        """The floor's figures and the ratios to them (median/median, p95/p95)."""
        self.floor_median = round(statistics.median(floor.wall), 3)
        self.floor_p95 = round(p95(floor.wall), 3)
        if self.median is not None and self.p95 is not None:
            self.ratio_median = round(self.median / max(self.floor_median, 1e-6), 2)
            self.ratio_p95 = round(self.p95 / max(self.floor_p95, 1e-6), 2)
        self.floor_note = note
        self.judge()


def new_metric(key: str) -> Metric:
    label, unit, budget, goal = METRICS[key]
    return Metric(key, label, unit, budget, goal)


def p95(values: Sequence[float]) -> float:
    """Nearest-rank 95th percentile: a value that was actually measured."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


@dataclass
class Samples:
    """Wall-clock ms of each trial, the CPU ms the process spent in it, the first call's ms.

    The CPU time leaves out the time other programs had the processor, so on a busy
    machine it shows how much of a slow wall-clock figure was waiting.
    """

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    first: float | None = None


def fill(metric: Metric, samples: Samples) -> Metric:
    metric.samples = [round(s, 3) for s in samples.wall]
    metric.trials = len(samples.wall)
    metric.median = round(statistics.median(samples.wall), 2)
    metric.p95 = round(p95(samples.wall), 2)
    metric.cpu_median = round(statistics.median(samples.cpu), 2) if samples.cpu else None
    metric.first = None if samples.first is None else round(samples.first, 2)
    metric.judge()
    return metric


def unavailable(metric: Metric, reason: str) -> Metric:
    metric.status = "unavailable"
    metric.note = reason
    return metric


# --------------------------------------------------------------------------- machine


def machine_info() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram_gb = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    import PySide6
    import sqlalchemy
    from PySide6.QtCore import qVersion

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": ram_gb,
        "os": platform.platform(),
        "python": platform.python_version(),
        "pyside6": PySide6.__version__,
        "qt": qVersion(),
        "sqlalchemy": sqlalchemy.__version__,
        "sqlite": sqlite3.sqlite_version,
        "qt_platform": os.environ.get("QT_QPA_PLATFORM", ""),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "date": dt.datetime.now().isoformat(timespec="seconds"),
    }


# --------------------------------------------------------------------------- child processes


def _child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["HOME"] = str(home)
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["XDG_DATA_HOME"] = str(home / "data")
    env["RUNSTRONG_DATA_DIR"] = str(home / "data" / "RunStrong")
    env.pop("RUNSTRONG_DB_URL", None)
    return env


def _probe(args: list[str], env: dict[str, str]) -> tuple[float, dict[str, Any]]:
    """Run one child; (ms from just before exec to its first paint, its report).

    The report's ``ready_ms`` is the same for the moment its data was on screen."""
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, str(PROBE), *args],
        env=env,
        cwd=str(REPO),
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        check=False,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(
            f"probe {args[0]} failed (exit {proc.returncode}): {proc.stderr.strip()[-800:]}"
        )
    report = json.loads(lines[-1])
    if "ready" in report:
        report["ready_ms"] = (report["ready"] - started) * 1000.0
    return (report.get("painted", started) - started) * 1000.0, report


def _app_settings(home: Path, athlete_id: int) -> None:
    """The app reopens the clinic's last client: the largest athlete, like the RSS probe."""
    conf = home / "config" / "RunStrong" / "RunStrong.conf"
    conf.parent.mkdir(parents=True, exist_ok=True)
    conf.write_text(f"[view]\nathlete={athlete_id}\n")


def _paired(metric: Metric, app: Sequence[float], bare: Sequence[float]) -> None:
    """Each app start over the bare start right after it: a slow spell of the machine (they
    last seconds here) weighs on both sides of a ratio. Judged on the median of those."""
    ratios = sorted(a / b for a, b in zip(app, bare, strict=True))
    metric.floor_median = round(statistics.median(bare), 2)
    metric.floor_p95 = round(p95(bare), 2)
    metric.ratio_median = round(statistics.median(ratios), 2)
    metric.ratio_p95 = round(p95(ratios), 2)
    metric.floor_note = "the bare window; ratios paired (each app start ÷ the bare one after it)"
    if metric.goal is not None:
        metric.status = "ok" if metric.ratio_median <= metric.goal else "over"


def measure_startup(
    db: Path, athlete_id: int, trials: int, warmup: int, work: Path
) -> list[Metric]:
    keys = ("startup_bare", "startup_app", "startup_ready")
    bare_m, app_m, ready_m = (new_metric(k) for k in keys)
    ready_s = Samples()
    home = work / "home"
    env = _child_env(home)
    app_s, bare_s = Samples(), Samples()
    app_rss: list[float] = []
    bare_rss: list[float] = []
    shown: dict[str, Any] = {}

    def app() -> tuple[float, dict[str, Any]]:
        _app_settings(home, athlete_id)  # the app saved its own view state on exit
        ms, report = _probe(["app", "--db", str(db)], env)
        shown.update(report)
        return ms, report

    def bare() -> tuple[float, dict[str, Any]]:  # the size the app window came up with
        size = ["--width", str(shown["width"]), "--height", str(shown["height"])]
        return _probe(["bare", *size], env)

    try:
        for _ in range(warmup):  # compiles, fills the disk cache
            app()
            bare()
        for _ in range(trials):  # interleaved, so drift on the machine hits both alike
            for probe, samples, rss in ((app, app_s, app_rss), (bare, bare_s, bare_rss)):
                ms, report = probe()
                samples.wall.append(ms)
                samples.cpu.append(report["cpu_ms"])
                rss.append(report["rss_mb"])
                if probe is app:
                    ready_s.wall.append(report["ready_ms"])
                    ready_s.cpu.append(report["ready_cpu_ms"])
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        reason = f"the start-up probe failed: {exc}"
        return [unavailable(m, reason) for m in (bare_m, app_m, ready_m)]
    window = f"{shown['width']}×{shown['height']} window"
    fill(bare_m, bare_s)
    bare_m.note = f"{window}, same size as the app's; peak RSS {statistics.median(bare_rss):.0f} MB"
    bare_m.yardstick = 1.0
    fill(app_m, app_s)
    _paired(app_m, app_s.wall, bare_s.wall)
    app_m.note = f"peak RSS at first paint {statistics.median(app_rss):.0f} MB; not the goal"
    fill(ready_m, ready_s)
    _paired(ready_m, ready_s.wall, bare_s.wall)
    ready_m.note = "what the user waits for: the first paint that shows the week"
    return [bare_m, app_m, ready_m]


def measure_rss(db: Path, athlete_id: int, work: Path) -> Metric:
    metric = new_metric("peak_rss")
    home = work / "rss-home"
    try:
        _, report = _probe(
            [
                "rss",
                "--db",
                str(db),
                "--settings",
                str(home / "settings.ini"),
                "--athlete",
                str(athlete_id),
            ],
            _child_env(home),
        )
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        return unavailable(metric, f"the memory probe failed: {exc}")
    fill(metric, Samples([report["rss_mb"]]))
    metric.note = f"a child that only opens the app; tabs shown: {', '.join(report['tabs'])}"
    try:  # the yardstick: a bare window's own peak, in a child of its own as well
        _, bare = _probe(["bare"], _child_env(home))
    except (RuntimeError, subprocess.TimeoutExpired):
        return metric
    metric.yardstick = round(report["rss_mb"] / bare["rss_mb"], 2)
    metric.floor_note = f"yardstick: a bare window's own peak, {bare['rss_mb']:.0f} MB"
    return metric


# --------------------------------------------------------------------------- in-process


def timed(action: Callable[[int], Any], trials: int, warmup: int) -> Samples:
    """``action(i)`` timed for ``trials`` runs after ``warmup`` untimed ones (the first of
    which is reported as the cold call)."""
    out = Samples()
    for i in range(warmup + trials):
        t, c = time.perf_counter(), time.process_time()
        action(i)
        wall, cpu = (time.perf_counter() - t) * 1000.0, (time.process_time() - c) * 1000.0
        if i == 0:
            out.first = wall
        if i >= warmup:
            out.wall.append(wall)
            out.cpu.append(cpu)
    if not warmup:
        out.first = None
    return out


class Session:
    """A shown main window over a copy of the bench store, opened on one athlete."""

    def __init__(
        self, db: Path, athlete_id: int, work: Path, url: str | None = None, raw: Any = None
    ) -> None:
        """``url`` opens another store than the SQLite file ``db`` (bench/pg.py), with
        ``raw`` the floors' plain connection to it."""
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from runstrong_gui import tuning
        from runstrong_gui.app.features import build_window
        from runstrong_gui.app.qt_start import make_application
        from runstrong_gui.app.recovery import open_planner
        from runstrong_gui.ui.calendar.feature import CalendarController
        from runstrong_gui.ui.library.feature import LibraryFeature

        # the collector policy of runstrong's own start: paused while it starts, then what
        # start-up made is frozen out of the collector's sight (see runstrong_gui.tuning)
        tuning.pause_collector_for_start_up()
        self.app = make_application([sys.argv[0]])
        _quiet_offscreen_notes()
        self.queries = open_planner(url or f"sqlite+pysqlite:///{db}")
        self.store = self.queries.store
        settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("view/athlete", athlete_id)
        self.window, features = build_window(self.queries, settings)
        self.calendar = features.of(CalendarController)
        self.library = features.of(LibraryFeature)
        self.errors: list[str] = []
        # A refused action would open a modal box and stall the run: record it instead.
        self.window.show_error = lambda title, message: self.errors.append(f"{title}: {message}")  # type: ignore[method-assign]
        self.window.show()
        QApplication.processEvents()
        if self.window.athlete is None or self.window.athlete.id != athlete_id:
            self.window.athletes_changed.emit(athlete_id)
        tuning.start_up_over()
        self.athlete_id = athlete_id
        self.process = QApplication.processEvents
        self.db = db
        self.raw = raw or floors.connect(db)  # the floors' own plain connection

    def size(self, widget: Any) -> tuple[int, int]:
        return widget.width(), widget.height()

    def close(self) -> None:
        self.window.close()
        self.window.deleteLater()
        self.process()
        self.queries.store.close()
        self.raw.close()


class PaintCheck:
    """Counts paint events on chosen widgets (the viewports that draw cards or charts),
    so a trial can end when Qt has painted.

    A trial runs the action and then the event loop: that is where Qt lays out and paints
    what changed, as it does for a user. Forcing a ``repaint()`` on top would paint the
    week twice and time a frame nobody sees; instead every watched widget must have
    painted once, and one that did not is repainted (and counted in the note).
    """

    def __init__(self, widgets: Sequence[Any]) -> None:
        from PySide6.QtCore import QEvent, QObject

        paint = QEvent.Type.Paint
        painted = self.painted = [0] * len(widgets)
        index = {id(w): i for i, w in enumerate(widgets)}

        class Filter(QObject):
            def eventFilter(self, obj: Any, event: Any) -> bool:
                if event.type() == paint:
                    painted[index[id(obj)]] += 1
                return False

        self.widgets = list(widgets)
        self.filter = Filter()
        for w in self.widgets:
            w.installEventFilter(self.filter)
        self.forced = 0

    def start(self) -> None:
        for i in range(len(self.painted)):
            self.painted[i] = 0

    def finish(self, which: Sequence[int] | None = None) -> None:
        """Repaint the watched widgets (all, or those in ``which``) that did not paint."""
        for i in range(len(self.widgets)) if which is None else which:
            if not self.painted[i]:
                self.widgets[i].repaint()
                self.forced += 1

    def close(self) -> None:
        for w in self.widgets:
            w.removeEventFilter(self.filter)

    def note(self) -> str:
        if not self.forced:
            return ""
        return f"; {self.forced} views left unchanged by Qt were painted by the bench"


def _quiet_offscreen_notes() -> None:
    """Drop the offscreen plugin's notes about window hints; pass every other message on."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: Any, message: str) -> None:
        if "does not support propagateSizeHints" in message:
            return
        sys.stderr.write(f"Qt {kind.name}: {message}\n")

    qInstallMessageHandler(handler)


def measure_week_switch(s: Session, trials: int, warmup: int) -> Metric:
    w = s.window
    home = w.week_number
    weeks = [home - 20 + (i % 24) for i in range(trials + warmup)]  # mostly logged weeks

    check = PaintCheck([c.view.viewport() for c in s.calendar.view.columns])

    def switch(i: int) -> None:
        check.start()
        w.show_week(weeks[i])
        s.process()
        check.finish()

    samples = timed(switch, trials, warmup)
    check.close()
    w.show_week(home)
    s.process()
    metric = fill(new_metric("week_switch"), samples)
    metric.note = (
        f"show_week + events until all 7 days painted, weeks −20…+3 around today{check.note()}"
    )
    from runstrong_gui.domain.progression import week_dates

    assert w.athlete is not None
    dates = [week_dates(w.athlete, week) for week in weeks]
    floor, columns = floors.week_switch(
        s.raw, s.athlete_id, dates, s.size(s.calendar.view), s.process
    )
    metric.set_floor(
        timed(floor, trials, warmup),
        "one raw query for the week's sessions and exercises + 7 plain list views",
    )
    columns.close()
    return metric


def measure_drop(s: Session, trials: int, warmup: int) -> Metric:
    from PySide6.QtCore import Qt

    metric = new_metric("drop")
    model = s.calendar.model
    week = model.week
    card = None
    if week is not None:
        for d, day in enumerate(week.days):
            for detail in day.sessions:
                if detail.session.kind.value == "strength":
                    card = (detail.session.id, d)
                    break
            if card:
                break
    if card is None:
        return unavailable(metric, "the shown week holds no strength session to drag")
    session_id, home_day = card
    there = _card_texts(model, (home_day + 2) % 7)
    own = _card_texts(model, home_day)
    assert week is not None  # a card was found in it
    moving = own.pop(
        next(i for i, d in enumerate(week.days[home_day].sessions) if d.session.id == session_id)
    )
    days = [week.days[(home_day + 2) % 7].date, week.days[home_day].date]  # type: ignore[union-attr]
    total = warmup + trials + (warmup + trials) % 2  # even: the card ends where it began
    before = len(s.errors)
    samples = Samples()
    check = PaintCheck([c.view.viewport() for c in s.calendar.view.columns])
    both = (home_day, (home_day + 2) % 7)  # the day left and the day dropped on
    for i in range(total):
        target = model.day_index((home_day + 2) % 7 if i % 2 == 0 else home_day)
        mime = model.mimeData([model.index_of_session(session_id)])  # the drag: not timed
        check.start()
        t, c = time.perf_counter(), time.process_time()
        ok = model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, target)
        s.process()
        check.finish(both)
        wall, cpu = (time.perf_counter() - t) * 1000.0, (time.process_time() - c) * 1000.0
        if i == 0 and warmup:
            samples.first = wall
        if i >= warmup:
            samples.wall.append(wall)
            samples.cpu.append(cpu)
        if not ok or len(s.errors) > before:
            return unavailable(metric, f"the drop was refused: {s.errors[before:]}")
        if i == 0:
            with s.store.transaction() as tx:
                landed = tx.session(session_id).date
            if landed != days[0]:
                return unavailable(metric, f"the card is on {landed}, not {days[0]}")
    with s.store.transaction() as tx:
        if tx.session(session_id).date != days[1]:
            return unavailable(metric, "the card did not come back: drops not committed")
    check.close()
    fill(metric, samples)
    metric.note = (
        f"dropMimeData (committed, undoable) + events until both days painted{check.note()}"
    )
    column = s.calendar.view.columns[0]
    floor, columns = floors.drop(
        s.raw,
        session_id,
        (days[0], days[1]),
        (there, [*own, moving]),
        (2 * column.width(), column.height()),
        s.process,
    )
    metric.set_floor(
        timed(floor, trials + trials % 2, warmup + warmup % 2),
        "the same UPDATE + COMMIT through sqlite3 + 2 plain list views",
    )
    columns.close()
    with s.store.transaction() as tx:
        if tx.session(session_id).date != days[1]:
            return unavailable(metric, "the floor's drops did not bring the card back")
    return metric


def _card_texts(model: Any, day: int) -> list[str]:
    """The day's cards as the plain text a floor shows: title, subtitle, exercise lines."""
    from runstrong_gui.ui.calendar.week_model import exercise_lines, session_subtitle

    week = model.week
    return [
        "\n".join([d.session.display_title, session_subtitle(d), *exercise_lines(d)])
        for d in week.days[day].sessions
    ]


def measure_search(s: Session, trials: int, warmup: int) -> Metric:
    from PySide6.QtWidgets import QAbstractItemView

    metric = new_metric("search_keystroke")
    dock = s.library.dock
    dock.show()
    dock.raise_()  # tabbed with another dock: the list a user types into is the one shown
    s.process()
    panel = dock.panel
    rows = panel.model.rowCount()
    word = "single-leg calf raise"
    steps = [word[:k] for k in range(1, len(word) + 1)] + [
        word[:k] for k in range(len(word) - 1, -1, -1)
    ]

    def key(i: int) -> None:
        panel.search.setText(steps[i % len(steps)])
        s.process()

    samples = timed(key, trials, warmup)
    panel.search.clear()
    s.process()
    fill(metric, samples)
    metric.note = f"{rows:,} exercises; typing and deleting '{word}'"
    names = [r[0] for r in s.raw.execute("SELECT name FROM exercises WHERE NOT hidden")]
    view = panel.findChild(QAbstractItemView) or panel
    floor, columns = floors.search(names, steps, s.size(view), s.process)
    metric.set_floor(
        timed(floor, trials, warmup),
        f"QSortFilterProxyModel, fixed string, over the same {len(names):,} names",
    )
    columns.close()
    return metric


def progress_tab(s: Session) -> tuple[Any, str]:
    """The window's Progress tab, opened as a user opens it (its content is built on first
    show)."""
    from runstrong_gui.ui.shell.lazy_page import LazyPage

    tabs = s.window.tabs
    for i in range(tabs.count()):
        if tabs.tabText(i) == "Progress":
            tabs.setCurrentIndex(i)
            s.process()
            page = tabs.widget(i)
            if isinstance(page, LazyPage) and page.content is not None:
                return page.content, ""
    raise LookupError("the window has no Progress tab")


def measure_progress(s: Session, trials: int, warmup: int) -> list[Metric]:
    out = [new_metric("progress_12_weeks"), new_metric("progress_2_years")]
    try:
        tab, how = progress_tab(s)
    except LookupError as exc:
        return [unavailable(m, str(exc)) for m in out]
    w = s.window
    w.tabs.setCurrentWidget(tab)
    s.process()
    check = PaintCheck([v.viewport() for v in tab.views.values()])

    def refresh(_i: int) -> None:
        check.start()
        tab.refresh()
        s.process()
        check.finish()

    for metric, scope in zip(out, ("last12", "all"), strict=True):
        tab.set_scope(scope)
        s.process()
        check.forced = 0

        fill(metric, timed(refresh, trials, warmup))
        data = tab.data
        span = f"{len(data.weeks)} weeks, {data.sets_logged:,} sets" if data else "no data"
        metric.note = f"{how}refresh + events until every chart painted ({span}){check.note()}"
        recorder = floors.Recorder(s.store.engine)  # the SQL of one refresh, for the floor
        try:
            refresh(0)
        finally:
            recorder.close()
        views = list(tab.views.values())
        shapes = floors.chart_shapes(views)
        floor, charts = floors.progress(s.raw, recorder.statements, shapes, s.size(tab), s.process)
        points = sum(
            sum(map(len, d)) if kind == "bars" else len(d) for sh in shapes for kind, d in sh
        )
        metric.set_floor(
            timed(floor, trials, warmup),
            f"the same {len(recorder.statements)} SELECTs through sqlite3 + {len(views)} plain "
            f"charts, {sum(map(len, shapes))} series, {points} values",
        )
        charts.close()
        s.process()
    check.close()
    w.tabs.setCurrentIndex(0)
    s.process()
    return out


# PDFs ------------------------------------------------------------------------------------


def _printing_builders() -> tuple[Any, Any, str]:
    """The printing service's data builders when it has landed, else the bench's own."""
    with contextlib.suppress(ImportError):
        printing = importlib.import_module("runstrong_gui.services.printing")
        handout = next(
            (
                getattr(printing, n)
                for n in ("handout_data", "load_handout")
                if hasattr(printing, n)
            ),
            None,
        )
        programme = next(
            (
                getattr(printing, n)
                for n in ("programme_data", "load_programme")
                if hasattr(printing, n)
            ),
            None,
        )
        if handout and programme:
            return handout, programme, "services.printing"
    return (
        _bench_handout,
        _bench_programme,
        "bench-assembled data (services.printing not there yet)",
    )


def _details(store: Any, athlete_id: int, weeks: Sequence[int]) -> tuple[Any, list[Any]]:
    from runstrong_gui.domain.progression import week_dates

    with store.transaction() as tx:
        athlete = tx.athlete(athlete_id)
        first = week_dates(athlete, min(weeks))[0]
        last = week_dates(athlete, max(weeks))[-1]
        details = tx.session_details(tx.sessions_between(athlete_id, first, last))
    return athlete, details


def _day_plans(details: Sequence[Any]) -> tuple[Any, ...]:
    from runstrong_gui.export.documents import DayPlan, ItemPlan, SessionPlan

    by_day: dict[dt.date, list[Any]] = {}
    for d in details:
        items = tuple(ItemPlan(e, p) for p, e in d.items)
        by_day.setdefault(d.session.date, []).append(SessionPlan(d.session, items))
    return tuple(DayPlan(day, tuple(plans)) for day, plans in sorted(by_day.items()))


def _bench_handout(store: Any, athlete_id: int) -> Any:
    """What a therapist hands over: one strength session's exercises and the week around it."""
    from runstrong_gui.domain.progression import week_number
    from runstrong_gui.export.documents import ClinicInfo, HandoutData, ItemPlan

    with store.transaction() as tx:
        athlete = tx.athlete(athlete_id)
    week = week_number(athlete, dt.date.today())
    athlete, details = _details(store, athlete_id, [week])
    strength = [d for d in details if d.items]
    items = tuple(ItemPlan(e, p) for p, e in (strength[0].items if strength else ()))
    return HandoutData(
        clinic=ClinicInfo("Riverside Physio", "12 Mill Lane\n01234 567890"),
        athlete=athlete,
        therapist="A. Therapist",
        date=dt.date.today(),
        goal="Strong hips and calves for the spring half marathon",
        items=items,
        schedule=_day_plans(details),
    )


def _bench_programme(store: Any, athlete_id: int) -> Any:
    from runstrong_gui.domain.progression import BLOCK_WEEKS, week_number
    from runstrong_gui.export.documents import ProgrammeData

    athlete, details = _details(store, athlete_id, range(1, BLOCK_WEEKS + 1))
    weeks: dict[int, list[Any]] = {w: [] for w in range(1, BLOCK_WEEKS + 1)}
    for d in details:
        weeks[week_number(athlete, d.session.date)].append(d)
    return ProgrammeData(athlete, tuple((w, _day_plans(ds)) for w, ds in weeks.items()))


def measure_pdfs(s: Session, trials: int, warmup: int) -> list[Metric]:
    out = [new_metric("handout_pdf"), new_metric("programme_pdf")]
    try:
        from runstrong_gui.export.pdf import render_handout, render_programme
    except ImportError as exc:
        return [unavailable(m, f"the PDF renderers are not available yet ({exc})") for m in out]
    handout, programme, source = _printing_builders()
    for metric, build, render in zip(
        out, (handout, programme), (render_handout, render_programme), strict=True
    ):
        sizes: list[int] = []

        def make(
            _i: int, build: Any = build, render: Any = render, sizes: list[int] = sizes
        ) -> None:
            buffer = BytesIO()
            render(build(s.store, s.athlete_id), buffer)
            sizes.append(len(buffer.getvalue()))

        try:
            samples = timed(make, trials, warmup)
        except Exception as exc:  # a renderer or service still in progress
            unavailable(metric, f"{type(exc).__name__}: {exc}")
            continue
        fill(metric, samples)
        pdf = BytesIO()
        render(build(s.store, s.athlete_id), pdf)
        lines = floors.pdf_text(pdf.getvalue())
        pages = _pdf_pages(s, build, render)
        metric.note = f"data + render from {source}; {sizes[-1] / 1024:.0f} KB{pages}"
        metric.set_floor(
            timed(floors.pdf(lines), trials, warmup),
            f"ReportLab: the same {len(lines)} lines of text as plain Paragraphs, one style",
        )
    return out


def _pdf_pages(s: Session, build: Any, render: Any) -> str:
    try:
        from pypdf import PdfReader
    except ImportError:
        return ""
    buffer = BytesIO()
    render(build(s.store, s.athlete_id), buffer)
    buffer.seek(0)
    return f", {len(PdfReader(buffer).pages)} pages"


# --------------------------------------------------------------------------- report


def _num(v: float | None, unit: str) -> str:
    if v is None:
        return "—"
    if unit == "×":
        return f"{v:.2f}×"
    return f"{v:,.2f} {unit}" if v < 10 else f"{v:,.1f} {unit}"


def _ratios(m: Metric) -> str:
    """figure ÷ floor as "median / p95"."""
    if m.ratio_median is None:
        return "—"
    return f"{m.ratio_median:.2f}× / {m.ratio_p95:.2f}×"


def _cells(m: Metric) -> tuple[str, ...]:
    floor = "—" if m.floor_median is None else (
        f"{_num(m.floor_median, m.unit)} / {_num(m.floor_p95, m.unit)}"
    )  # fmt: skip
    goal = "—" if m.goal is None else f"≤ {m.goal:g}×"
    bare = "—" if m.yardstick is None else f"{m.yardstick:.2f}×" if m.yardstick >= 0.1 else (
        f"{m.yardstick:.3f}×"
    )  # fmt: skip
    budget = "—" if m.budget is None else f"≤ {m.budget:g} {m.unit}"
    if m.budget_status == "over":
        budget += " (over)"
    return (
        _num(m.median, m.unit),
        _num(m.p95, m.unit),
        floor,
        _ratios(m),
        goal,
        {"ok": "ok", "over": "OVER", "info": "", "unavailable": "n/a"}[m.status],
        bare,
        _num(m.cpu_median, m.unit),
        budget,
    )


HEAD = (
    "Measure",
    "median",
    "p95",
    "floor (median / p95)",
    "÷ floor (median / p95)",
    "goal",
    "",
    "÷ bare window",
    "CPU",
    "budget (guide)",
)


def table(metrics: Sequence[Metric]) -> str:
    rows: list[tuple[str, ...]] = [(*HEAD, "note")]
    for m in metrics:
        note = "; ".join(x for x in (m.note, m.floor_note and f"floor: {m.floor_note}") if x)
        rows.append((m.label, *_cells(m), note))
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEAD))]
    lines = []
    for n, r in enumerate(rows):
        cells = [
            r[i].ljust(widths[i]) if i == 0 else r[i].rjust(widths[i]) for i in range(len(widths))
        ]
        lines.append("  ".join(cells) + "  " + r[-1])
        if n == 0:
            lines.append("-" * (sum(widths) + 2 * len(widths) + 4))
    return "\n".join(lines)


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    st = results["store"]
    c = st["counts"]
    load = " / ".join(f"{x:g}" for x in m.get("load_average_at_start", m["load_average"]))
    lines = [
        f"Measured {m['date'][:10]} on {m['cpu']} ({m['cores']} cores, {m['ram_gb']} GB RAM, "
        f"load average {load} at the start), {m['os']}, Python {m['python']}, "
        f"PySide6 {m['pyside6']}, Qt platform `{m['qt_platform'] or 'default'}`. "
        f"Store: {c['athletes']:,} athletes, {c['exercises']:,} exercises, "
        f"{c['sessions']:,} sessions, {c['planned_exercises']:,} planned exercises, "
        f"{c['set_logs']:,} set logs (built in {st['build_seconds']:.0f} s).",
        "",
        "| " + " | ".join(HEAD) + " |",
        "|---|" + "---:|" * (len(HEAD) - 1),
    ]
    for key in METRICS:
        x = Metric(**results["metrics"][key])
        cells = list(_cells(x))
        cells[5] = {"OVER": "**over**", "n/a": "not available yet"}.get(cells[5], cells[5])
        lines.append(f"| {x.label} | " + " | ".join(cells) + " |")
    lines.append("")
    for x in results["metrics"].values():
        if x["floor_note"]:
            said = "" if x["floor_note"].startswith("yardstick") else "floor = "
            lines.append(f"- {x['label']}: {said}{x['floor_note']}")
    return "\n".join(lines)


def update_readme(results: dict[str, Any], readme: Path = README) -> bool:
    """Put the latest figures between the README's bench markers; False without markers."""
    if not readme.is_file():
        return False
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(README_BEGIN) + r".*?" + re.escape(README_END), re.DOTALL)
    if not pattern.search(text):
        return False
    block = f"{README_BEGIN}\n{markdown(results)}\n{README_END}"
    readme.write_text(pattern.sub(lambda _m: block, text, count=1), encoding="utf-8")
    return True


@contextlib.contextmanager
def workdir(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="runstrong-bench-") as tmp:
        yield Path(tmp)


def run(args: argparse.Namespace) -> dict[str, Any]:
    size = StoreSize(args.athletes, args.weeks, args.future_weeks, args.library)
    say = print if not args.quiet else (lambda *_a, **_k: None)
    info: StoreInfo = ensure_store(args.store, size, force=args.rebuild, log=say)
    say(f"Store: {info.path} ({info.reason}); largest athlete id {info.largest_athlete} "
        f"with {info.largest_sessions:,} sessions")  # fmt: skip
    metrics: dict[str, Metric] = {}

    def want(group: str) -> bool:
        return not args.only or group in args.only

    with workdir(args.workdir) as work:
        db = work / "clinic.sqlite3"
        shutil.copyfile(info.path, db)
        os.chmod(db, 0o600)
        if want("pg"):  # bench/pg.py: the same interactions on a local PostgreSQL
            from bench import pg

            metrics.update(
                (m.key, m) for m in pg.measure(info, work, args.trials, args.warmup, say)
            )
        if want("startup"):
            say("Start-up (child processes) …")
            for m in measure_startup(
                db, info.largest_athlete, args.startup_trials, args.warmup, work
            ):
                metrics[m.key] = m
        if want("rss"):
            say("Memory (child process) …")
            metrics["peak_rss"] = measure_rss(db, info.largest_athlete, work)
        say("Interactions …")
        session = Session(db, info.largest_athlete, work)
        try:
            if want("week"):
                metrics["week_switch"] = measure_week_switch(session, args.trials, args.warmup)
            if want("drop"):
                metrics["drop"] = measure_drop(session, args.trials, args.warmup)
            if want("search"):
                metrics["search_keystroke"] = measure_search(session, args.trials * 2, args.warmup)
            if want("progress"):
                for m in measure_progress(session, args.trials, args.warmup):
                    metrics[m.key] = m
            if want("pdf"):
                for m in measure_pdfs(session, args.pdf_trials, args.warmup):
                    metrics[m.key] = m
            if want("strong"):  # bench/interchange_csv.py
                from bench.interchange_csv import KEY, measure_strong_import

                metrics[KEY] = measure_strong_import(work, args.trials, args.warmup)
            if want("ics"):
                from bench import interchange_ics

                metrics.update(interchange_ics.measure(session, args.trials, args.warmup))
            if want("interchange"):
                from bench import interchange_export

                for m in interchange_export.measure(session, args.pdf_trials, args.warmup):
                    metrics[m.key] = m
        finally:
            session.close()
    ordered = [metrics.get(k) or unavailable(new_metric(k), "not measured") for k in METRICS]
    bare = metrics.get("startup_bare")
    if bare is not None and bare.median:  # each time in bare-window starts, for other machines
        for m in ordered:
            if m.unit == "ms" and m.median is not None and m.yardstick is None:
                m.yardstick = round(m.median / bare.median, 4)
    return {
        "machine": machine_info(),
        "store": {
            "path": str(info.path),
            "reason": info.reason,
            "built_now": info.built,
            "build_seconds": info.build_seconds,
            "anchor": info.anchor.isoformat(),
            "size": size.as_dict(),
            "counts": info.counts,
            "largest_athlete": info.largest_athlete,
            "largest_athlete_sessions": info.largest_sessions,
        },
        "settings": {
            "trials": args.trials,
            "startup_trials": args.startup_trials,
            "pdf_trials": args.pdf_trials,
            "warmup": args.warmup,
        },
        "metrics": {m.key: asdict(m) for m in ordered},
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    d = StoreSize()
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    p.add_argument(
        "--store", type=Path, default=DEFAULT_STORE, help="bench store (built if needed)"
    )
    p.add_argument("--athletes", type=int, default=d.athletes)
    p.add_argument("--weeks", type=int, default=d.weeks)
    p.add_argument("--future-weeks", type=int, default=d.future_weeks)
    p.add_argument("--library", type=int, default=d.library)
    p.add_argument("--rebuild", action="store_true", help="build the store even if it is current")
    p.add_argument("--trials", type=int, default=40, help="trials per interaction")
    p.add_argument("--startup-trials", type=int, default=20)
    p.add_argument("--pdf-trials", type=int, default=40)  # fewer than 20: the p95 is the maximum
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--out", type=Path, default=DEFAULT_RESULTS)
    p.add_argument(
        "--readme",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="update the README's figures (default: only for the full default run)",
    )
    p.add_argument(
        "--only",
        nargs="+",
        choices=GROUPS,
        help="measure only these groups (for profiling; the others are left unmeasured)",
    )
    p.add_argument("--workdir", type=Path, default=None, help="keep the run's files here")
    p.add_argument("--quiet", action="store_true")
    args = p.parse_args(argv)
    if min(args.trials, args.startup_trials, args.pdf_trials) < 1 or args.warmup < 0:
        p.error("trials must be at least 1 and warm-up at least 0")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args = parse_args(argv)
    load_before = [round(x, 2) for x in os.getloadavg()]
    results = run(args)
    results["machine"]["load_average_at_start"] = load_before
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    metrics = [Metric(**m) for m in results["metrics"].values()]
    m = results["machine"]
    print()
    load = " / ".join(f"{x:g}" for x in m["load_average"])
    print(f"{m['cpu']} · {m['cores']} cores · {m['ram_gb']} GB · Python {m['python']} · "
          f"PySide6 {m['pyside6']} · {m['date']} · load average {load}")  # fmt: skip
    print(table(metrics))
    print(f"\nWritten: {args.out}")
    default_run = (
        args.out == DEFAULT_RESULTS
        and StoreSize(args.athletes, args.weeks, args.future_weeks, args.library) == StoreSize()
        and args.store == DEFAULT_STORE
    )
    if (args.readme if args.readme is not None else default_run) and update_readme(results):
        print(f"Updated: {README}")
    over = [x.label for x in metrics if x.status == "over"]
    if over:
        print("Over the goal (ratio to its floor): " + "; ".join(over))
    return 0


if __name__ == "__main__":
    sys.exit(main())
