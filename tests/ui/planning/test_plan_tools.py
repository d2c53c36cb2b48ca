"""The Plan menu: templates, the block generator and week scaling, with undo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings
from PySide6.QtWidgets import QDialog, QMessageBox
from window_support import calendar, full_window, plan_tools

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.generator import GeneratedSession, GeneratorOptions
from runstrong_gui.domain.models import Athlete, SessionDetail
from runstrong_gui.domain.progression import week_dates, week_number
from runstrong_gui.services import generate as gen
from runstrong_gui.services.athletes import save_athlete
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.planning.dialogs import NameDialog, ScaleDialog, TemplateDialog
from runstrong_gui.ui.planning.feature import PlanTools
from runstrong_gui.ui.planning.generator_dialog import GeneratorDialog
from runstrong_gui.ui.shell.main_window import MainWindow

BEGINNER = "20-minute beginner, no equipment"
WED = dt.date(2026, 3, 4)


def _unexpected(_parent: object, title: str, text: str, *_args: object) -> None:
    raise AssertionError(f"unexpected message box: {title}: {text}")


@pytest.fixture
def window(qtbot, store: Store, settings: QSettings, monkeypatch) -> MainWindow:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QMessageBox, "warning", _unexpected)  # a refusal must not go unseen
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show_week(1)
    return w


def _tools(w: MainWindow) -> PlanTools:
    tools = plan_tools(w)
    if w.athlete is not None:  # the sample block lies in the past of the real clock
        start = w.athlete.block_start
        tools.today = lambda: start
    return tools


def _drive(tools: PlanTools, fill: Callable[[QDialog], None]) -> list[QDialog]:
    """Replace the modal run of dialogs: fill them in and press OK."""
    seen: list[QDialog] = []

    def run(dialog: QDialog) -> bool:
        seen.append(dialog)
        fill(dialog)
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    tools.run_dialog = run  # type: ignore[method-assign]
    return seen


def _days(store: Store, first: dt.date, last: dt.date) -> list[SessionDetail]:
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        return tx.session_details(tx.sessions_between(athlete.id or 0, first, last))


def _select_card(w: MainWindow, day: int, row: int = 0) -> None:
    column = calendar(w).view.columns[day]
    index = calendar(w).model.index(row, 0, calendar(w).model.day_index(day))
    column.view.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )


def test_plan_menu_sits_before_help(window: MainWindow) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("&Plan") == titles.index("&Help") - 1
    texts = [a.text() for a in _tools(window).menu.actions() if not a.isSeparator()]
    assert "&Generate 12-week block…" in texts
    assert not _tools(window).act_save_session.isEnabled()  # no card selected yet


def test_beginner_routine_on_a_day_and_undo(window: MainWindow, store: Store) -> None:
    before = _days(store, WED, WED)
    assert [d.session.kind for d in before] == [SessionKind.MODERATE]

    def fill(d: QDialog) -> None:
        assert isinstance(d, TemplateDialog)
        d.template.setCurrentIndex(d.template.findText(BEGINNER))
        d.select_day(WED)
        assert "5 exercises" in d.about.text()

    _drive(_tools(window), fill)
    _tools(window).apply_template_to_day()
    after = _days(store, WED, WED)
    assert [d.session.kind for d in after] == [SessionKind.MODERATE, SessionKind.STRENGTH]
    strength = after[1]
    assert strength.session.source == "template" and strength.session.order == 1
    assert [e.name for _p, e in strength.items] == [
        "Single-leg glute bridge",
        "Reverse lunge",
        "Single-leg calf raise, straight knee",
        "Dead bug",
        "Side plank",
    ]
    assert [p.sets for p, _e in strength.items] == [2, 2, 2, 2, 2]  # week 1: half volume
    assert window.undo_stack.undoText().startswith("Apply “20-minute beginner")

    window.undo_stack.undo()
    assert _days(store, WED, WED) == before
    window.undo_stack.redo()
    assert _days(store, WED, WED) == after


def test_week_plan_applied_to_an_empty_week_and_undone(window: MainWindow, store: Store) -> None:
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
    dates = week_dates(athlete, 4)
    assert _days(store, dates[0], dates[-1]) == []

    def fill(d: QDialog) -> None:
        assert isinstance(d, TemplateDialog)
        d.template.setCurrentIndex(0)  # the sample running week
        d.week.setValue(4)

    _drive(_tools(window), fill)
    _tools(window).apply_template_to_week()
    made = _days(store, dates[0], dates[-1])
    assert [d.session.kind.value for d in made] == [
        "easy",
        "strength",
        "walk",
        "moderate",
        "strength",
        "rest",
        "long",
        "walk",
    ]
    assert all(len(d.items) == 5 for d in made if d.session.kind is SessionKind.STRENGTH)
    assert window.week_number == 4  # the window follows the change
    window.undo_stack.undo()
    assert _days(store, dates[0], dates[-1]) == []


def test_save_session_as_routine_and_apply_it(window: MainWindow, store: Store) -> None:
    tools = _tools(window)
    _select_card(window, 3)  # Thursday's beginner session
    assert tools.act_save_session.isEnabled()
    names: list[str] = ["Thursday hips", "thursday HIPS"]

    def fill(d: QDialog) -> None:
        if isinstance(d, NameDialog):
            d.name.setText(names.pop(0))

    seen = _drive(tools, fill)
    first = tools.save_session_template()
    assert first is not None and first.kind == "session"
    assert tools.save_session_template() is None  # the same name again is refused…
    dialog = seen[-1]
    assert isinstance(dialog, NameDialog)
    assert "already a template called 'Thursday hips'" in dialog.field_error("Name")
    with store.transaction() as tx:
        assert [t.name for t in tx.templates("session") if not t.builtin] == ["Thursday hips"]

    def apply(d: QDialog) -> None:
        assert isinstance(d, TemplateDialog)
        d.template.setCurrentIndex(d.template.findText("Thursday hips  (yours)"))
        d.select_day(WED)

    _drive(tools, apply)
    tools.apply_template_to_day()
    wednesday = _days(store, WED, WED)[1]
    thursday = _days(store, WED + dt.timedelta(days=1), WED + dt.timedelta(days=1))[0]
    assert [(p.sets, p.amount, e.name) for p, e in wednesday.items] == [
        (p.sets, p.amount, e.name) for p, e in thursday.items
    ]


def test_save_week_as_plan(window: MainWindow, store: Store) -> None:
    def fill(d: QDialog) -> None:
        assert isinstance(d, NameDialog)
        d.name.setText("My base week")

    _drive(_tools(window), fill)
    saved = _tools(window).save_week_template()
    assert saved is not None
    with store.transaction() as tx:
        mine = [t for t in tx.templates("week") if t.name == "My base week"]
    assert len(mine) == 1
    sessions = [s for day in mine[0].payload["days"] for s in day["sessions"]]
    assert len(sessions) == 8 and sum(1 for s in sessions if s["kind"] == "strength") == 2


def _generator_fill(days: int = 2, weeks: int = 12) -> Callable[[QDialog], None]:
    def fill(d: QDialog) -> None:
        assert isinstance(d, GeneratorDialog)
        d.strength_days.setValue(days)
        d.weeks.setValue(weeks)

    return fill


def test_generate_block_replaces_when_told_and_undo_removes_it(
    window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    athlete = window.athlete
    assert athlete is not None
    dates = gen.block_dates(athlete, 12)
    before = _days(store, dates[0], dates[-1])
    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        return int(QMessageBox.StandardButton.No)  # replace them

    monkeypatch.setattr(QMessageBox, "exec", answer)
    _drive(_tools(window), _generator_fill())
    _tools(window).generate_block()
    assert len(asked) == 1 and "2 strength sessions you made, changed, did or logged" in asked[0]
    assert "replace 2 planned sessions with generated ones?" in asked[0]
    after = _days(store, dates[0], dates[-1])
    strength = [d for d in after if d.session.kind is SessionKind.STRENGTH]
    assert {week_number(athlete, d.session.date) for d in strength} == set(range(1, 13))
    assert len(strength) == 24 and all(d.session.source == "generator" for d in strength)
    assert "Generated 24 strength sessions" in window.statusBar().currentMessage()
    # the shown week's cards are the generated ones: ordinary cards
    cards = [d.session.title for day in calendar(window).model.week.days for d in day.sessions]  # type: ignore[union-attr]
    assert cards.count("Strength A · Foundation") == 1

    window.undo_stack.undo()
    assert _days(store, dates[0], dates[-1]) == before


def test_regenerate_asks_and_keeps_an_edited_session(
    window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    tools = _tools(window)
    replies = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        return int(replies.pop(0))

    monkeypatch.setattr(QMessageBox, "exec", answer)
    _drive(tools, _generator_fill())
    tools.generate_block()  # replaces the sample's own sessions
    athlete = window.athlete
    assert athlete is not None
    w5 = week_dates(athlete, 5)
    with store.transaction() as tx:
        target = next(
            s
            for s in tx.sessions_between(athlete.id or 0, w5[0], w5[-1])
            if s.kind is SessionKind.STRENGTH
        )
        tx.update_session(dataclasses.replace(target, title="My own tweak", edited=True))
    week5 = _days(store, w5[0], w5[-1])

    tools.generate_block()
    assert len(asked) == 2 and "My own tweak" in asked[1]
    assert _days(store, w5[0], w5[-1]) == week5  # kept exactly, week and all
    w6 = week_dates(athlete, 6)
    assert len([d for d in _days(store, w6[0], w6[-1]) if d.session.kind.value == "strength"]) == 2

    monkeypatch.setattr(QMessageBox, "exec", lambda box: int(QMessageBox.StandardButton.Cancel))
    depth = window.undo_stack.count()
    tools.generate_block()
    assert window.undo_stack.count() == depth and _days(store, w5[0], w5[-1]) == week5


def _log_counts(store: Store) -> tuple[int, int]:
    """Set logs and done sessions as the file holds them."""
    with store.sqlite_connection() as con:
        logs = con.execute("SELECT count(*) FROM set_logs").fetchone()[0]
        done = con.execute("SELECT count(*) FROM training_sessions WHERE done").fetchone()[0]
    return int(logs), int(done)


def test_replace_them_keeps_logged_history_and_says_so(
    window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    from runstrong_gui.domain.models import SetLog

    tools = _tools(window)
    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        return int(QMessageBox.StandardButton.No)  # "Replace them", every time

    monkeypatch.setattr(QMessageBox, "exec", answer)
    _drive(tools, _generator_fill())
    tools.generate_block()
    athlete = window.athlete
    assert athlete is not None
    dates = gen.block_dates(athlete, 12)
    # weeks 1 and 2 trained: one session done with its sets logged, one only logged
    strength = [d for d in _days(store, dates[0], dates[-1]) if d.session.kind.value == "strength"]
    done, logged = strength[0], strength[2]
    with store.transaction() as tx:
        tx.update_session(dataclasses.replace(done.session, done=True))
        for detail in (done, logged):
            for p, _e in detail.items:
                assert p.id is not None
                tx.replace_logs(
                    p.id,
                    [SetLog(p.id, n, p.amount, load_kg=p.load_kg) for n in range(1, p.sets + 1)],
                )
    logs, n_done = _log_counts(store)
    assert logs > 0 and n_done == 1
    before = _days(store, dates[0], dates[-1])

    tools.generate_block()
    assert len(asked) == 2
    assert (
        "Replace them: replace 22 planned sessions with generated ones? "
        "2 done, skipped or logged sessions are kept." in asked[1]
    )
    assert "(done)" in asked[1] and "(logged)" in asked[1]
    assert _log_counts(store) == (logs, 1)
    after = _days(store, dates[0], dates[-1])
    kept = {done.session.id, logged.session.id}
    assert [d for d in after if d.session.id in kept] == [d for d in before if d.session.id in kept]
    assert "Kept 2 done, skipped or logged sessions." in window.statusBar().currentMessage()

    window.undo_stack.undo()  # one step back: the replaced plan, exactly
    assert _days(store, dates[0], dates[-1]) == before
    assert _log_counts(store) == (logs, 1)


def test_generator_dialog_refuses_out_of_range_at_the_field(
    window: MainWindow, store: Store
) -> None:
    athlete = window.athlete
    assert athlete is not None
    dialog = GeneratorDialog(
        athlete, lambda o: gen.preview(store, athlete.id or 0, o, athlete.block_start), window
    )
    assert dialog.table.rowCount() == 15  # the sample's race is in week 15
    assert dialog.table.item(0, 2).text() == "Foundation"
    assert dialog.table.item(14, 2).text() == "Race"
    dialog.strength_days.setValue(5)
    dialog.accept()
    assert dialog.options is None and dialog.result() != QDialog.DialogCode.Accepted
    assert "must be from 1 to 3 (got 5)" in dialog.field_error("Strength days per week")
    dialog.refresh_preview()
    assert dialog.table.rowCount() == 0
    dialog.strength_days.setValue(3)
    dialog.weeks.setValue(40)
    dialog.accept()
    assert "must be from 1 to 16 (got 40)" in dialog.field_error("Weeks")
    assert dialog.field_error("Strength days per week") == ""
    dialog.weeks.setValue(12)
    dialog.refresh_preview()
    assert dialog.table.rowCount() == 12 and dialog.table.item(0, 4).text() == "36"
    dialog.accept()
    assert dialog.options is not None and dialog.options.strength_days == 3


def test_scale_week_to_sixty_percent_and_undo(window: MainWindow, store: Store) -> None:
    dates = [day.date for day in calendar(window).model.week.days]  # type: ignore[union-attr]
    before = _days(store, dates[0], dates[-1])
    sets_before = [p.sets for d in before for p, _e in d.items]
    assert sets_before == [2] * 10

    def refuse(d: QDialog) -> None:
        assert isinstance(d, ScaleDialog)
        d.spin.setValue(250)

    seen = _drive(_tools(window), refuse)
    _tools(window).scale_week()
    assert "must be from 10 to 200 %" in seen[0].field_error("Percentage")  # type: ignore[attr-defined]
    assert _days(store, dates[0], dates[-1]) == before

    def deload(d: QDialog) -> None:
        assert isinstance(d, ScaleDialog)
        d.spin.setValue(60)
        assert d.effect.text() == "20 sets now → 12 sets (60 % of now)"

    _drive(_tools(window), deload)
    _tools(window).scale_week()
    after = [p.sets for d in _days(store, dates[0], dates[-1]) for p, _e in d.items]
    assert sum(after) == 12 and min(after) == 1
    assert window.undo_stack.undoText() == "Scale week 1 strength to 60 %"
    window.undo_stack.undo()
    assert _days(store, dates[0], dates[-1]) == before


def test_jumps_only_after_week_twelve_and_only_with_the_athletes_opt_in(
    window: MainWindow, store: Store
) -> None:
    import dataclasses

    athlete = window.athlete
    assert athlete is not None and not athlete.plyometrics_ok
    lib = gen.exercises_by_id(store)

    def preview(a: Athlete) -> Callable[[GeneratorOptions], list[GeneratedSession]]:
        return lambda o: gen.preview(store, a.id or 0, o, a.block_start)

    dialog = GeneratorDialog(athlete, preview(athlete), window, lib)
    assert not dialog.plyometrics.isEnabled() and not dialog.plyometrics.isChecked()
    assert "not opted in" in dialog.plyo_note.text()

    # The sample's race is in week 15: weeks 13-14 are its peak, so no jumps at all.
    ready = save_athlete(window.queries.store, dataclasses.replace(athlete, plyometrics_ok=True))
    dialog = GeneratorDialog(ready, preview(ready), window, lib)
    assert dialog.plyometrics.isEnabled() and dialog.plyometrics.isChecked()
    assert "No jumps in these weeks" in dialog.plyo_note.text()
    assert not [
        i
        for s in gen.preview(store, ready.id or 0, dialog.build(), ready.block_start)
        for i in s.items
        if lib[i.exercise_key_or_id].group.value == "power"
    ]

    # Without the race, weeks 13-16 are Power weeks; the note names what is written.
    free = save_athlete(window.queries.store, dataclasses.replace(ready, goal_race_date=None))
    dialog = GeneratorDialog(free, preview(free), window, lib)
    dialog.weeks.setValue(16)
    dialog.refresh_preview()
    sessions = gen.preview(store, free.id or 0, dialog.build(), free.block_start)
    written = {
        f"{lib[i.exercise_key_or_id].name} {i.sets} × {i.amount}"
        for s in sessions
        for i in s.items
        if lib[i.exercise_key_or_id].group.value == "power"
    }
    jumps = {
        s.week
        for s in sessions
        if any(lib[i.exercise_key_or_id].group.value == "power" for i in s.items)
    }
    assert jumps and min(jumps) == 13
    note = dialog.plyo_note.text()
    assert note.startswith(f"Jumps in weeks 13–{max(jumps)}: "), note
    assert all(w in note for w in written), (written, note)
    assert "5–8" not in note  # a dose promised is a dose written


def test_the_preview_shows_each_weeks_sessions_as_written(window: MainWindow, store: Store) -> None:
    from runstrong_gui.ui.planning.generator_dialog import item_text

    athlete = window.athlete
    assert athlete is not None
    lib = gen.exercises_by_id(store)
    dialog = GeneratorDialog(
        athlete, lambda o: gen.preview(store, athlete.id or 0, o, athlete.block_start), window, lib
    )
    sessions = gen.preview(store, athlete.id or 0, dialog.build(), athlete.block_start)
    for week in (1, 14):
        dialog.table.setCurrentCell(week - 1, 0)
        text = dialog.details.text()
        assert text.startswith(f"Week {week}\n")
        for s in (s for s in sessions if s.week == week):
            for i in s.items:
                assert item_text(i, lib[i.exercise_key_or_id]) in text
    plank = [
        i for s in sessions for i in s.items if lib[i.exercise_key_or_id].name == "Front plank"
    ]
    if plank:
        assert item_text(plank[0], lib[plank[0].exercise_key_or_id]).endswith(" s")


def test_generating_starts_today_and_keeps_the_past(
    window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A block generated on Wednesday of week 3 writes nothing before that day, and the
    planned sessions of the days gone by are left as they were."""
    athlete = window.athlete
    assert athlete is not None
    first, last = athlete.block_start, athlete.block_start + dt.timedelta(weeks=15)
    before = [d for d in _days(store, first, last)]
    wednesday = athlete.block_start + dt.timedelta(weeks=2, days=2)
    tools = _tools(window)
    tools.today = lambda: wednesday
    # "Replace them": even so, the sample week (gone by) stays as it is.
    monkeypatch.setattr(QMessageBox, "exec", lambda box: int(QMessageBox.StandardButton.No))
    _drive(tools, _generator_fill(weeks=12))
    tools.generate_block()
    after = _days(store, first, last)
    new = [d for d in after if d.session.source == "generator"]
    assert new and min(d.session.date for d in new) >= wednesday
    assert [d for d in after if d.session.date < wednesday] == [
        d for d in before if d.session.date < wednesday
    ]


