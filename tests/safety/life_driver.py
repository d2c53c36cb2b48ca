"""RunStrong started as ``runstrong [--db PATH]`` is, with a hand that acts as the user.

    python life_driver.py arrange|look|quit [DB]

Once the window is on screen with its store checked (writes allowed):

- ``arrange``: resize and move the window, put the library dock on the right, add an
  athlete and show week 3 of the sample athlete; then print what the user sees.
- ``look``: print what the user sees (what the last run left, restored).
- ``quit``: print it, then File ▸ Quit.

The line printed is JSON; the test then signals the process (or waits for it).
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from runstrong_gui.app.cli import main
from runstrong_gui.app.qt_start import make_application
from runstrong_gui.domain.models import Athlete
from runstrong_gui.services.athletes import save_athlete
from runstrong_gui.ui.athletes.feature import AthletesFeature
from runstrong_gui.ui.library.feature import LibraryFeature
from runstrong_gui.ui.shell.main_window import MainWindow

ADDED = "Added before the signal"


def library(w: MainWindow) -> LibraryFeature:
    found = w.findChild(LibraryFeature)
    assert found is not None
    return found


def athletes(w: MainWindow) -> AthletesFeature:
    found = w.findChild(AthletesFeature)
    assert found is not None
    return found


def what_is_seen(w: MainWindow) -> dict[str, object]:
    geometry = w.geometry()
    return {
        "geometry": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
        "library_area": w.dockWidgetArea(library(w).dock).name,
        "athletes": [athletes(w).combo.itemText(i) for i in range(athletes(w).combo.count())],
        "athlete": athletes(w).combo.currentText(),
        "week": w.week_number,
    }


def act(mode: str) -> None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    w = found[0] if found else None
    if w is None or not w.has_store or w.writing.paused or w.athlete is None:
        QTimer.singleShot(50, lambda: act(mode))
        return
    if mode == "arrange":
        shown = w.athlete
        w.resize(930, 650)
        w.move(37, 83)
        w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, library(w).dock)
        save_athlete(w.queries.store, Athlete(name=ADDED))
        w.athletes_changed.emit(shown.id)
        w.show_week(3)
    QApplication.processEvents()
    print(json.dumps(what_is_seen(w)), flush=True)
    if mode == "quit":
        w.act_quit.trigger()


if __name__ == "__main__":
    make_application(["runstrong"])
    QTimer.singleShot(0, lambda: act(sys.argv[1]))
    sys.exit(main(["--db", sys.argv[2]] if len(sys.argv) > 2 else []))
