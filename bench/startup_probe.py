"""Child processes of the benchmark, each run as ``python bench/startup_probe.py MODE …``.

``bare``: a plain QMainWindow of the app's default size, shown. ``app``: the real
start-up path, ``runstrong --db PATH`` (``runstrong_gui.app.cli.main``), with its settings
in the folder ``XDG_CONFIG_HOME`` points at. Both print one JSON line once their main
window has painted and then quit cleanly. The JSON holds two stamps: ``painted``, the
end of the first paint pass of the window, and ``ready``, the end of the first paint
pass after which the window holds the athlete's week (the same for the bare window).
The parent compares those ``time.monotonic()`` stamps (system-wide on Linux) with its
own just before it started the process, so interpreter start, imports, opening the
store and laying out count.

How a paint is seen: an event filter on the main window itself (installed as it is
shown) sees its paint event, which comes first in a paint pass, and a zero-delay timer
fires once the whole pass, flush included, is over. For ``ready`` the filter also
watches the week view's widgets. (An application-wide filter, as used before, made
every event of every object cross into Python: thousands while the app builds and
paints its window, a few dozen for the bare one. That cost the app 40-100 ms the real
app never pays.)

Bytecode: an installed app runs from compiled bytecode (pip compiles it at install), so
the ``app`` child caches it under ``$HOME/.cache`` (the bench's own folder), whatever
``PYTHONDONTWRITEBYTECODE`` says; the warm-up runs write it. Without this, every timed
start compiled RunStrong's sources again.

``rss``: open the app on one athlete, show every tab once, then print the peak
resident set size.

Run as a script (not ``-m``), so both start-up modes pay the same interpreter start.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from typing import Any


def _peak_rss_mb() -> float:
    """This process's own peak resident set: ``VmHWM``, which starts again at exec.

    Not ``getrusage``'s ``ru_maxrss``: Linux carries it over from the parent across
    fork and exec, so a child of a bench that had just built the store (381 MB) reported
    the parent's peak as its own, the bare window's included."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0  # kB
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def _emit(**values: Any) -> None:
    sys.stdout.write(json.dumps(values) + "\n")
    sys.stdout.flush()


def _shows_its_data(window: Any) -> bool:
    """RunStrong's window is ready once it shows a week (a window with no week, like the
    bare one, is ready at its first paint)."""
    return not hasattr(window, "shown_week") or window.shown_week is not None


