"""Backups, restore and the read-only mode of the window.

- File ▸ Back up now and File ▸ Restore from backup…; a backup is also taken shortly
  after start (:func:`backup_at_start`) and, while there are changes, at most every
  :data:`~runstrong_gui.storage.backup.INTERVAL_MINUTES` minutes: the first committed
  write after a backup starts a single-shot timer.
- A read-only store, or one whose file was moved or deleted while open, puts the shell
  in read-only mode (every editing action off at once, ``shell.apply`` refusing), and a
  banner above the tabs says why.

The controller is installed before the window has a store and starts watching the store
when the window gets it.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from runstrong_gui import logs
from runstrong_gui.storage import backup
from runstrong_gui.storage.engine import StoreError
from runstrong_gui.ui.shell import theme

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from runstrong_gui.services.queries import Queries
    from runstrong_gui.storage.store import Store
    from runstrong_gui.ui.shell.main_window import MainWindow

BANNER_STYLES = {  # tokens of the theme: background, edge, text
    "read_only": ("read_only", "read_only_edge", "read_only_ink"),
    "lost": ("lost", "lost_edge", "lost_ink"),
}


class SafetyBanner(QFrame):
    """A strip above the tabs saying why nothing can be saved (hidden until needed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("safetyBanner")
        self.setAccessibleName("Store status")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.setSpacing(10)
        self.icon = QLabel(self)
        self.text = QLabel(self)
        self.text.setObjectName("safetyBannerText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self)
        self.button.setObjectName("safetyBannerButton")
        self.button.hide()
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_message(self, kind: str, html: str, button: str = "") -> None:
        back, border, ink = BANNER_STYLES[kind]
        back, border, ink = ("{" + token + "}" for token in (back, border, ink))  # fields
        theme.style(
            self,
            "#safetyBanner {{ background: " + back + "; border-bottom: 1px solid " + border + "; }}"
            "#safetyBanner QLabel {{ color: " + ink + "; }}",
        )
        size = self.fontMetrics().height() + 4
        standard = (
            self.style().StandardPixmap.SP_MessageBoxWarning
            if kind == "lost"
            else self.style().StandardPixmap.SP_MessageBoxInformation
        )
        self.icon.setPixmap(self.style().standardIcon(standard).pixmap(size, size))
        self.text.setText(html)
        self.button.setText(button)
        self.button.setVisible(bool(button))
        self.show()


class SafetyController(QObject):
    """Backups on a timer and on demand, restore, and the window's read-only mode."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("safetyController")
        self.window = window
        self.store: Store | None = None  # the window's, once it has one
        self.banner: SafetyBanner | None = None
        self.backed_up_generation = -1  # nothing backed up by this window yet
        self.last_backup: backup.BackupInfo | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(backup.INTERVAL_MINUTES * 60 * 1000)
        self.timer.timeout.connect(self.backup_if_changed)
        self._pool: ThreadPoolExecutor | None = None  # made for the first backup
        self.pending: tuple[Future[backup.BackupInfo], int] | None = None
        self._asked = False  # the pending backup is the user's own (Back up now): say failures
        self.poll = QTimer(self)  # the worker never touches Qt: its result is polled for
        self.poll.setInterval(50)
        self.poll.timeout.connect(self._check_pending)

        self.act_backup = QAction("&Back up now", window)
        self.act_backup.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.act_backup.setStatusTip("Make a verified copy of the store in its backups folder")
        self.act_restore = QAction("&Restore from backup…", window)
        self.act_restore.setStatusTip("Put an earlier backup in place of the store")
        window.writing.add_editing(self.act_restore)
        window.add_to_file_menu("store", self.act_backup, self.act_restore)
        self.act_backup.triggered.connect(self.backup_now)
        self.act_restore.triggered.connect(self.restore)
        self.act_backup.setEnabled(False)
        self.act_restore.setEnabled(False)

        self.status = QLabel(window)
        self.status.setObjectName("backupStatus")
        self.status.setContentsMargins(12, 0, 4, 0)
        window.add_status_widget(self.status)
        window.plan_changed.connect(lambda *_: self.note_change())
        if window.has_store:
            self.attach(window.queries)
        else:
            window.store_opened.connect(self.attach)

    @property
    def pool(self) -> ThreadPoolExecutor:
        """The backup worker (one thread), started with the first automatic backup."""
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            pool = self._pool = ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="runstrong-backup"
            )
            self.destroyed.connect(lambda *_: pool.shutdown(wait=True))
        return self._pool

    def attach(self, queries: Queries) -> None:
        """Start watching the window's store: its backups, its saves, its file."""
        store = self.store = queries.store
        has_file = store.path is not None
        self.act_backup.setEnabled(True)  # a clinic store's is pg_dump's (runstrong backup)
        self.act_restore.setEnabled(has_file)
        if store.path is not None:
            found = backup.list_backups(store.path)
            self.last_backup = found[0] if found else None
        else:
            from runstrong_gui.storage import server

            self.last_backup = server.latest_backup(store.url)
        self._show_status()
        if store.notice:  # e.g. a stray -wal set aside at open
            self.window.notify(store.notice, 60_000)

        listener = self._on_store_event
        store.add_listener(listener)
        self.destroyed.connect(lambda *_: store.remove_listener(listener))
        if store.read_only:
            self.enter_read_only(
                "read_only",
                "<b>Read-only.</b> This store cannot be changed here because "
                f"{_plain(store.read_only_reason)}. You can look through plans, logs and "
                "progress and print them; changes are switched off.",
            )

    # -- backups ------------------------------------------------------------------
    def note_change(self) -> None:
        """Something was saved: make sure a backup follows within the interval."""
        if not self.timer.isActive() and not self.window.read_only:
            self.timer.start()

    def _on_store_event(self, event: str) -> None:
        if event == "saved":
            self.note_change()
        elif event == "lost":
            self.enter_read_only(
                "lost",
                "<b>The store file was moved or deleted</b> (or cut short) while RunStrong "
                "was open, so nothing more can be saved to it. Keep a copy of what is shown with "
                "<i>Back up now</i>, then restart RunStrong.",
                button="Back up now",
            )

    def backup_if_changed(self) -> None:
        if self.store is not None and self.store.generation != self.backed_up_generation:
            self.take_backup_in_background()

    def take_backup(self, *, quiet: bool) -> backup.BackupInfo | None:
        """Back up now, here; failures go to the status bar when ``quiet``, else a dialog.

        Reads through the store's own connection, so it also rescues a store whose file
        was moved or deleted while open.
        """
        store = self.store
        if store is None:
            return None
        if store.path is None:
            self.dump_in_background()
            return None
        generation = store.generation
        try:
            with store.sqlite_connection() as con:
                info = backup.create_backup(con, store.path)
        except (backup.BackupError, StoreError, OSError) as exc:
            self._failed(str(exc), quiet)
            return None
        self._done(info, generation)
        return info

    def take_backup_in_background(self) -> bool:
        """The automatic backups: copied and verified off the GUI thread.

        A large store takes a good part of a second to copy and check; the window stays
        responsive meanwhile. The worker reads the file through a read-only connection
        of its own, so it only runs while the store's file is the one that was opened.
        """
        store = self.store
        if store is None or store.path is None:
            return False
        if self.pending is not None or not store.file_is_current():
            return False
        self.pending = (self.pool.submit(backup.backup_open_store, store.path), store.generation)
        self.poll.start()
        return True

    def dump_in_background(self) -> bool:
        """Back up a clinic store as ``runstrong backup`` does (a verified ``pg_dump`` in
        the data folder), off the event loop: a clinic's database takes a while to dump.
        Only when asked (Back up now): the clinic's server keeps its own backups."""
        store = self.store
        if store is None or store.path is not None or self.pending is not None:
            return False
        from runstrong_gui.storage import server

        url = store.engine.url.render_as_string(hide_password=False)
        self._asked = True
        self.pending = (self.pool.submit(server.back_up, url), store.generation)
        self.window.notify("Backing up the clinic store…", 60_000)
        self.poll.start()
        return True

    def _check_pending(self) -> None:
        if self.pending is None or not self.pending[0].done():
            return
        future, generation = self.pending
        self.pending = None
        self.poll.stop()
        asked, self._asked = self._asked, False
        try:
            info = future.result()
        except (backup.BackupError, StoreError, OSError) as exc:
            self._failed(str(exc), quiet=not asked)
            return
        self._done(info, generation)

    def wait_for_backup(self) -> None:
        """Let a running automatic backup finish (before the store is closed)."""
        if self.pending is not None:
            from concurrent.futures import wait

            wait([self.pending[0]])
            self._check_pending()

    def _failed(self, message: str, quiet: bool) -> None:
        logs.log.warning("backup failed: %s", message)  # our own words, no client data
        self.status.setText("Backup failed")
        self.status.setToolTip(message)
        self.window.notify(message, 15000)
        if not quiet:
            QMessageBox.warning(self.window, "Back up now", message)

    def _done(self, info: backup.BackupInfo, generation: int) -> None:
        logs.log.info("backup saved: %s", info.path)
        self.backed_up_generation = generation
        self.last_backup = info
        self._show_status()
        self.window.notify(f"Backup saved: {info.path.name}", 8000)

    def backup_now(self) -> backup.BackupInfo | None:
        return self.take_backup(quiet=False)

    def _show_status(self) -> None:
        if self.last_backup is None:
            self.status.setText("No backup yet")
            self.status.setToolTip("")
            return
        self.status.setText(f"Backed up {self.last_backup.label()}")
        self.status.setToolTip(str(self.last_backup.path))

    # -- restore -------------------------------------------------------------------
    def restore(self) -> bool:
        """Ask for a backup and put it in place of the store; True if it was restored."""
        if self.store is None or self.store.path is None or self.window.read_only:
            return False
        if self.window.refuse_while_paused("Restore from backup"):
            return False
        from runstrong_gui.ui.safety.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.store.path, self.window)
        if not dialog.exec() or dialog.chosen is None:
            return False
        return self.restore_file(dialog.chosen, confirm=True)

    def restore_file(self, chosen: Path, *, confirm: bool = True) -> bool:
        store = self.store
        assert store is not None and store.path is not None
        checked = backup.verify(chosen)
        if not checked.ok:
            self.window.show_error(
                "Restore from backup", f"That file cannot be restored. {checked.summary()}"
            )
            return False
        if confirm:
            answer = QMessageBox.question(
                self.window,
                "Restore from backup",
                f"Put the backup {chosen.name} ({checked.contents()}) in place of the "
                "current store?\n\nThe current store is kept in the backups folder, and "
                "the undo history is cleared.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        store.close()
        try:
            kept = backup.restore(chosen, store.path)
        except backup.BackupError as exc:
            self._reopen_or_fail()
            self.window.show_error("Restore from backup", str(exc))
            return False
        if not self._reopen_or_fail():
            return False
        self._after_restore(chosen, kept)
        return True

    def _reopen_or_fail(self) -> bool:
        assert self.store is not None
        try:
            self.store.reopen()
        except StoreError as exc:
            self.enter_read_only("lost", f"<b>The store cannot be opened again:</b> {exc}")
            return False
        return True

    def _after_restore(self, chosen: Path, kept: Path | None) -> None:
        logs.log.warning("backup %s restored; the replaced store kept as %s", chosen, kept)
        window = self.window
        window.undo_stack.clear()
        self.backed_up_generation = -1
        athlete = window.athlete
        window.reloaded.emit()
        window.athletes_changed.emit(athlete.id if athlete else None)
        where = f" The store it replaced was kept as {kept.name}." if kept else ""
        window.notify(f"Restored {chosen.name}.{where}", 15000)

    # -- read-only -----------------------------------------------------------------
    def enter_read_only(self, kind: str, html: str, button: str = "") -> None:
        logs.log.warning("the store is read-only here (%s)", kind)
        self.window.set_read_only()
        self.timer.stop()
        self._banner().show_message(kind, html, button)

    def _banner(self) -> SafetyBanner:
        """The banner, above the tabs (made the first time it is needed)."""
        if self.banner is None:
            self.banner = SafetyBanner(self.window)
            self.banner.button.clicked.connect(self.backup_now)
            self.window.add_banner(self.banner)
        return self.banner


def _plain(text: str) -> str:
    return escape(text, quote=False)


def controller(window: QWidget) -> SafetyController | None:
    return window.findChild(SafetyController, "safetyController")


def install(window: MainWindow) -> SafetyController:
    return SafetyController(window)


def backup_at_start(window: QWidget) -> bool:
    """Start the backup taken when the app starts (none for a read-only store)."""
    ctl = controller(window)
    if ctl is None or ctl.window.read_only:
        return False
    return ctl.take_backup_in_background()
