"""The Progress tab: what it shows before and after sets are logged, its controls, its
export, and that it reads the store lazily with a fixed number of queries."""

from __future__ import annotations

import dataclasses
import datetime as dt
import stat
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCharts import QBarSeries, QStackedBarSeries
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QToolTip
from sqlalchemy import event
from window_support import calendar, full_window

from runstrong_gui.domain import Athlete, PlannedExercise, Session, SetLog
from runstrong_gui.domain.enums import DoseKind, ExerciseGroup, SessionKind
from runstrong_gui.domain.metrics import LoggedSet, exercise_days
from runstrong_gui.domain.metrics import SessionRow as MetricSession
from runstrong_gui.services.progress import build_progress
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.progress import tab as progress_tab
from runstrong_gui.ui.progress.chart_spec import nice_scale
from runstrong_gui.ui.progress.charts import WeekChartView
from runstrong_gui.ui.progress.specs import adherence_spec, load_spec, phase_spans, volume_spec
from runstrong_gui.ui.progress.tab import ProgressTab
from runstrong_gui.ui.shell.lazy_page import LazyPage
from runstrong_gui.ui.shell.main_window import MainWindow

D = dt.date
TODAY = D(2026, 3, 19)  # Thursday of week 3 of the sample block (starts Monday 2 March)
MONDAY, THURSDAY = D(2026, 3, 2), D(2026, 3, 5)  # the sample week's two strength sessions


def _tab(window: MainWindow) -> ProgressTab:
    page = window.findChild(LazyPage)
    assert page is not None
    tab = page.build()
    assert isinstance(tab, ProgressTab)
    return tab


