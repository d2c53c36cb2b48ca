"""The Plan menu: templates, the 12-week block generator, whole-week scaling and fitting
strength around the runs already planned.

Every plan change goes through ``window.apply`` (one transaction, one undo step);
saving a template adds a template and leaves the plan alone. Dialogs are run through
:meth:`PlanTools.run_dialog`, the one place a test replaces to drive them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QMessageBox,
)

from runstrong_gui.domain.dates import short_day
from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Session
from runstrong_gui.domain.progression import block_weeks, week_dates, week_number
from runstrong_gui.services import templates as tpl
from runstrong_gui.services.changes import Command
from runstrong_gui.storage.engine import StoreError

if TYPE_CHECKING:
    from runstrong_gui.domain.models import SessionDetail, Template
    from runstrong_gui.services.generate import BlockSessions
    from runstrong_gui.storage.store import Store
    from runstrong_gui.ui.shell.main_window import MainWindow


# --- helpers ------------------------------------------------------------------------


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _with_status(s: Session, block: BlockSessions) -> str:
    """A session's title, with what makes it history when it is."""
    if s not in block.history:
        return s.display_title
    status = "done" if s.done else "skipped" if s.skipped else "logged"
    return f"{s.display_title} ({status})"


def _fit() -> ModuleType:
    """Fitting strength around runs (it needs the generator), loaded when first used."""
    from runstrong_gui.services import fit

    return fit


def _gen() -> ModuleType:
    """The block generator, loaded when first used rather than with the window."""
    from runstrong_gui.services import generate

    return generate


# --- the feature --------------------------------------------------------------------


