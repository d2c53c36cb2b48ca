"""Live refresh on a clinic store: what another desktop saves shows here within a second.

The store's :class:`~runstrong_gui.storage.live.Subscription` listens on its own
connection; a :class:`QSocketNotifier` on that connection's socket wakes the event loop
when a notification arrives (no polling, no thread). Notifications are gathered for
:data:`GATHER_MS` and answered by one refresh through the signals the features already
follow after an undo (``plan_changed``), a restore (``reloaded``) or an edited athlete
(``athletes_changed``): each feature keeps what the user selected, and the undo stack is
left alone (an undo that would overwrite the other desktop's save is refused by the store).

A lost connection shows a banner, refuses every change through the shell's pause (a
change is never queued to be sent later) and reconnects with growing delays, off the
event loop; once back, everything shown is read again (what was missed meanwhile).
SQLite stores have nobody else to hear from: nothing is installed for them.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSocketNotifier, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFrame, QHBoxLayout, QLabel, QWidget

from runstrong_gui import logs
from runstrong_gui.storage import live
from runstrong_gui.ui.shell import theme
from runstrong_gui.ui.shell.writing import OFFLINE

if TYPE_CHECKING:
    from runstrong_gui.services.queries import Queries
    from runstrong_gui.ui.shell.main_window import MainWindow

GATHER_MS = 150  # one refresh for a burst (a generated block is many statements)
POLL_MS = 100  # how often a reconnection under way is looked at
LIBRARY = frozenset({"exercises", "templates"})
ATHLETES = frozenset({"athletes", "athlete_therapists"})
BANNER = (
    "<b>Lost the connection to the clinic server — reconnecting…</b> Nothing can be saved "
    "until it is back, and what is shown may be out of date."
)


class LiveBanner(QFrame):
    """The strip above the tabs while the clinic server cannot be reached."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("liveBanner")
        self.setAccessibleName("Connection status")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.setSpacing(10)
        icon = QLabel(self)
        size = self.fontMetrics().height() + 4
        warning = self.style().StandardPixmap.SP_MessageBoxWarning
        icon.setPixmap(self.style().standardIcon(warning).pixmap(size, size))
        self.text = QLabel(BANNER, self)
        self.text.setObjectName("liveBannerText")
        self.text.setWordWrap(True)
        layout.addWidget(icon)
        layout.addWidget(self.text, 1)
        theme.style(
            self,
            "#liveBanner {{ background: {lost}; border-bottom: 1px solid {lost_edge}; }}"
            "#liveBanner QLabel {{ color: {lost_ink}; }}",
        )
        self.hide()