@pytest.fixture
def window(qtbot, store: Store, settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    tab = _tab(w)
    tab.today = lambda: TODAY
    w.resize(1400, 850)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def tab(window: MainWindow) -> ProgressTab:
    t = _tab(window)
    window.tabs.setCurrentWidget(t.parentWidget())
    assert t.isVisible()
    return t


def _shown(tab: ProgressTab, key: str) -> WeekChartView:
    """A chart as the user sees it: scrolled into view first, since a chart off screen is
    drawn when it comes into view."""
    tab.scroll_area.ensureWidgetVisible(tab.cards[key])
    return tab.views[key]


def _strength(store: Store, day: D) -> tuple[Session, list[PlannedExercise]]:
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        assert athlete.id is not None
        session = next(
            s for s in tx.day_sessions(athlete.id, day) if s.kind is SessionKind.STRENGTH
        )
        assert session.id is not None
        return session, tx.planned_for([session.id])[session.id]


def _log(store: Store, day: D, reps: int = 10, load: float = 0.0, pain: int | None = None) -> int:
    """Log every planned set of the day's strength session and mark it done."""
    session, planned = _strength(store, day)
    count = 0
    with store.transaction() as tx:
        for p in planned:
            assert p.id is not None
            tx.replace_logs(
                p.id, [SetLog(p.id, n, reps, load, 7, pain) for n in range(1, p.sets + 1)]
            )
            count += p.sets
        tx.update_session(dataclasses.replace(session, done=True))
    return count


def test_the_tab_is_added_and_explains_what_to_do_when_nothing_is_logged(
    window: MainWindow, tab: ProgressTab
) -> None:
    assert window.tabs.tabText(window.tabs.indexOf(tab.parentWidget())) == "Progress"
    assert tab.stack.currentIndex() == 1
    assert tab.empty_title.text() == "Nothing logged yet for Sample Runner"
    assert "Open a strength session in the week calendar" in tab.empty_text.text()
    assert not tab.exercise_combo.isEnabled()
    assert tab.exercise_combo.currentText() == "No exercise logged yet"
    tab.empty_button.click()
    assert window.tabs.currentWidget() is calendar(window).view


def test_logging_sets_changes_what_the_charts_show(
    window: MainWindow, tab: ProgressTab, store: Store
) -> None:
    monday_sets = _log(store, MONDAY, reps=10, pain=3)
    window.plan_changed.emit(None, None)
    assert tab.stack.currentIndex() == 0
    assert (
        _shown(tab, "volume").values("Sets") == [monday_sets] + [0] * 14
    )  # the 15 weeks of the block
    adherence = _shown(tab, "adherence")
    # week 1: 1 of 2 planned sessions done, 50% off plan; week 3 is today's week
    assert adherence.values("Off plan")[0] == 1 and adherence.values("On plan")[0] == 0
    assert _shown(tab, "pain").values("Worst") == [3.0]

    thursday_sets = _log(store, THURSDAY, reps=12)
    window.plan_changed.emit(None, None)
    assert _shown(tab, "volume").values("Sets")[0] == monday_sets + thursday_sets
    adherence = _shown(tab, "adherence")
    assert adherence.values("On plan")[0] == 2 and adherence.values("Off plan")[0] == 0
    tab.measure_buttons["reps"].click()
    reps = _shown(tab, "volume").values("Reps")[0]
    with store.transaction() as tx:
        # the beginner routine's side plank is dosed in seconds: no reps
        ex = {e.id: e for e in tx.exercises()}
    _, planned = _strength(store, MONDAY)
    rep_sets = sum(p.sets for p in planned if ex[p.exercise_id].dose_kind is DoseKind.REPS)
    _, planned_thu = _strength(store, THURSDAY)
    rep_sets_thu = sum(p.sets for p in planned_thu if ex[p.exercise_id].dose_kind is DoseKind.REPS)
    assert reps == rep_sets * 10 + rep_sets_thu * 12
    muscles = _shown(tab, "muscles")
    total = sum(muscles.values(name)[0] for name in muscles.series_names())
    assert total == monday_sets + thursday_sets


def test_adherence_colours_only_weeks_that_are_over(tab: ProgressTab, store: Store) -> None:
    _log(store, MONDAY)
    tab.invalidate()
    view = tab.views["adherence"]
    assert view.values("Planned")[:2] == [2.0, 2.0]  # the plan's step line, two points a week
    assert "In progress" in view.series_names()  # today's week gets a neutral bar
    future = slice(3, 12)
    for name in ("On plan", "Off plan", "Far off plan", "In progress"):
        assert view.values(name)[future] == [0.0] * 9
    legend = tab.cards["adherence"].legend
    assert legend.names() == ["On plan", "Off plan", "Far off plan", "In progress", "Planned"]
    assert "Far&nbsp;off&nbsp;plan" in legend.text()  # entries wrap as a whole


def test_changes_are_read_only_when_the_tab_is_visible(
    window: MainWindow, tab: ProgressTab, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = progress_tab.load_progress

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(progress_tab, "load_progress", spy)
    window.tabs.setCurrentWidget(calendar(window).view)
    _log(store, MONDAY)
    window.plan_changed.emit(None, None)
    window.plan_changed.emit(None, None)
    assert calls == []
    window.tabs.setCurrentWidget(tab.parentWidget())
    assert calls == ["block"]
    assert tab.views["volume"].values("Sets")[0] > 0
    window.plan_changed.emit(None, None)
    assert len(calls) == 2


def test_range_choice_changes_the_weeks_shown(tab: ProgressTab, store: Store) -> None:
    _log(store, MONDAY)
    tab.invalidate()
    assert tab.data is not None
    # the sample athlete races in week 15: "This block" is the same 15 weeks as the Block view
    assert [w.label for w in tab.data.weeks] == [f"W{i}" for i in range(1, 16)]
    assert tab.views["volume"].axis_labels()[0] == "W1"
    assert [span for _, span in phase_spans(tab.data)][:3] == ["W1–W2", "W3–W6", "W7–W12"]
    tab.range_combo.setCurrentIndex(tab.range_combo.findData("last12"))
    assert [w.week for w in tab.data.weeks] == list(range(-8, 4))
    assert len(tab.views["volume"].values("Sets")) == 12
    assert tab.views["volume"].values("Sets")[9] > 0  # W1 is the 10th of the 12 weeks
    assert tab.data.weeks[0].label == "W−8"
    tab.set_scope("all")
    assert [w.week for w in tab.data.weeks] == [1, 2, 3]
    assert tab.settings is not None and tab.settings.value("progress/range") == "all"


def test_exercise_choice_lists_logged_exercises_and_draws_their_load(
    window: MainWindow, tab: ProgressTab, store: Store
) -> None:
    session, planned = _strength(store, THURSDAY)
    with store.transaction() as tx:
        rdl = next(e for e in tx.exercises() if e.key == "romanian-deadlift")
        assert rdl.id is not None and session.id is not None
        p = tx.add_planned(PlannedExercise(session.id, rdl.id, len(planned), 3, 8, 20.0))
        assert p.id is not None
        loads = [20.0, 22.5, 25.0]
        tx.replace_logs(p.id, [SetLog(p.id, n, 8, kg) for n, kg in enumerate(loads, 1)])
        later = tx.add_session(Session(session.athlete_id, D(2026, 3, 10), "strength"))
        assert later.id is not None
        q = tx.add_planned(PlannedExercise(later.id, rdl.id, 0, 2, 8, 27.5))
        assert q.id is not None
        tx.replace_logs(q.id, [SetLog(q.id, 1, 8, 27.5), SetLog(q.id, 2, 6, 27.5)])
    window.plan_changed.emit(None, None)
    combo = tab.exercise_combo
    assert combo.isEnabled()
    assert [combo.itemText(i) for i in range(combo.count())] == ["Romanian deadlift"]
    load = _shown(tab, "load")
    assert load.values("Top set (kg)") == [25.0, 27.5]
    assert load.values("Reps that day") == [24.0, 14.0]

    _log(store, MONDAY)  # the beginner routine, bodyweight
    window.plan_changed.emit(None, None)
    names = [combo.itemText(i) for i in range(combo.count())]
    assert "Romanian deadlift" in names and "Dead bug" in names and len(names) == 6
    assert combo.currentText() == "Romanian deadlift"  # the choice survives a refresh
    combo.setCurrentIndex(combo.findText("Dead bug"))
    assert _shown(tab, "load").values("Top set (kg)") == [0.0]


def test_hovering_a_bar_shows_its_values(qtbot, tab: ProgressTab, store: Store) -> None:  # type: ignore[no-untyped-def]
    sets = _log(store, MONDAY)
    tab.invalidate()
    view = tab.views["volume"]
    series = next(s for s in view.chart().series() if isinstance(s, QBarSeries | QStackedBarSeries))
    series.hovered.emit(True, 0, series.barSets()[0])
    qtbot.waitUntil(lambda: QToolTip.isVisible())
    text = QToolTip.text()
    assert "W1" in text and "2–8 Mar" in text and "Foundation" in text and f"{sets} sets" in text
    series.hovered.emit(False, 0, series.barSets()[0])


def test_export_writes_a_private_png_with_a_drawn_chart(
    window: MainWindow,
    tab: ProgressTab,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _log(store, MONDAY, pain=2)
    window.plan_changed.emit(None, None)
    target = tmp_path / "volume"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "PNG"))
    )
    tab.cards["volume"].export_button.click()
    written = tmp_path / "volume.png"
    assert written.stat().st_size > 0
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    image = QImage(str(written))
    assert not image.isNull() and image.width() >= 960
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 5  # bars, bands, text: not one flat colour
    assert window.statusBar().currentMessage() == f"Chart saved to {written}"

    target = tmp_path / "pain.png"  # the chart's context menu leads to the same export
    tab.views["pain"].export_requested.emit()
    assert QImage(str(target)).width() >= 960