class PlanTools(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        # The date the generator counts as today (nothing is planned before it unless
        # asked); a seam so tests of a block in the past can set the clock.
        self.today: Callable[[], dt.date] = dt.date.today
        self.menu = window.menu("plan")  # the window's frame has it, before Help
        self.act_template_day = QAction("Apply &routine to a day…", self)
        self.act_template_week = QAction("Apply &week plan…", self)
        self.act_save_session = QAction("Save session as &routine…", self)
        self.act_save_week = QAction("Save week as week &plan…", self)
        self.act_manage = QAction("Your &templates (rename, delete)…", self)
        self.act_generate = QAction("&Generate 12-week block…", self)
        self.act_generate.setShortcut(QKeySequence("Ctrl+G"))
        self.act_scale = QAction("&Scale this week's strength volume…", self)
        self.act_fit = QAction("&Fit strength around runs…", self)
        # Named, so a feature that brings runs in (a calendar import) can offer it.
        self.act_fit.setObjectName("fitStrengthAction")
        for act in (self.act_template_day, self.act_template_week):
            self.menu.addAction(act)
        self.menu.addSeparator()
        for act in (self.act_save_session, self.act_save_week, self.act_manage):
            self.menu.addAction(act)
        self.menu.addSeparator()
        self.menu.addAction(self.act_generate)
        self.menu.addAction(self.act_scale)
        self.menu.addAction(self.act_fit)

        self.act_template_day.triggered.connect(self.apply_template_to_day)
        self.act_template_week.triggered.connect(self.apply_template_to_week)
        self.act_save_session.triggered.connect(self.save_session_template)
        self.act_save_week.triggered.connect(self.save_week_template)
        self.act_manage.triggered.connect(self.manage_templates)
        self.act_generate.triggered.connect(self.generate_block)
        self.act_scale.triggered.connect(self.scale_week)
        self.act_fit.triggered.connect(self.fit_strength)
        window.writing.add_editing(*self.menu.actions())
        window.read_only_changed.connect(lambda on: self.menu.setEnabled(not on))
        self.menu.setEnabled(not window.read_only)
        window.session_selected.connect(self._update_actions)
        window.athlete_changed.connect(lambda _a: self._update_actions(None))
        self._update_actions(window.selected_session)

    # -- helpers -------------------------------------------------------------------
    def run_dialog(self, dialog: QDialog) -> bool:
        """Show a dialog modally; True when the user confirmed it."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _update_actions(self, detail: SessionDetail | None) -> None:
        has_athlete = self.window.athlete is not None
        for act in (
            self.act_template_day,
            self.act_template_week,
            self.act_save_week,
            self.act_generate,
            self.act_scale,
            self.act_fit,
        ):
            act.setEnabled(has_athlete)
        strength = detail is not None and detail.session.kind is SessionKind.STRENGTH
        self.act_save_session.setEnabled(has_athlete and strength)

    def _store(self) -> Store:
        return self.window.queries.store

    def _details(self) -> list[SessionDetail]:
        week = self.window.shown_week
        return [d for day in week.days for d in day.sessions] if week else []

    def _dates(self) -> list[dt.date]:
        week = self.window.shown_week
        return [day.date for day in week.days] if week else []

    def selected_detail(self) -> SessionDetail | None:
        selected = self.window.selected_session
        sid = selected.session.id if selected is not None else None
        return next((d for d in self._details() if d.session.id == sid), None)

    def _templates(self, kind: str) -> list[Template] | None:
        try:
            found = tpl.templates(self._store(), kind)
        except StoreError as exc:
            self.window.show_error("Templates", str(exc))
            return None
        if not found:
            self.window.show_error("Templates", "There are no templates of this kind yet.")
            return None
        return found

    # -- templates -----------------------------------------------------------------
    def apply_template_to_day(self) -> None:
        athlete = self.window.athlete
        dates = self._dates()
        found = self._templates(tpl.SESSION) if athlete and dates else None
        if athlete is None or not found:
            return
        selected = self.selected_detail()
        today = dt.date.today()
        day = selected.session.date if selected else today if today in dates else dates[0]
        from runstrong_gui.ui.planning.dialogs import TemplateDialog

        dialog = TemplateDialog(tpl.SESSION, found, dates, day, parent=self.window)
        if not self.run_dialog(dialog) or dialog.choice is None:
            return
        template, chosen = dialog.choice
        self.window.apply(
            Command(
                f"Apply “{template.name}”",
                tuple([chosen]),
                tpl.apply_routine_to_day(athlete, template.payload, chosen),
            )
        )

    def apply_template_to_week(self) -> None:
        athlete = self.window.athlete
        found = self._templates(tpl.WEEK) if athlete else None
        if athlete is None or not found:
            return
        from runstrong_gui.ui.planning.dialogs import TemplateDialog

        dialog = TemplateDialog(tpl.WEEK, found, week=self.window.week_number, parent=self.window)
        if not self.run_dialog(dialog) or dialog.choice is None:
            return
        template, week = dialog.choice
        days = week_dates(athlete, week)
        change = self.window.apply(
            Command(
                f"Apply “{template.name}” to week {week}",
                tuple(days),
                tpl.apply_week_to_days(
                    athlete, template.payload, days[0], dialog.replace.isChecked()
                ),
            )
        )
        if change is not None and week != self.window.week_number:
            self.window.show_week(week)

    def save_session_template(self) -> Template | None:
        detail = self.selected_detail()
        if detail is None or detail.session.kind is not SessionKind.STRENGTH:
            self.window.show_error("Save routine", "Select a strength session first.")
            return None
        if not detail.items:
            self.window.show_error("Save routine", "This session has no exercises to save.")
            return None
        store = self._store()
        from runstrong_gui.ui.planning.dialogs import NameDialog

        dialog = NameDialog(
            "Save session as a routine",
            detail.session.display_title,
            lambda name: tpl.save_template(
                store, name, tpl.SESSION, tpl.session_payload(name, detail)
            ),
            self.window,
            check=lambda name: tpl.check_template_name(store, name, tpl.SESSION),
        )
        if not self.run_dialog(dialog) or dialog.saved is None:
            return None
        self.window.notify(f"Saved the routine “{dialog.saved.name}”.", 5000)
        return dialog.saved

    def save_week_template(self) -> Template | None:
        details, dates = self._details(), self._dates()
        if not details:
            self.window.show_error("Save week plan", "This week has no sessions to save.")
            return None
        store = self._store()
        from runstrong_gui.ui.planning.dialogs import NameDialog

        dialog = NameDialog(
            "Save week as a week plan",
            f"Week {self.window.week_number} plan",
            lambda name: tpl.save_template(
                store, name, tpl.WEEK, tpl.week_payload(name, dates[0], details)
            ),
            self.window,
            check=lambda name: tpl.check_template_name(store, name, tpl.WEEK),
        )
        if not self.run_dialog(dialog) or dialog.saved is None:
            return None
        self.window.notify(f"Saved the week plan “{dialog.saved.name}”.", 5000)
        return dialog.saved

    # -- your templates --------------------------------------------------------------
    def user_templates(self) -> list[Template]:
        with self._store().transaction() as tx:
            return [t for t in tx.templates() if not t.builtin]

    def manage_templates(self) -> None:
        from runstrong_gui.ui.planning.template_manager import TemplatesDialog

        dialog = TemplatesDialog(
            self.user_templates, self.rename_template, self.delete_template, self.window
        )
        self.run_dialog(dialog)

    def _push(self, label: str, undo: Callable[[], object], redo: Callable[[], object]) -> None:
        from runstrong_gui.ui.shell.undo import UndoStep

        def refused(title: str, exc: Exception) -> None:
            self.window.show_error(title, str(exc))

        self.window.undo_stack.push(UndoStep(label, undo, redo, refused))

    def rename_template(self, template: Template) -> Template | None:
        """Rename one of the user's templates: one undo step."""
        if template.id is None or self.window.refuse_while_paused("Rename template"):
            return None
        store, tid = self._store(), template.id
        was: list[Template] = []

        def save(name: str) -> Template:
            before, after = tpl.rename_template(store, tid, name)
            was.append(before)
            return after

        from runstrong_gui.ui.planning.dialogs import NameDialog

        dialog = NameDialog(
            "Rename template",
            template.name,
            save,
            self.window,
            check=lambda name: tpl.check_template_name(store, name, template.kind, tid),
        )
        if not self.run_dialog(dialog) or dialog.saved is None:
            return None
        before, after = was[-1], dialog.saved
        self._push(
            f"Rename template “{before.name}” to “{after.name}”",
            lambda: tpl.put_template(store, before, replacing=after.name),
            lambda: tpl.put_template(store, after, replacing=before.name),
        )
        self.window.notify(f"Renamed “{before.name}” to “{after.name}”.", 5000)
        return after

    def delete_template(self, template: Template) -> bool:
        """Delete one of the user's templates: one undo step brings it back as it was."""
        if template.id is None or self.window.refuse_while_paused("Delete template"):
            return False
        store = self._store()
        try:
            gone = tpl.delete_template(store, template.id)
        except (ValidationError, StoreError) as exc:
            self.window.show_error("Delete template", str(exc))
            return False
        kept = [gone]  # the id it has now: undo may have to give it a new one

        def undo() -> None:
            kept[0] = tpl.put_template(store, kept[0])

        def redo() -> None:
            if kept[0].id is not None:
                tpl.remove_template(store, kept[0].id)

        self._push(f"Delete template “{gone.name}”", undo, redo)
        self.window.notify(
            f"Deleted the template “{gone.name}” (Edit ▸ Undo brings it back).", 5000
        )
        return True

    # -- generator -----------------------------------------------------------------
    def ask_keep(self, block: BlockSessions) -> bool | None:
        """Keep (True) or replace (False) the user's sessions; None to cancel.

        The question counts what each answer does: done, skipped and logged sessions
        are kept whatever the answer, so the user never trades history for a plan.
        """
        users = block.users
        listed = "\n".join(f"• {short_day(s.date)}: {_with_status(s, block)}" for s in users[:6])
        more = f"\n…and {len(users) - 6} more" if len(users) > 6 else ""
        replaced, kept = len(block.replaced), len(block.history)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Your sessions in the block",
            f"The block already holds {_count(len(users), 'strength session')} you made, "
            f"changed, did or logged:\n\n{listed}{more}\n\n"
            "Keep mine: the weeks holding them stay exactly as they are.\n"
            f"Replace them: replace {_count(replaced, 'planned session')} with generated "
            f"ones? {_count(kept, 'done, skipped or logged session')} "
            f"{'is' if kept == 1 else 'are'} kept.\n\n"
            "Either way, Undo brings back what was there.",
            QMessageBox.StandardButton.Yes
            | QMessageBox.StandardButton.No
            | QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.button(QMessageBox.StandardButton.Yes).setText("Keep mine")
        box.button(QMessageBox.StandardButton.No).setText("Replace them")
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        answer = QMessageBox.StandardButton(int(box.exec()))
        if answer == QMessageBox.StandardButton.Yes:
            return True
        if answer == QMessageBox.StandardButton.No:
            return False
        return None

    def generate_block(self) -> None:
        athlete = self.window.athlete
        if athlete is None or athlete.id is None:
            return
        store, athlete_id = self._store(), athlete.id
        from runstrong_gui.ui.planning.generator_dialog import GeneratorDialog

        today = self.today()
        dialog = GeneratorDialog(
            athlete,
            lambda options: _gen().preview(store, athlete_id, options, today),
            self.window,
            _gen().exercises_by_id(store),
        )
        if not self.run_dialog(dialog) or dialog.options is None:
            return
        options = dialog.options
        try:
            block = _gen().block_sessions(store, athlete_id, options.weeks)
        except StoreError as exc:
            self.window.show_error("Generate block", str(exc))
            return
        keep = False
        if block.users:
            answer = self.ask_keep(block)
            if answer is None:
                return
            keep = answer
        change = self.window.apply(
            Command(
                f"Generate a {options.weeks}-week block",
                tuple(_gen().block_dates(athlete, options.weeks)),
                _gen().generate_action(athlete_id, options, keep, today),
            )
        )
        if change is not None:
            n = len(change.outcome.created)
            kept = (
                ""
                if keep or not block.history
                else f" Kept {_count(len(block.history), 'done, skipped or logged session')}."
            )
            self.window.notify(
                f"Generated {n} strength sessions over {options.weeks} weeks.{kept}", 8000
            )

    # -- scaling -------------------------------------------------------------------
    def scale_week(self) -> None:
        athlete = self.window.athlete
        dates = self._dates()
        if athlete is None or athlete.id is None or not dates:
            return
        details = self._details()
        if not any(d.session.kind is SessionKind.STRENGTH and d.items for d in details):
            self.window.show_error("Scale week", "This week has no strength exercises to scale.")
            return
        week = self.window.week_number
        from runstrong_gui.ui.planning.dialogs import ScaleDialog

        dialog = ScaleDialog(week, details, self.window)
        if not self.run_dialog(dialog) or dialog.percent is None:
            return
        self.window.apply(
            Command(
                f"Scale week {week} strength to {dialog.percent} %",
                tuple(dates),
                _gen().scale_week_action(athlete.id, dates, dialog.percent),
            )
        )

    # -- fitting strength around runs ------------------------------------------------
    def fit_ranges(self) -> list[tuple[str, dt.date, dt.date]]:
        """The shown week and the rest of the block, from today (the past stays as it is)."""
        athlete, dates = self.window.athlete, self._dates()
        if athlete is None or not dates:
            return []
        first = max(dates[0], self.today())
        if first > dates[-1]:
            return []
        week = self.window.week_number
        out = [(f"Week {week}", first, dates[-1])]
        last_week = block_weeks(athlete)
        end = min(
            week_dates(athlete, last_week)[-1], first + dt.timedelta(days=_fit().MAX_DAYS - 1)
        )
        if end > dates[-1]:
            out.append((f"Weeks {week}–{week_number(athlete, end)}", first, end))
        return out

    def fit_strength(self) -> None:
        athlete = self.window.athlete
        if athlete is None or athlete.id is None:
            return
        ranges = self.fit_ranges()
        if not ranges:
            self.window.show_error(
                "Fit strength", "This week is over: fitting moves only what is still to come."
            )
            return
        from runstrong_gui.ui.planning.fit_dialog import FitDialog, summary

        store, athlete_id = self._store(), athlete.id
        dialog = FitDialog(
            ranges,
            lambda first, last: _fit().fit_preview(store, athlete_id, first, last),
            self.window,
        )
        if not self.run_dialog(dialog) or dialog.choice is None or dialog.current is None:
            return
        first, last = dialog.choice
        change = self.window.apply(
            Command(
                "Fit strength around runs",
                _fit().fit_days(first, last),
                _fit().fit_action(athlete_id, first, last),
            )
        )
        if change is not None:
            self.window.notify(summary(dialog.current), 8000)


def install(window: MainWindow) -> PlanTools:
    return PlanTools(window)
