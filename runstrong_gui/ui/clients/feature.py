"""The Clients tab: every athlete at a glance for a therapist, opened from Athlete ▸ Clients.

The rows come from one read (:func:`runstrong_gui.services.clients.clients`), made when
the tab is shown and again when athletes or the plan change while it is on screen; a
double-click (or Enter) opens the athlete on the shell's Week tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.ui.clients.model import ID_ROLE, NAME, NEXT, ClientsModel, ClientsProxy

if TYPE_CHECKING:
    from runstrong_gui.ui.shell.main_window import MainWindow


class ClientsView(QWidget):
    """Search box, filters and the table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientsView")
        self.model = ClientsModel(self)
        self.proxy = ClientsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setObjectName("clientsSearch")
        self.search.setPlaceholderText("Search clients by name")
        self.search.setAccessibleName("Search clients")
        self.search.setClearButtonEnabled(True)
        self.show_archived = QCheckBox("Show &archived", self)
        self.pain_only = QCheckBox("Only &pain flagged", self)
        self.table = QTableView(self)
        self.table.setObjectName("clientsTable")
        self.table.setAccessibleName("Clients")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # names in full; the next session's title takes what is left and elides
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NEXT, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.count = QLabel(self)
        self.count.setObjectName("clientsCount")
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.show_archived)
        bar.addWidget(self.pain_only)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        hint = QLabel("Double-click a client (or press Enter) to open their week.", self)
        footer = QHBoxLayout()
        footer.addWidget(hint, 1)
        footer.addWidget(self.count)
        layout.addLayout(footer)
        self.search.textChanged.connect(self._search)
        self.show_archived.toggled.connect(self._filter)
        self.pain_only.toggled.connect(self._filter)
        self.proxy.modelReset.connect(self._counted)
        self.proxy.rowsInserted.connect(self._counted)
        self.proxy.rowsRemoved.connect(self._counted)
        self.proxy.layoutChanged.connect(self._counted)

    def _search(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())

    def _filter(self) -> None:
        self.proxy.set_filters(
            show_archived=self.show_archived.isChecked(), pain_only=self.pain_only.isChecked()
        )

    def _counted(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{shown} of {total} clients" if shown != total else f"{total} clients")

    def shown_names(self) -> list[str]:
        """The names in the order shown (for tests and screen readers' summaries)."""
        return [
            self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, NAME)).row()).athlete.name
            for r in range(self.proxy.rowCount())
        ]


class ClientsFeature(QObject):
    """The Clients tab and its menu entry; reads only while the tab is on screen."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view = ClientsView(window)
        self._stale = True
        window.add_tab(self.view, "Clients")
        self.act_clients = QAction("&Clients…", window)
        self.act_clients.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.act_clients.setToolTip(
            "Every athlete at a glance: adherence, pain flags, next session"
        )
        self.act_clients.triggered.connect(self.open)
        menu = window.menu("athlete")
        first = menu.actions()
        if first:  # at the top, above the athlete's own actions
            menu.insertAction(first[0], self.act_clients)
            menu.insertSeparator(first[0])
        else:
            menu.addAction(self.act_clients)
        self.view.table.doubleClicked.connect(self._open_athlete)
        self.view.table.activated.connect(self._open_athlete)
        window.athletes_changed.connect(lambda _id: self._changed())
        window.plan_changed.connect(lambda *_: self._changed())
        window.reloaded.connect(self._changed)
        window.tabs.currentChanged.connect(lambda _i: self._refresh_if_shown())

    def open(self) -> None:
        """Athlete ▸ Clients: bring the tab forward (it reads the store when shown)."""
        self.window.tabs.setCurrentWidget(self.view)
        self.view.search.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _changed(self) -> None:
        self._stale = True
        self._refresh_if_shown()

    def _refresh_if_shown(self) -> None:
        if self.window.tabs.currentWidget() is self.view and self._stale:
            self.refresh()

    def refresh(self) -> None:
        if not self.window.has_store:
            return
        from runstrong_gui.services.clients import clients

        self._stale = False
        self.view.model.set_rows(clients(self.window.queries.store))

    def _open_athlete(self, index: QModelIndex) -> None:
        athlete_id = index.data(ID_ROLE)
        if athlete_id is None:
            return
        self.window.athletes_changed.emit(int(athlete_id))  # the switcher selects and shows
        self.window.tabs.setCurrentIndex(0)  # the week


def install(window: MainWindow) -> ClientsFeature:
    return ClientsFeature(window)