class LiveRefresh(QObject):
    """Listens to the clinic store and refreshes the window; the banner when cut off."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("liveRefresh")
        self.window = window
        self.banner = LiveBanner(window)
        window.add_banner(self.banner)
        self.subscription: live.Subscription | None = None
        self.refreshes = 0  # refreshes made for other desktops' changes (tests, the log)
        self._engine: object = None
        self._notifier: QSocketNotifier | None = None
        self._touched: set[live.Touched] = set()
        self._gather = QTimer(self)
        self._gather.setSingleShot(True)
        self._gather.setInterval(GATHER_MS)
        self._gather.timeout.connect(self._refresh)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._reconnect)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check_reconnect)
        self._delays: Iterator[float] = live.delays()
        self._pool: ThreadPoolExecutor | None = None
        self._pending: Future[live.Subscription] | None = None
        self._closed = False
        window.installEventFilter(self)
        if window.has_store:
            self.attach(window.queries)
        else:
            window.store_opened.connect(self.attach)

    # -- connecting ----------------------------------------------------------------
    def attach(self, queries: Queries) -> None:
        """Listen to the window's store, before the window reads it (nothing is missed)."""
        engine = queries.store.engine
        if not live.listens(engine) or self._closed:
            return
        self._engine = engine
        try:
            self._listen(live.subscribe(engine))
        except live.ConnectionLost as exc:
            self._lost(exc)

    @property
    def connected(self) -> bool:
        return self.subscription is not None

    def _listen(self, subscription: live.Subscription) -> None:
        self.subscription = subscription
        notifier = self._notifier = QSocketNotifier(
            subscription.fileno(), QSocketNotifier.Type.Read, self
        )
        notifier.activated.connect(self._readable)
        # closed with the window even when it is deleted without a close event
        self.destroyed.connect(lambda *_: subscription.close())

    def _drop(self) -> None:
        """Forget the connection (it is closed): its socket is no longer watched."""
        if self._notifier is not None:
            self._notifier.setEnabled(False)  # a closed socket reads as ready forever
            self._notifier.deleteLater()
            self._notifier = None
        if self.subscription is not None:
            self.subscription.close()
            self.subscription = None

    def _lost(self, exc: Exception) -> None:
        logs.log.warning("lost the clinic server's notifications: %s", exc)
        self._drop()
        self.banner.show()
        self.window.writing.pause(OFFLINE)
        self._retry.start(int(next(self._delays) * 1000))

    def _reconnect(self) -> None:
        if self._closed or self._engine is None:
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="runstrong-live")
        # connecting may wait for an unreachable server: off the event loop
        self._pending = self._pool.submit(live.subscribe, self._engine)  # type: ignore[arg-type]
        self._poll.start()

    def _check_reconnect(self) -> None:
        pending = self._pending
        if pending is None or not pending.done():
            return
        self._poll.stop()
        self._pending = None
        try:
            subscription = pending.result()
        except live.ConnectionLost as exc:
            logs.log.info("the clinic server is still out of reach: %s", exc)
            self._retry.start(int(next(self._delays) * 1000))
            return
        if self._closed:
            subscription.close()
            return
        self._listen(subscription)
        self._delays = live.delays()
        logs.log.info("connected to the clinic server again")
        if self.window.writing.paused == OFFLINE:
            self.window.writing.resume()
        self.banner.hide()
        self._touched.clear()
        self._reload_everything()
        self.window.notify("Connected to the clinic server again.", 5000)

    # -- notifications -------------------------------------------------------------
    def _readable(self) -> None:
        if self.subscription is None:
            return
        try:
            touched = self.subscription.drain()
        except live.ConnectionLost as exc:
            self._lost(exc)
            return
        if touched:
            self._touched.update(touched)
            if not self._gather.isActive():  # not restarted: a steady stream still shows
                self._gather.start()

    def _busy(self) -> bool:
        """Is the user in the middle of something a redraw would break (typing in a
        table's cell, dragging)? Then the refresh waits for them."""
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            return True
        widget = QApplication.focusWidget()
        while widget is not None:
            if (
                isinstance(widget, QAbstractItemView)
                and widget.state() == QAbstractItemView.State.EditingState
            ):
                return True
            widget = widget.parentWidget()
        return False

    def _refresh(self) -> None:
        """One refresh for what was gathered, through the features' own signals."""
        if not self._touched or not self.window.has_store:
            return
        if self._busy():
            self._gather.start()
            return
        tables = {t.table for t in self._touched}
        self._touched.clear()
        self.refreshes += 1
        window = self.window
        shown = window.athlete.id if window.athlete is not None else None
        if tables & LIBRARY:
            window.reloaded.emit()  # the library, and the cards that name its exercises
        if tables & ATHLETES:
            window.athletes_changed.emit(shown)  # the switcher keeps the athlete and week
        if tables - LIBRARY - ATHLETES and not tables & LIBRARY:
            window.plan_changed.emit(None, None)  # as after an undo: read what is shown

    def _reload_everything(self) -> None:
        window = self.window
        if not window.has_store:
            return
        self.refreshes += 1
        window.reloaded.emit()
        window.athletes_changed.emit(window.athlete.id if window.athlete is not None else None)

    # -- closing -------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.close()
        return super().eventFilter(watched, event)

    def close(self) -> None:
        """Stop listening (the window closes); a reconnection under way is closed when done."""
        self._closed = True
        self._gather.stop()
        self._retry.stop()
        self._poll.stop()
        self._drop()
        if self._pending is not None:
            self._pending.add_done_callback(_close_result)
            self._pending = None
        if self._pool is not None:
            self._pool.shutdown(wait=False)
            self._pool = None


def _close_result(future: Future[live.Subscription]) -> None:
    if future.exception() is None:
        future.result().close()


def install(window: MainWindow) -> LiveRefresh:
    return LiveRefresh(window)
