"""File ▸ Import running plan…: the dialog reads a feed, previews, imports into the week."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from window_support import calendar, controller, full_window

from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.calendar.week_model import session_subtitle
from runstrong_gui.ui.interchange import feature as interchange
from runstrong_gui.ui.interchange.feature import InterchangeFeature
from runstrong_gui.ui.interchange.plan_dialog import ImportPlanDialog
from runstrong_gui.ui.shell.main_window import MainWindow
from tests.services.interchange.feeds import RUNNA, send, serving

SHOTS = Path("/work/shots/interchange")


def _unexpected(_parent: object, title: str, text: str, *_args: object) -> None:
    raise AssertionError(f"unexpected message box: {title}: {text}")


@pytest.fixture
def window(qtbot, store: Store, settings: QSettings, monkeypatch) -> MainWindow:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QMessageBox, "warning", _unexpected)
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show_week(1)
    return w


def _drive(
    feature: InterchangeFeature, steps: Callable[[ImportPlanDialog], None]
) -> list[ImportPlanDialog]:
    seen: list[ImportPlanDialog] = []

    def run(dialog: QDialog) -> int:
        assert isinstance(dialog, ImportPlanDialog)
        seen.append(dialog)
        steps(dialog)
        return 0

    feature.run_dialog = run  # type: ignore[method-assign]
    return seen


def _read(qtbot, dialog: ImportPlanDialog, source: str) -> None:  # type: ignore[no-untyped-def]
    dialog.source.setText(source)
    dialog.read()
    qtbot.waitUntil(lambda: dialog.plan is not None or "ends" in dialog.status.text(), timeout=5000)


def _cards(w: MainWindow) -> dict[int, list[tuple[str, str]]]:
    model = calendar(w).model
    out: dict[int, list[tuple[str, str]]] = {}
    for d in range(7):
        day = model.day_index(d)
        out[d] = [
            (
                model.data(model.index(r, 0, day), Qt.ItemDataRole.DisplayRole),
                session_subtitle(model.detail(model.index(r, 0, day))),  # the card's 2nd line
            )
            for r in range(model.rowCount(day))
        ]
    return out


def test_import_shows_the_runs_in_the_week_and_undoes_in_one_step(
    qtbot,
    window: MainWindow,
    store: Store,  # type: ignore[no-untyped-def]
) -> None:
    feature = controller(window, InterchangeFeature)
    window.menu("file").aboutToShow.emit()
    assert feature.act_import.isEnabled() and not feature.act_update.isEnabled()

    def steps(dialog: ImportPlanDialog) -> None:
        _read(qtbot, dialog, str(RUNNA))
        assert dialog.target.text().startswith("Will read the file")
        assert dialog.table.rowCount() == 9
        assert dialog.table.item(0, 0).text() == "Add"
        assert "9 to add, 0 to update, 0 unchanged" in dialog.status.text()
        if SHOTS.parent.exists():
            SHOTS.mkdir(exist_ok=True)
            dialog.grab().save(str(SHOTS / "import_preview.png"))
        dialog.do_import()
        assert dialog.status.text() == "Imported: 9 added, 0 updated."
        # the fit service is another part of the build: its button shows only with it
        assert dialog.fit_button.isVisibleTo(dialog) == (interchange.fit_module() is not None)
        dialog.close()

    assert len(_drive(feature, steps)) == 0
    feature.import_plan()
    window.show_week(2)  # 9–15 March
    cards = _cards(window)
    assert ("Easy Run • 6km", "38 min · 6 km") in cards[1]
    assert ("Tempo Run • 8km", "48 min · 8 km") in cards[3]
    assert ("Long Run • 16km", "100 min · 16 km") in cards[6]
    if SHOTS.parent.exists():
        window.resize(1400, 860)
        window.grab().save(str(SHOTS / "week_after_import.png"))
    assert window.act_undo.text() == "&Undo Import running plan (9 runs)"
    window.undo_stack.undo()
    assert "Long Run • 16km" not in dict(_cards(window)[6])


def test_feed_is_remembered_and_update_is_one_click(
    qtbot,
    window: MainWindow,
    store: Store,  # type: ignore[no-untyped-def]
) -> None:
    feature = controller(window, InterchangeFeature)
    with serving(send(RUNNA.read_bytes())) as base:
        url = f"{base}/runna.ics"

        def first(dialog: ImportPlanDialog) -> None:
            _read(qtbot, dialog, url)
            assert dialog.target.text() == f"Will fetch {url} (only when you press Preview)."
            dialog.do_import()

        _drive(feature, first)
        feature.import_plan()
        assert feature.act_update.isEnabled()

        def again(dialog: ImportPlanDialog) -> None:
            assert dialog.source.text() == url  # already reading it
            qtbot.waitUntil(lambda: dialog.plan is not None, timeout=5000)
            assert "0 to add, 0 to update, 9 unchanged" in dialog.status.text()
            assert dialog.table.rowCount() == 0

        seen = _drive(feature, again)
        feature.update_plan()
        assert len(seen) == 1


def test_bad_file_shows_a_message_and_writes_nothing(
    qtbot,
    window: MainWindow,
    store: Store,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    feature = controller(window, InterchangeFeature)
    bad = tmp_path / "photo.ics"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    before = window.undo_stack.count()

    def steps(dialog: ImportPlanDialog) -> None:
        dialog.source.setText(str(bad))
        dialog.read()
        qtbot.waitUntil(lambda: "not an iCalendar file" in dialog.status.text(), timeout=5000)
        assert not dialog.import_button.isEnabled()

    _drive(feature, steps)
    feature.import_plan()
    assert window.undo_stack.count() == before
    with store.transaction() as tx:
        assert tx.imported_sessions(tx.athletes()[0].id or 0) == []


def test_card_tooltip_shows_the_feeds_description(
    qtbot,
    window: MainWindow,
    store: Store,  # type: ignore[no-untyped-def]
) -> None:
    feature = controller(window, InterchangeFeature)

    def steps(dialog: ImportPlanDialog) -> None:
        _read(qtbot, dialog, str(RUNNA))
        dialog.do_import()

    _drive(feature, steps)
    feature.import_plan()
    window.show_week(2)
    model = calendar(window).model
    sunday = model.day_index(6)
    tip = model.data(model.index(0, 0, sunday), Qt.ItemDataRole.ToolTipRole)
    assert "Long Run • 16km • 1h 35m - 1h 45m\n\nRun the whole way" in tip


def test_fit_strength_around_the_imported_runs(
    qtbot,
    window: MainWindow,
    store: Store,  # type: ignore[no-untyped-def]
) -> None:
    if interchange.fit_module() is None:
        pytest.skip("this build has no services.fit yet: the dialog hides the button")
    feature = controller(window, InterchangeFeature)

    def steps(dialog: ImportPlanDialog) -> None:
        _read(qtbot, dialog, str(RUNNA))
        dialog.do_import()
        assert dialog.fit_button.isVisibleTo(dialog)
        dialog.do_fit()
        assert "Strength fitted around the runs." in dialog.status.text()

    _drive(feature, steps)
    feature.import_plan()
    assert window.act_undo.text() == "&Undo Fit strength around the imported runs"
    window.show_week(2)
    week = window.shown_week
    kinds = [d.session.kind.value for day in week.days for d in day.sessions]
    assert kinds.count("strength") >= 1
    assert week.warnings == ()
    if SHOTS.parent.exists():
        window.resize(1400, 860)
        window.grab().save(str(SHOTS / "week_after_fit.png"))


def test_file_menu_has_the_running_plan_in_a_group_of_its_own(window: MainWindow) -> None:
    texts = [a.text() for a in window.menu("file").actions()]
    at = texts.index("Import &running plan…")
    assert texts[at - 1 : at + 2] == ["", "Import &running plan…", "&Update running plan"]
    assert texts[-1] == "&Quit"


def test_closing_the_dialog_while_the_feed_is_fetched_is_harmless(
    qtbot,
    window: MainWindow,
    store: Store,  # type: ignore[no-untyped-def]
) -> None:
    import threading

    release, asked = threading.Event(), threading.Event()

    def stall(handler: object) -> None:
        asked.set()
        release.wait(5)
        send(RUNNA.read_bytes())(handler)  # type: ignore[arg-type]

    feature = controller(window, InterchangeFeature)
    assert window.athlete is not None
    with serving(stall) as base:
        dialog = feature.dialog(window.athlete, f"{base}/slow.ics")
        dialog.read()
        assert asked.wait(5)
        dialog.deleteLater()
        qtbot.wait(50)  # the dialog is gone before the answer comes
        release.set()
        for t in [t for t in threading.enumerate() if t.name == "feed-read"]:
            t.join(5)
    with store.transaction() as tx:
        assert tx.imported_sessions(tx.athletes()[0].id or 0) == []
