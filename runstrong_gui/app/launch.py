"""Starting the GUI: one instance per store, the window first, then the store.

The order protects the store and puts the window on screen at once:

1. Take the store's lock (:mod:`~runstrong_gui.app.single_instance`). If another
   RunStrong has it, ask that one to come forward and quit: nothing is opened, nothing
   written. A lock left by a killed RunStrong is recovered, and the store then gets the
   full integrity check instead of the quick one.
2. Look at the store, reading only (:func:`~runstrong_gui.storage.engine.look_at_store`):
   a file that is empty, not SQLite, damaged in its header, someone else's or newer is
   refused before any window. A damaged store (or one that is empty or no longer SQLite)
   is never written and never replaced by a new empty one: a copy of it is kept in the
   backups folder, and the user is offered the newest backup that passes the full check.
   A store file that is gone while its backups folder holds backups is not made anew
   unasked: the user restores a backup, starts a new store there, or quits.
3. Build the main window, every tab, dock and menu, and show it with the remembered
   athlete's week in its first paint, read with ``sqlite3`` alone (storage/first_week.py)
   from a store the look found current and cleanly closed; otherwise the week comes in
   step 4. Nothing so far loads SQLAlchemy, so this costs little more than Qt's own start.
4. Once the window has painted, open the store and show the remembered athlete's week,
   then the library. The deep check (``quick_check``, or the full ``integrity_check``
   after an unclean shutdown, and ``foreign_key_check``) runs meanwhile on a read-only
   connection of its own; until it passes the window saves nothing (its status bar says
   "Checking the store…") and SQLite refuses writes as well. A store that fails it goes
   the way of step 2: a copy is kept, the newest good backup is offered, and the window
   opens again on the restored store, or RunStrong quits.
5. A store that cannot be written opens read-only; the window shows a banner.
6. The start-up backup is taken once the store passed and the window had time to settle.

A clinic store (File ▸ Connect to clinic…) is opened the way one named by
``RUNSTRONG_DB_URL`` is, and is remembered for the next start when neither ``--db`` nor
the variable names a store; if it cannot be reached then, the window says why and opens
the store on this computer instead.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from runstrong_gui import logs, tuning
from runstrong_gui.app import lifecycle
from runstrong_gui.app.qt_start import AfterFirstPaint, bring_forward, make_application
from runstrong_gui.app.recovery import (
    RecoveryDeclined,
    ask_with_dialog,
    prepared,
    recover,
    settle_missing_store,
)
from runstrong_gui.app.single_instance import SingleInstance
from runstrong_gui.storage.engine import (
    DeferredCheck,
    NotAStoreError,
    StoreError,
    StoreLook,
    connect_store,
    look_at_store,
    store_path,
)

if TYPE_CHECKING:
    from runstrong_gui.app.features import Installed
    from runstrong_gui.services.queries import Queries
    from runstrong_gui.ui.shell.main_window import MainWindow

START_BACKUP_DELAY_MS = 1500  # let the window settle before the first backup
CHECK_POLL_MS = 50  # how often the window looks whether the store's check is done
GC_RESUME_MS = 10_000  # see run_gui
# Timing start-up from outside (the bundle runs no probe of its own): with this set, the
# app prints "ready <time.monotonic()>" once the week is on screen, then quits.
READY_ENV = "RUNSTRONG_QUIT_WHEN_READY"


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


def run_gui(url: str, argv: Sequence[str], *, chosen: bool = True) -> int:
    """The app on ``url``; unless the command line ``chosen`` it, on the clinic store
    the user connected to last (with ``url`` to fall back on)."""
    app = make_application(argv)
    # the log, crash reports, private settings; SIGTERM and Ctrl+C quit as File > Quit
    end = lifecycle.begin(app)
    try:
        code = _run(app, url, chosen)
        logs.log.info("exit status %d", code)
        return code
    finally:
        end()


def _run(app: QApplication, url: str, chosen: bool = True) -> int:
    fallback = None
    if not chosen:
        from runstrong_gui.ui.clinic.connect_dialog import remembered_url

        clinic = remembered_url(QSettings())
        if clinic is not None:
            url, fallback = clinic, url
    # the cycle collector, paused for start-up, resumes when the window has loaded its
    # store; if that never happens (the store could not be opened), it resumes anyway
    QTimer.singleShot(GC_RESUME_MS, tuning.start_up_over)
    try:
        path = store_path(url)
    except StoreError as exc:
        QMessageBox.critical(None, "RunStrong cannot open the store", str(exc))
        return 2
    instance = SingleInstance(path) if path is not None else None
    if instance is not None and not instance.acquire(listen=False):
        logs.log.info("another RunStrong has the store: asking it to come forward")
        return _hand_over(instance)
    try:
        full = True if instance is not None and instance.recovered_stale else None
        if full:
            logs.log.warning("the last run did not end cleanly: full check of the store")
        return Launch(app, url, instance, full, fallback=fallback).run()
    finally:
        if instance is not None:
            instance.release()


class Launch(QObject):
    """One run of the app on one store: the window, then the store, then its check."""

    def __init__(
        self,
        app: QApplication,
        url: str,
        instance: SingleInstance | None = None,
        full_check: bool | None = None,
        *,
        fallback: str | None = None,
    ) -> None:
        super().__init__()
        self.app = app
        self.url = url
        self.fallback = fallback  # the store on this computer, if the clinic's fails
        self.instance = instance
        self.own_instance: SingleInstance | None = None  # taken here (see _fall_back)
        self.full_check = full_check
        self.window: MainWindow | None = None
        self.installed: Installed | None = None
        self.queries: Queries | None = None
        self.deferred: DeferredCheck | None = None
        self.checked = False  # the store passed its checks
        self.backup_due = False  # the start-up backup's delay is over
        self.backed_up = False
        self.poll = QTimer(self)
        self.poll.setInterval(CHECK_POLL_MS)
        self.poll.timeout.connect(self._poll_check)
        if instance is not None:
            instance.activation_requested.connect(self._bring_forward)

    def run(self) -> int:
        from runstrong_gui.app.features import build_window

        try:
            if not settle_missing_store(self.url, ask_with_dialog):
                return 2
        except StoreError as exc:
            QMessageBox.critical(None, "RunStrong cannot open the store", str(exc))
            return 2
        try:
            look = look_at_store(self.url, full_check=self.full_check, defer_check=True)
        except NotAStoreError as exc:  # refused before any window: recover as before
            try:
                queries = prepared(recover(self.url, exc, ask_with_dialog))
            except RecoveryDeclined:
                return 2
            except StoreError as error:
                QMessageBox.critical(None, "RunStrong cannot open the store", str(error))
                return 2
            self._show(*build_window(queries, QSettings()), queries)
            self._passed()
        except StoreError as exc:
            QMessageBox.critical(None, "RunStrong cannot open the store", str(exc))
            return 2
        else:
            window, installed = build_window(None, QSettings())
            self._show_first_week(look, window, installed)
            self._show(window, installed)
            AfterFirstPaint(window, lambda: self._open(look))
        try:
            return self.app.exec()
        finally:
            self._shut_down()

    # -- steps ---------------------------------------------------------------------------
    def _show(
        self, window: MainWindow, installed: Installed, queries: Queries | None = None
    ) -> None:
        self.window, self.installed, self.queries = window, installed, queries
        window.store_chosen.connect(self.switch)
        if queries is not None and self.instance is not None:
            self.instance.listen()
        window.show()
        QTimer.singleShot(START_BACKUP_DELAY_MS, self._backup_time)

    def _show_first_week(self, look: StoreLook, window: MainWindow, installed: Installed) -> None:
        """The remembered athlete's week in the first paint, read with ``sqlite3`` alone
        (storage/first_week.py) before SQLAlchemy loads and the store opens: what the user
        waits for comes first. Only for a store the first look found current and cleanly
        closed; its deep check is still to run, as for the store's own first read. The
        window saves nothing meanwhile (it waits for the store), and the store's read of
        the same week replaces this one in place. Anything unusual: the normal path."""
        from runstrong_gui.services.queries import first_week
        from runstrong_gui.storage.first_week import FirstWeekStore, NotForTheFastPath
        from runstrong_gui.ui.calendar.feature import CalendarController
        from runstrong_gui.ui.shell import view_state

        athlete_id = view_state.remembered_athlete(window.settings)
        if look.path is None or athlete_id is None or not look.defer or look.full:
            return
        if look.ignore_wal:  # a stray -wal a plain read would take in
            return
        try:
            week = first_week(
                FirstWeekStore(look.path), athlete_id, view_state.remembered_week(window.settings)
            )
        except (NotForTheFastPath, sqlite3.Error, ValueError) as exc:
            logs.log.info("the first week waits for the store: %s", exc)
            return
        installed.of(CalendarController).show_first_week(week)

    def _open(self, look: StoreLook) -> None:
        """The window is on screen: open the store and show its data."""
        from runstrong_gui.services.queries import Queries
        from runstrong_gui.storage.store import Store
        from runstrong_gui.ui.shell.main_window import CHECKING

        window = self.window
        assert window is not None
        try:
            opened = connect_store(look)
        except StoreError as exc:
            if self.fallback is not None:
                self._fall_back(str(exc))
            else:
                self._give_up(str(exc))
            return
        if self.instance is not None and not self.instance.claim_identity():
            opened.engine.dispose()  # a new store, made meanwhile by another path to it
            self._give_up(f"RunStrong is already open on {look.path} by another path to it.")
            return
        store = Store(opened.engine, opened)
        where = look.path or look.url.partition(":")[0]  # a server's URL may hold a password
        logs.log.info("store opened: %s%s", where, " (read-only)" if store.read_only else "")
        self.deferred = opened.deferred
        if self.deferred is None:
            try:
                self.queries = prepared(store)
            except StoreError as exc:
                self._give_up(str(exc))
                return
        else:
            window.writing.pause(CHECKING)
            self.queries = Queries(store)
            self.poll.start()
        try:
            window.set_queries(self.queries, rest_later=True)
            from runstrong_gui.ui.calendar.feature import CalendarController

            assert self.installed is not None
            week = self.installed.of(CalendarController).view
            AfterFirstPaint(week, self._finish_loading)  # the week first
        except StoreError as exc:  # a damaged page met before the check got to it
            self.poll.stop()
            deferred, self.deferred = self.deferred, None
            error: StoreError = exc
            if deferred is not None:
                deferred.wait()
                error = deferred.error() or exc
            self._failed(error)
            return
        if self.deferred is None:
            self._passed()

    def _finish_loading(self) -> None:
        """The week is on screen: the library, the rest of the menus, the listening."""
        if self.window is None or self.queries is None:
            return
        if os.environ.get(READY_ENV):
            import time

            print(f"ready {time.monotonic()}", flush=True)
            QTimer.singleShot(0, lambda: self._quit(0))
        if self.instance is not None:
            self.instance.listen()  # QtNetwork loads now
        try:
            self.window.finish_loading()
        except StoreError as exc:  # a damaged page: the check will say more
            self.window.statusBar().showMessage(f"The library could not be read: {exc}")
        finally:
            tuning.start_up_over()

    def _poll_check(self) -> None:
        deferred = self.deferred
        if deferred is None or not deferred.done():
            return
        self.poll.stop()
        self.deferred = None
        error = deferred.error()
        if error is not None:
            self._failed(error)
            return
        deferred.allow_writes()
        assert self.queries is not None and self.window is not None
        store = self.queries.store
        store.checked = deferred.result
        before = store.generation
        try:
            if not store.read_only:
                from runstrong_gui.services.bootstrap import prepare_store

                prepare_store(store, demo=True)  # a first run shows a demo athlete
        except StoreError as exc:
            self.window.statusBar().showMessage(f"The library could not be completed: {exc}")
        self.window.writing.resume()
        if store.generation != before:  # a newer RunStrong brought new exercises
            self.window.reloaded.emit()
        self._passed()

    def _passed(self) -> None:
        self.checked = True
        self._backup_time(due=False)

    def _backup_time(self, due: bool = True) -> None:
        from runstrong_gui.ui.safety import feature as safety_feature

        self.backup_due = self.backup_due or due
        if self.backup_due and self.checked and not self.backed_up and self.window is not None:
            self.backed_up = True
            safety_feature.backup_at_start(self.window)

    # -- a store that failed -------------------------------------------------------------
    def _failed(self, error: StoreError) -> None:
        """The check found the store unusable: nothing was written to it (its connections
        were query-only). Same road as a store refused at the first look."""
        from runstrong_gui.app.features import build_window

        window = self.window
        assert window is not None
        if self.queries is not None:
            self.queries.store.close()
            self.queries = None
        if not isinstance(error, NotAStoreError):
            self._give_up(str(error))
            return
        try:
            queries = prepared(recover(self.url, error, ask_with_dialog, window))
        except RecoveryDeclined:
            self._quit(2)
            return
        except StoreError as exc:
            self._give_up(str(exc))
            return
        self._show(*build_window(queries, QSettings()), queries)
        self.backed_up = False
        window.close()
        window.deleteLater()
        self._passed()

    def _fall_back(self, message: str) -> None:
        """The remembered clinic store failed at start: say why, open this computer's."""
        url, self.fallback = self.fallback, None
        assert url is not None and self.window is not None
        QMessageBox.warning(
            self.window,
            "The clinic store could not be opened",
            f"{message}\n\nRunStrong opens the store on this computer instead; "
            "File ▸ Connect to clinic… tries the clinic again.",
        )
        path = store_path(url)
        if path is not None:
            instance = SingleInstance(path)
            if not instance.acquire(listen=False):
                self._give_up(f"RunStrong is already open on {path} in another window.")
                return
            self.instance = self.own_instance = instance
        self.url = url
        try:
            look = look_at_store(url, defer_check=True)
        except StoreError as exc:
            self._give_up(str(exc))
            return
        self._open(look)

    def switch(self, url: str) -> bool:
        """Reopen the app on the store at ``url`` ("" for this computer's), as it opens one
        named by ``RUNSTRONG_DB_URL``; a store that cannot be opened leaves the window as
        it was, with the reason."""
        from runstrong_gui.app.features import build_window
        from runstrong_gui.paths import default_db_path
        from runstrong_gui.storage.engine import sqlite_url
        from runstrong_gui.storage.store import Store

        url = url or sqlite_url(default_db_path())
        if url == self.url:
            return True
        old, old_queries = self.window, self.queries
        path = store_path(url)
        lock = SingleInstance(path) if path is not None else None
        if lock is not None and not lock.acquire(listen=False):
            self._give_up_switch(f"RunStrong is already open on {path} in another window.")
            return False
        try:
            queries = prepared(Store.open(url))
        except StoreError as exc:
            if lock is not None:
                lock.release()
            self._give_up_switch(str(exc))
            return False
        if old is not None:
            old.save_view_state()
        if self.instance is not None:
            self.instance.release()  # a server store is shared: no lock of this computer's
        self.instance = self.own_instance = lock
        self.url = url
        self._show(*build_window(queries, QSettings()), queries)
        self.backed_up = path is None  # a server keeps its own backups (runstrong backup)
        if old is not None:
            old.close()
            old.deleteLater()
        if old_queries is not None:
            old_queries.store.close()
        logs.log.info("store opened: %s", url.partition(":")[0])
        return True

    def _give_up_switch(self, message: str) -> None:
        QMessageBox.warning(self.window, "RunStrong cannot open the store", message)

    def _give_up(self, message: str) -> None:
        QMessageBox.critical(self.window, "RunStrong cannot open the store", message)
        self._quit(2)

    def _quit(self, code: int) -> None:
        if self.window is not None:
            self.window.close()
        self.app.exit(code)

    # -- the rest --------------------------------------------------------------------------
    def _bring_forward(self) -> None:
        if self.window is not None:
            bring_forward(self.window)

    def _shut_down(self) -> None:
        """After the event loop: stop the check, let a backup finish, close the store."""
        from runstrong_gui.ui.safety import feature as safety_feature

        self.poll.stop()
        if self.deferred is not None:
            self.deferred.cancel()
        ctl = safety_feature.controller(self.window) if self.window is not None else None
        if ctl is not None:
            ctl.wait_for_backup()
        if self.queries is not None:
            self.queries.store.close()
            logs.log.info("store closed")
        if self.own_instance is not None:
            self.own_instance.release()
