"""A store that cannot be opened as it is: damaged, not a store, or missing with its
backups still there.

Nothing is ever written to such a file and it is never replaced by a new empty store: a
copy of it is kept in the backups folder, and the user is offered the newest backup that
passes the full check (or, for a missing store, starting a new one there on an explicit
yes), or quits.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from runstrong_gui import logs
from runstrong_gui.paths import default_db_path
from runstrong_gui.storage import backup
from runstrong_gui.storage.engine import (
    DamagedStoreError,
    NotAStoreError,
    StoreError,
    store_path,
)
from runstrong_gui.storage.health import Health, State

if TYPE_CHECKING:
    from runstrong_gui.services.queries import Queries
    from runstrong_gui.storage.store import Store


def _esc(text: str) -> str:
    return escape(text, quote=False)


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


Ask = Callable[[Damage, QWidget | None], Path | None]
"""The backup to restore; for a missing store, its own path to start a new one; None: quit."""


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
    state = error.health.state.name if error.health else "DAMAGED"
    logs.log.warning("store %s refused (%s); copy kept: %s", path, state, kept or "none")
    chosen = ask(damage, parent)
    if chosen is None:
        logs.log.warning("the user declined to restore a backup")
        raise RecoveryDeclined(str(error))
    logs.log.warning("restoring backup %s", chosen.name)
    try:
        backup.restore(chosen, path, keep_old=kept is None)
    except backup.BackupError as exc:
        raise StoreError(f"{exc} The damaged store was left as it was.") from exc
    from runstrong_gui.storage.store import Store

    return Store.open(url)


def settle_missing_store(url: str, ask: Ask, parent: QWidget | None = None) -> bool:
    """A store path whose file is gone but whose backups folder holds backups of it: ask
    before anything is made there. False: the user chose to quit.

    Otherwise a new store with the sample athlete took its place without a word, and its
    own backups soon rotated the last real one out. The user restores the newest good
    backup (or another), starts a new store there on an explicit yes, or quits.
    """
    path = store_path(url)
    if path is None or os.path.lexists(path) or not backup.list_backups(path):
        return True
    error = NotAStoreError(
        f"There is no store at {path}, but its backups folder holds backups of one: the "
        "store file was moved or deleted.",
        Health(path, State.MISSING, ("there is no file there",)),
    )
    damage = Damage(path, error, None, "", backup.newest_good_backup(path))
    chosen = ask(damage, parent)
    if chosen is None:
        return False
    if chosen != path:
        try:
            backup.restore(chosen, path, keep_old=False)
        except backup.BackupError as exc:
            raise StoreError(f"{exc} No store was made.") from exc
    return True


def damage_message(damage: Damage) -> tuple[str, str]:
    """(headline, details in rich text) for the damaged-store dialog."""
    state = damage.error.health.state if damage.error.health else State.DAMAGED
    headline = (
        "RunStrong's store is damaged"
        if state is State.DAMAGED
        else "RunStrong's store is missing"
        if state is State.MISSING
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
    if state is State.MISSING:
        parts.append("Or start a new store there, with only the sample athlete; the backups stay.")
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
    if damage.error.health is not None and damage.error.health.state is State.MISSING:
        new = box.addButton("Start a new store", QMessageBox.ButtonRole.ActionRole)
        new.setObjectName("startNew")
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    quit_button.setObjectName("quit")
    box.setEscapeButton(quit_button)
    return box


def ask_with_dialog(damage: Damage, parent: QWidget | None = None) -> Path | None:
    from runstrong_gui.ui.safety.restore_dialog import RestoreDialog

    box = damage_box(damage, parent)
    box.exec()
    clicked = box.clickedButton()
    name = clicked.objectName() if clicked is not None else "quit"
    if name == "restoreNewest" and damage.good is not None:
        return damage.good[0].path
    if name == "startNew":
        return damage.path
    if name == "chooseBackup":
        dialog = RestoreDialog(damage.path, parent)
        if dialog.exec() and dialog.chosen is not None:
            return dialog.chosen
    return None


def open_planner(
    url: str,
    *,
    full_check: bool | None = None,
    ask: Ask | None = None,
    parent: QWidget | None = None,
) -> Queries:
    """Open the store, checked in full before anything else (offering a backup if it is
    damaged), and get it ready. The app itself opens in steps: see :func:`run_gui`."""
    from runstrong_gui.storage.store import Store

    if not settle_missing_store(url, ask or ask_with_dialog, parent):
        raise RecoveryDeclined(f"There is no store at {store_path(url)}.")
    try:
        store = Store.open(url, full_check=full_check)
    except NotAStoreError as exc:
        store = recover(url, exc, ask or ask_with_dialog, parent)
    return prepared(store)


def prepared(store: Store) -> Queries:
    """The queries over a checked store, after adding what is missing of the library."""
    from runstrong_gui.services.bootstrap import prepare_store
    from runstrong_gui.services.queries import Queries

    try:
        if not store.read_only:  # the library was seeded when the store was made
            prepare_store(store, demo=True)  # a first run shows a demo athlete
    except Exception:
        store.close()
        raise
    return Queries(store)