def test_export_failure_is_reported(
    tab: ProgressTab, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _log(store, MONDAY)
    tab.invalidate()
    missing = tmp_path / "no such folder" / "chart.png"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(missing), "PNG"))
    )
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text: shown.append(text))
    )
    assert tab.export_chart("pain") is None
    assert shown and "could not be saved" in shown[0]
    assert not missing.exists()


def test_query_count_is_the_same_for_twelve_weeks_and_two_years(
    tab: ProgressTab, store: Store
) -> None:
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        bridge = next(e for e in tx.exercises() if e.key == "glute-bridge")
        assert athlete.id is not None and bridge.id is not None
        for w in range(1, 105):  # two years before the block, one logged set a week
            s = tx.add_session(
                Session(athlete.id, MONDAY - dt.timedelta(weeks=w), "strength", done=True)
            )
            assert s.id is not None
            p = tx.add_planned(PlannedExercise(s.id, bridge.id, 0, 1, 12))
            assert p.id is not None
            tx.replace_logs(p.id, [SetLog(p.id, 1, 12)])
    block_sets = _log(store, MONDAY)
    counts = {}
    for scope in ("block", "all"):
        tab.set_scope(scope)
        statements: list[str] = []

        def count(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
            statements.append(statement)  # noqa: B023 (listener removed below)

        event.listen(store.engine, "before_cursor_execute", count)
        try:
            tab.refresh()
        finally:
            event.remove(store.engine, "before_cursor_execute", count)
        counts[scope] = len(statements)
        assert tab.data is not None
    assert len(tab.data.weeks) == 107  # 104 weeks before the block and its first three
    assert sum(tab.views["volume"].values("Sets")) == 104 + block_sets
    assert counts["block"] == counts["all"] <= 5  # BEGIN, athlete, sessions, sets, names


def _out_of_view(window: MainWindow, tab: ProgressTab, key: str) -> None:
    """A window short enough that the chart ``key`` is scrolled out of view."""
    window.resize(1000, 600)
    tab.scroll_area.verticalScrollBar().setValue(0)
    QApplication.processEvents()
    assert tab.cards[key].visibleRegion().isEmpty()


def test_a_chart_out_of_view_is_drawn_when_it_comes_into_view(
    window: MainWindow, tab: ProgressTab, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _out_of_view(window, tab, "pain")
    _log(store, MONDAY, pain=3)
    window.plan_changed.emit(None, None)
    assert tab.views["volume"].values("Sets")[0] > 0  # in view: drawn at once
    pain = tab.views["pain"]
    assert tab.cards["pain"].pending
    assert "Worst" not in pain.series_names()  # still the empty chart: no work spent on it

    # What the export writes is the latest data, whether the chart was seen or not.
    exported: list[Any] = []
    monkeypatch.setattr(progress_tab, "export_image", lambda spec, *_a: exported.append(spec))
    monkeypatch.setattr(progress_tab, "write_png", lambda *_a: None)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("/tmp/pain.png", "PNG"))
    )
    tab.export_chart("pain")
    assert [p for _, p in exported[0].lines[1].points] == [3.0]

    tab.scroll_area.ensureWidgetVisible(tab.cards["pain"])  # the user scrolls down
    assert not tab.cards["pain"].pending
    assert pain.values("Worst") == [3.0]
    assert pain.message == ""

    tab.scroll_area.verticalScrollBar().setValue(0)  # back up; the pain chart is away again
    QApplication.processEvents()
    _log(store, THURSDAY, pain=6)
    window.plan_changed.emit(None, None)
    assert pain.values("Worst") == [3.0]  # what it showed when last in view
    window.resize(1000, 2400)  # a taller window brings it into view
    QApplication.processEvents()
    assert pain.values("Worst") == [6.0]