def _install_first_paint_hook(app: Any) -> None:
    """Report two moments, then leave: the first completed paint of a QMainWindow, and the
    first one that shows its data. A start-up that shows its window first and reads the
    store afterwards sets them apart; the second keeps such a change honest.

    The filter goes on the first QMainWindow shown (``show`` is wrapped to install it),
    and at its first paint also on the widgets of its week view, if it has one."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QMainWindow, QWidget

    class FirstPaint(QObject):
        painted: float | None = None
        painted_cpu = 0.0
        fired = False
        window: QMainWindow | None = None

        def watch(self, window: QMainWindow) -> None:
            if self.window is None:
                self.window = window
                window.installEventFilter(self)

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if not self.fired and event.type() == QEvent.Type.Paint:
                window = self.window
                if self.painted is None:
                    tabs = getattr(window, "tabs", None)  # the Week is the first tab
                    week = tabs.widget(0) if tabs is not None else None
                    if isinstance(week, QWidget):  # the week's own repaints, for `ready`
                        for widget in (week, *week.findChildren(QWidget)):
                            widget.installEventFilter(self)
                ready = _shows_its_data(window)
                self.fired = ready
                QTimer.singleShot(0, lambda: self._painted(window, ready))
            return False

        def _painted(self, window: QWidget, ready: bool) -> None:
            now, cpu = time.monotonic(), time.process_time() * 1000.0  # CPU: user + system
            if self.painted is None:
                self.painted, self.painted_cpu = now, cpu
            if not ready:
                return
            _emit(
                painted=self.painted,
                ready=now,
                width=window.width(),
                height=window.height(),
                title=window.windowTitle(),
                rss_mb=round(_peak_rss_mb(), 1),
                cpu_ms=round(self.painted_cpu, 1),
                ready_cpu_ms=round(cpu, 1),
            )
            # A clean exit (not os._exit): the app releases its single-instance lock and
            # checkpoints the WAL, else the next start would see a crash and run the full
            # integrity check. Tear-down happens after the report, so it is not timed.
            window.close()
            app.quit()

    hook = FirstPaint(app)
    show = QMainWindow.show

    def show_watched(window: QMainWindow) -> None:
        hook.watch(window)
        show(window)

    QMainWindow.show = show_watched  # type: ignore[method-assign]
    app._bench_first_paint = hook  # keep a Python reference for the app's lifetime


def bare(width: int, height: int) -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")  # the app's style, so only the app's own work differs
    _install_first_paint_hook(app)
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(width, height)
    window.show()
    return app.exec()


def _cache_bytecode() -> None:
    """Compile once, run from bytecode after, as an installed app does (see the top)."""
    sys.dont_write_bytecode = False
    home = os.environ.get("HOME") or "."
    sys.pycache_prefix = os.path.join(home, ".cache", "runstrong-bench-pycache")


class _HookOnImport:
    """Install the first-paint hook on the QApplication the app makes, from inside its own
    start-up path: ``runstrong`` imports its GUI only after it has set itself up (it
    pauses the cycle collector first, for one), so the probe must not import it earlier."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name != "runstrong_gui.app.launch":
            return None
        import importlib.machinery

        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        run_module = loader.exec_module  # type: ignore[union-attr]

        def exec_module(module: Any) -> None:
            run_module(module)
            made = module.make_application

            def make_application(argv: Any) -> Any:
                qapp = made(argv)
                if not hasattr(qapp, "_bench_first_paint"):
                    _install_first_paint_hook(qapp)
                return qapp

            module.make_application = make_application

        loader.exec_module = exec_module  # type: ignore[union-attr]
        return spec


def app(db: str) -> int:
    _cache_bytecode()
    sys.meta_path.insert(0, _HookOnImport())
    from runstrong_gui.app.cli import main

    return main(["--db", db])


def rss(db: str, settings_path: str, athlete_id: int) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from runstrong_gui import tuning

    # the process as the app's entry point sets it up (app/cli.py): without the module
    # check's tuning PySide keeps the source of every module imported after it
    tuning.pause_collector_for_start_up()
    tuning.quicker_module_check()
    from runstrong_gui.app.features import build_window
    from runstrong_gui.app.qt_start import make_application
    from runstrong_gui.app.recovery import open_planner

    qapp = make_application(sys.argv[:1])
    queries = open_planner(f"sqlite+pysqlite:///{os.path.abspath(db)}")
    settings = QSettings(settings_path, QSettings.Format.IniFormat)
    settings.setValue("view/athlete", athlete_id)
    window, _features = build_window(queries, settings)
    window.show()
    QApplication.processEvents()
    tuning.start_up_over()  # as app/launch.py does once the store has loaded
    if window.athlete is None or window.athlete.id != athlete_id:
        window.athletes_changed.emit(athlete_id)
    tabs = []
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        QApplication.processEvents()
        window.repaint()
        tabs.append(window.tabs.tabText(i))
    window.tabs.setCurrentIndex(0)
    QApplication.processEvents()
    shown = window.athlete.id if window.athlete else None
    _emit(rss_mb=round(_peak_rss_mb(), 1), athlete_id=shown, tabs=tabs)
    window.close()
    queries.store.close()  # a clean close: no WAL left for the next open to check
    del qapp
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="benchmark child process")
    sub = parser.add_subparsers(dest="mode", required=True)
    p = sub.add_parser("bare")
    p.add_argument("--width", type=int, default=1280)
    p.add_argument("--height", type=int, default=780)
    p = sub.add_parser("app")
    p.add_argument("--db", required=True)
    p = sub.add_parser("rss")
    p.add_argument("--db", required=True)
    p.add_argument("--settings", required=True)
    p.add_argument("--athlete", type=int, required=True)
    args = parser.parse_args(argv)
    if args.mode == "bare":
        return bare(args.width, args.height)
    if args.mode == "app":
        return app(args.db)
    return rss(args.db, args.settings, args.athlete)


if __name__ == "__main__":
    sys.exit(main())
