"""Starting the GUI: one instance per store, the store, the main window.

The order protects the store:

1. Take the store's lock (:mod:`~runstrong_gui.ui.single_instance`). If another
   RunStrong has it, ask that one to come forward and quit: nothing is opened, nothing
   written. A lock left by a killed RunStrong is recovered, and the store then gets the
   full integrity check instead of the quick one.
2. Open the store. A damaged store (or one that is empty or no longer SQLite) is never
   written and never replaced by a new empty one: a copy of it is kept in the backups
   folder, and the user is offered the newest backup that passes the full check.
3. A store that cannot be written opens read-only; the window shows a banner.
4. Show the window, then take the start-up backup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from runstrong_gui import __version__
from runstrong_gui.paths import APP_NAME, default_db_path
from runstrong_gui.services.bootstrap import prepare_store
from runstrong_gui.services.planner import Planner
from runstrong_gui.storage import backup
from runstrong_gui.storage.engine import DamagedStoreError, NotAStoreError, StoreError, store_path
from runstrong_gui.storage.health import Health, State
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.single_instance import SingleInstance

if TYPE_CHECKING:
    from runstrong_gui.ui.main_window import MainWindow

ORGANISATION = "RunStrong"
START_BACKUP_DELAY_MS = 1500  # let the window paint before the first backup


class RecoveryDeclined(StoreError):
    """The user chose not to restore a damaged store (the dialog already explained)."""


@dataclass(frozen=True)
class Damage:
    """What the damaged-store dialog shows."""

    path: Path
    error: NotAStoreError
    kept: Path | None  # the copy of the damaged file, in the backups folder
    kept_error: str  # why no copy could be kept
    good: tuple[backup.BackupInfo, Health] | None  # the newest backup that passes


Ask = Callable[[Damage, QWidget | None], Path | None]  # the backup to restore, or None


def make_application(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QApplication.setOrganizationName(ORGANISATION)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    app = QApplication(list(argv))
    app.setStyle("Fusion")
    return app


def open_planner(
    url: str,
    *,
    full_check: bool | None = None,
    ask: Ask | None = None,
    parent: QWidget | None = None,
) -> Planner:
    """Open the store (offering a backup if it is damaged) and get it ready."""
    try:
        store = Store.open(url, full_check=full_check)
    except NotAStoreError as exc:
        store = recover(url, exc, ask or ask_with_dialog, parent)
    try:
        if not store.read_only:  # the library was seeded when the store was made
            prepare_store(store)
    except Exception:
        store.close()
        raise
    return Planner(store)


def _worth_recovering(path: Path, error: NotAStoreError) -> bool:
    """A damaged store always; an empty or foreign file only if it was once our store.

    ``--db`` pointed at somebody's text file must not grow a backups folder beside it.
    """
    if isinstance(error, DamagedStoreError):
        return True
    return bool(backup.list_backups(path)) or path.resolve() == default_db_path().resolve()


def recover(url: str, error: NotAStoreError, ask: Ask, parent: QWidget | None = None) -> Store:
    """Keep a copy of the damaged store, offer the newest good backup, restore if asked."""
    path = store_path(url)
    if path is None or not path.is_file() or not _worth_recovering(path, error):
        raise error
    kept, kept_error = None, ""
    if error.health is None or error.health.state is not State.EMPTY:
        try:
            kept = backup.keep_copy(path, backup.DAMAGED)
        except backup.BackupError as exc:
            kept_error = str(exc)
    damage = Damage(path, error, kept, kept_error, backup.newest_good_backup(path))
    chosen = ask(damage, parent)
    if chosen is None:
        raise RecoveryDeclined(str(error))
    try:
        backup.restore(chosen, path, keep_old=kept is None)
    except backup.BackupError as exc:
        raise StoreError(f"{exc} The damaged store was left as it was.") from exc
    return Store.open(url)


def damage_message(damage: Damage) -> tuple[str, str]:
    """(headline, details in rich text) for the damaged-store dialog."""
    state = damage.error.health.state if damage.error.health else State.DAMAGED
    headline = (
        "RunStrong's store is damaged"
        if state is State.DAMAGED
        else "RunStrong cannot read its store"
    )
    parts = [_esc(str(damage.error))]
    if damage.kept is not None:
        kept = _esc(str(damage.kept))
        parts.append(f"A copy of the file as it is now was kept:<br><i>{kept}</i>")
    elif damage.kept_error:
        parts.append(_esc(damage.kept_error))
    if damage.good is not None:
        info, checked = damage.good
        parts.append(
            f"The newest good backup is from <b>{info.label()}</b> ({checked.contents()}). "
            "Restoring it puts the store back as it was then; what was entered after that "
            "is not in it."
        )
    else:
        folder = backup.backup_dir(damage.path)
        parts.append(f"No good backup of this store was found in <i>{_esc(str(folder))}</i>.")
    return headline, "<br><br>".join(parts)


def damage_box(damage: Damage, parent: QWidget | None = None) -> QMessageBox:
    """The dialog: restore the newest good backup, choose another, or quit."""
    headline, details = damage_message(damage)
    box = QMessageBox(parent)
    box.setObjectName("damagedStoreDialog")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("RunStrong: store problem")
    box.setText(f"<b>{headline}</b>")
    box.setInformativeText(details)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 440px; }")
    if damage.good is not None:
        restore = box.addButton("Restore this backup", QMessageBox.ButtonRole.AcceptRole)
        restore.setObjectName("restoreNewest")
        box.setDefaultButton(restore)
    other = box.addButton("Choose a backup…", QMessageBox.ButtonRole.ActionRole)
    other.setObjectName("chooseBackup")
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    quit_button.setObjectName("quit")
    box.setEscapeButton(quit_button)
    return box


def ask_with_dialog(damage: Damage, parent: QWidget | None = None) -> Path | None:
    from runstrong_gui.ui.safety_feature import RestoreDialog

    box = damage_box(damage, parent)
    box.exec()
    clicked = box.clickedButton()
    name = clicked.objectName() if clicked is not None else "quit"
    if name == "restoreNewest" and damage.good is not None:
        return damage.good[0].path
    if name == "chooseBackup":
        dialog = RestoreDialog(damage.path, parent)
        if dialog.exec() and dialog.chosen is not None:
            return dialog.chosen
    return None


def bring_forward(window: QWidget) -> None:
    """Show the window on top: a second start on this store asked for it."""
    state = window.windowState() & ~Qt.WindowState.WindowMinimized
    window.setWindowState(state | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()
    status = getattr(window, "statusBar", None)
    if status is not None:
        status().showMessage("RunStrong was started again on this store: use this window.", 8000)


def _hand_over(instance: SingleInstance) -> int:
    """Another RunStrong has the store: bring it forward, or say why nothing happens."""
    if instance.ask_owner_to_show():
        return 0
    pid = instance.owner_pid()
    who = f" (process {pid})" if pid else ""
    QMessageBox.information(
        None,
        "RunStrong is already open",
        f"RunStrong is already open on {instance.store_path}{who} but did not answer. "
        "Switch to that window, or close it and start RunStrong again.",
    )
    return 1


def run_gui(url: str, argv: Sequence[str]) -> int:
    from runstrong_gui.ui import safety_feature
    from runstrong_gui.ui.main_window import MainWindow

    app = make_application(argv)
    try:
        path = store_path(url)
    except StoreError as exc:
        QMessageBox.critical(None, "RunStrong cannot open the store", str(exc))
        return 2
    instance = SingleInstance(path) if path is not None else None
    if instance is not None and not instance.acquire():
        return _hand_over(instance)
    try:
        full = True if instance is not None and instance.recovered_stale else None
        try:
            planner = open_planner(url, full_check=full)
        except RecoveryDeclined:
            return 2
        except StoreError as exc:
            QMessageBox.critical(None, "RunStrong cannot open the store", str(exc))
            return 2
        window: MainWindow = MainWindow(planner, QSettings())
        if safety_feature.controller(window) is None:
            safety_feature.install(window)
        if instance is not None:
            instance.activation_requested.connect(lambda: bring_forward(window))
        window.show()
        QTimer.singleShot(START_BACKUP_DELAY_MS, lambda: safety_feature.backup_at_start(window))
        try:
            return app.exec()
        finally:
            ctl = safety_feature.controller(window)
            if ctl is not None:
                ctl.wait_for_backup()
            planner.store.close()
    finally:
        if instance is not None:
            instance.release()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