@pytest.mark.parametrize("locale_name", ["en_US", "de_DE"])
def test_a_decimal_percentage_is_refused_not_read_as_ten_times_more(
    qtbot,
    window: MainWindow,
    store: Store,
    locale_name: str,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtCore import QLocale

    dates = [day.date for day in window.shown_week.days]
    before = _days(store, dates[0], dates[-1])
    old = QLocale()
    QLocale.setDefault(QLocale(locale_name))
    try:

        def typed(d: QDialog) -> None:
            assert isinstance(d, ScaleDialog)
            d.spin.selectAll()
            qtbot.keyClicks(d.spin, "12,5" if locale_name == "en_US" else "12.5")

        seen = _drive(_tools(window), typed)
        _tools(window).scale_week()
    finally:
        QLocale.setDefault(old)
    assert "is not a whole number" in seen[0].field_error("Percentage")  # type: ignore[attr-defined]
    assert _days(store, dates[0], dates[-1]) == before


def test_name_dialog_takes_typing_and_clears_its_error_once_valid(
    qtbot,
    window: MainWindow,
    store: Store,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtCore import Qt as QtKeys

    from runstrong_gui.services import templates as tpl

    tpl.save_template(store, "Hips", tpl.SESSION, {"items": []})
    dialog = NameDialog(
        "Save session as a routine",
        "Beginner strength",
        lambda name: tpl.save_template(store, name, tpl.SESSION, {"items": []}),
        window,
        check=lambda name: tpl.check_template_name(store, name, tpl.SESSION),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.name and dialog.name.selectedText() == "Beginner strength"
    qtbot.keyClicks(dialog.focusWidget(), "hips")  # typing replaces the proposed name
    assert dialog.isVisible() and dialog.name.text() == "hips"
    qtbot.keyClick(dialog.focusWidget(), QtKeys.Key.Key_Return)
    assert dialog.isVisible() and "already a template called 'Hips'" in dialog.field_error("Name")
    error = dialog.errors["Name"]
    assert error.geometry().bottom() <= dialog.rect().bottom()  # the message fits
    assert dialog.height() >= dialog.sizeHint().height()
    qtbot.keyClicks(dialog.name, " and core")
    assert dialog.field_error("Name") == ""  # cleared as soon as the name is free
    qtbot.keyClick(dialog.name, QtKeys.Key.Key_Return)
    assert dialog.saved is not None and dialog.saved.name == "hips and core"


def test_your_templates_are_renamed_and_deleted_undoably(window: MainWindow, store: Store) -> None:
    from runstrong_gui.services import templates as tpl
    from runstrong_gui.ui.planning.template_manager import TemplatesDialog

    payload = {"items": [{"exercise": "glute_bridge", "sets": 2}]}
    hips = tpl.save_template(store, "Beginner strengthbeginner", tpl.SESSION, payload)
    tpl.save_template(store, "Core", tpl.SESSION, payload)

    def mine() -> dict[str, object]:
        with store.transaction() as tx:
            return {t.name: t for t in tx.templates() if not t.builtin}

    tools = _tools(window)

    def rename(d: QDialog) -> None:
        if isinstance(d, NameDialog):
            d.name.setText("Core")  # taken: refused at the field, nothing renamed
            d.accept()
            assert "already a template called 'Core'" in d.field_error("Name")
            d.name.setText("Hips")

    _drive(tools, rename)
    renamed = tools.rename_template(hips)
    assert renamed is not None and set(mine()) == {"Hips", "Core"}
    assert mine()["Hips"].payload == {**payload, "name": "Hips"}  # type: ignore[attr-defined]
    window.undo_stack.undo()
    assert mine()["Beginner strengthbeginner"] == hips
    window.undo_stack.redo()
    assert set(mine()) == {"Hips", "Core"}

    before = mine()["Hips"]
    assert tools.delete_template(before)  # type: ignore[arg-type]
    assert set(mine()) == {"Core"}
    assert window.act_undo.text() == "&Undo Delete template “Hips”"
    window.undo_stack.undo()
    assert mine()["Hips"] == before  # back as it was, id included
    window.undo_stack.redo()
    assert set(mine()) == {"Core"}

    def manage(d: QDialog) -> None:  # the Plan menu's list: Delete on the chosen one
        assert isinstance(d, TemplatesDialog)
        assert [d.list.item(i).text() for i in range(d.list.count())] == ["Core  (routine)"]
        d.delete_button.click()
        assert d.list.count() == 0 and not d.delete_button.isEnabled()

    _drive(tools, manage)
    tools.act_manage.trigger()
    assert mine() == {}

    with store.transaction() as tx:  # built-in templates are not the user's to change
        builtin = next(t for t in tx.templates() if t.builtin)
    with pytest.raises(Exception, match="built in"):
        tpl.delete_template(store, builtin.id or 0)


def test_every_undoable_action_is_one_kind_of_step_and_a_refused_undo_says_so(
    window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change to the plan and a template renamed sit on one undo stack as one step
    type; a template renamed again on another computer refuses the undo with its title."""
    from runstrong_gui.services import templates as tpl
    from runstrong_gui.ui.shell.undo import UndoStep

    payload = {"items": [{"exercise": "glute_bridge", "sets": 2}]}
    hips = tpl.save_template(store, "Hips", tpl.SESSION, payload)
    tools = _tools(window)
    from runstrong_gui.services.calendar import move_session

    week = calendar(window).model.week
    assert week is not None
    first = next(d.session for day in week.days for d in day.sessions)
    window.apply(move_session(first, first.date + dt.timedelta(days=1)))

    def rename(d: QDialog) -> None:
        if isinstance(d, NameDialog):
            d.name.setText("Hips and core")

    _drive(tools, rename)
    assert tools.rename_template(hips) is not None
    stack = window.undo_stack
    assert stack.count() == 2
    assert {type(stack.command(i)) for i in range(stack.count())} == {UndoStep}

    assert hips.id is not None
    tpl.rename_template(store, hips.id, "Glutes")  # another computer renames it since
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(window, "show_error", lambda title, text: said.append((title, text)))
    stack.undo()
    assert said == [
        (
            "Undo Rename template “Hips” to “Hips and core”",
            "Template: 'Hips and core' has changed since",
        )
    ]
    with store.transaction() as tx:
        assert [t.name for t in tx.templates() if not t.builtin] == ["Glutes"]