def test_a_refresh_with_nothing_new_leaves_the_tab_as_it_was(
    window: MainWindow, tab: ProgressTab, store: Store
) -> None:
    _log(store, MONDAY)
    window.plan_changed.emit(None, None)

    def chips() -> list[object]:
        return [tab.phase_strip.itemAt(i).widget() for i in range(tab.phase_strip.count())]  # type: ignore[union-attr]

    shown = chips()
    combo = tab.exercise_combo
    combo.setCurrentIndex(combo.count() - 1)
    chosen = combo.currentText()
    resets: list[str] = []
    combo.model().modelReset.connect(lambda: resets.append("reset"))
    combo.model().rowsRemoved.connect(lambda *_: resets.append("removed"))
    series = list(tab.views["volume"].chart().series())

    window.plan_changed.emit(None, None)  # a change elsewhere in the plan: the same numbers
    assert chips() == shown
    assert resets == [] and combo.currentText() == chosen
    assert list(tab.views["volume"].chart().series()) == series

    _log(store, THURSDAY)  # new numbers land in the series already on screen
    window.plan_changed.emit(None, None)
    assert list(tab.views["volume"].chart().series()) == series
    assert tab.data is not None
    assert tab.views["volume"].values("Sets")[0] == tab.data.volume[0].sets


def test_no_athlete_is_explained(tab: ProgressTab) -> None:
    tab.set_athlete(None)
    assert tab.stack.currentIndex() == 1
    assert tab.empty_title.text() == "No athlete chosen"
    assert not tab.empty_button.isVisible()


# ------------------------------------------------------------- specs from hand-made data


def _data(units: str = "kg") -> Any:
    athlete = Athlete(name="Lee", block_start=D(2026, 1, 5), units=units, id=1)
    sets = [
        LoggedSet(D(2026, 1, 5), 1, 7, ExerciseGroup.GLUTE_HIP, DoseKind.REPS, 10, 20.0, 7, None),
        LoggedSet(D(2026, 1, 5), 1, 7, ExerciseGroup.GLUTE_HIP, DoseKind.REPS, 8, 25.0, 8, 1),
    ]
    sessions = [
        MetricSession(D(2026, 1, 5), 1, SessionKind.STRENGTH, None, True, False, 2),
        MetricSession(D(2026, 1, 14), 2, SessionKind.STRENGTH, None, False, False, 3),
        MetricSession(D(2026, 1, 21), 3, SessionKind.STRENGTH, None, False, False, 3),
    ]
    days = exercise_days(sets)
    return build_progress(
        athlete, "block", D(2026, 1, 14), range(1, 13), sessions, days, {7: "Romanian deadlift"}
    )


def test_specs_use_the_athletes_units() -> None:
    kg, lb = _data("kg"), _data("lb")
    assert volume_spec(kg, "tonnage").bars[0].values[0] == 20 * 10 + 25 * 8
    assert volume_spec(lb, "tonnage").bars[0].values[0] == pytest.approx(400 * 2.2046226218)
    assert volume_spec(lb, "tonnage").left.title == "Load × reps (lb)"
    spec = load_spec(lb, 7)
    assert spec.lines[0].name == "Top set (lb)"
    assert spec.lines[0].points[0][1] == 55  # 25 kg on the 2.5 lb step, as the cards show it
    assert "Romanian deadlift" in spec.lines[0].tips[0]


def test_adherence_spec_leaves_weeks_to_come_uncoloured() -> None:
    spec = adherence_spec(_data())
    bars = {b.name: list(b.values) for b in spec.bars}
    assert bars["On plan"][0] == 1  # week 1: 1 of 1 done
    assert bars["In progress"][1] == 0  # week 2 (today): nothing done yet, no verdict
    assert all(bars[name][2] == 0 for name in bars)  # week 3 is still to come
    assert "still to come" in spec.bars[0].tips[2]
    assert "1 done of 1 planned · On plan" in spec.bars[0].tips[0]
    assert load_spec(_data(), None).message.startswith("No exercise logged")


@pytest.mark.parametrize(
    ("top", "integer", "expected"),
    [
        (0, True, (1.0, 2)),
        (3, True, (3.0, 4)),
        (35, True, (40.0, 5)),
        (2450, True, (3000.0, 4)),
        (10, True, (10.0, 3)),
        (7.5, False, (8.0, 5)),
    ],
)
def test_axis_tops_are_round(top: float, integer: bool, expected: tuple[float, int]) -> None:
    assert nice_scale(top, integer) == expected


def test_phase_chips_take_the_dark_palettes_tints_when_it_changes(
    window: MainWindow, tab: ProgressTab, store: Store
) -> None:
    """Switched to dark with the tab open, the chips' light tints would sit under the
    dark palette's light text, unreadable."""
    from runstrong_gui.domain.enums import Phase
    from runstrong_gui.ui.shell import theme
    from runstrong_gui.ui.shell.style import PHASE_COLOURS, PHASE_COLOURS_DARK

    _log(store, MONDAY)
    window.plan_changed.emit(None, None)

    def foundation_sheet() -> str:
        chips = [tab.phase_strip.itemAt(i).widget() for i in range(tab.phase_strip.count())]
        (chip,) = [c for c in chips if c.text().startswith(Phase.FOUNDATION.label)]  # type: ignore[union-attr]
        return chip.styleSheet()  # type: ignore[union-attr]

    assert PHASE_COLOURS[Phase.FOUNDATION] in foundation_sheet()
    theme.apply(theme.Choice.DARK)
    try:
        sheet = foundation_sheet()
        assert PHASE_COLOURS_DARK[Phase.FOUNDATION] in sheet
        assert theme.DARK["ink"] in sheet
    finally:
        theme.apply(theme.Choice.LIGHT)
