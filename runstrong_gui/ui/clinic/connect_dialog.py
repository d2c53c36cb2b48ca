"""File ▸ Connect to clinic…: the clinic's server, database and user; the password kept
by the system keyring (or read by libpq from ~/.pgpass), never by the settings file.

The connection is tried before anything is switched or remembered: a wrong password,
a server that cannot be reached, another program's database, a schema newer than this
RunStrong or a role without rights get one sentence in the dialog, and nothing changes.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.services import clinic
from runstrong_gui.ui.shell import theme

SETTINGS_GROUP = "clinic"
FIELDS = ("host", "port", "database", "user")  # what is remembered: never the password


def remembered(settings: QSettings) -> clinic.Connection | None:
    """The clinic connection of the last session, if the user made one."""
    values = {f: settings.value(f"{SETTINGS_GROUP}/{f}") for f in FIELDS}
    if not all(values.values()):
        return None
    try:
        port = int(str(values["port"]))
    except ValueError:
        return None
    return clinic.Connection(
        str(values["host"]), port, str(values["database"]), str(values["user"])
    )


def remembered_url(settings: QSettings) -> str | None:
    """The address to start on: the remembered connection with its keyring password."""
    conn = remembered(settings)
    return None if conn is None else conn.url(clinic.saved_password(conn))


def remember(settings: QSettings, conn: clinic.Connection | None) -> None:
    """Remember the connection for the next start (None: the store on this computer)."""
    settings.remove(SETTINGS_GROUP)
    if conn is not None:
        for field in FIELDS:
            settings.setValue(f"{SETTINGS_GROUP}/{field}", getattr(conn, field))
    settings.sync()


class ConnectDialog(QDialog):
    """Signals:
    connected(str): the connection worked; the store's address (with its password, for
        this run only) to reopen the app on.
    """

    connected = Signal(str)

    def __init__(
        self, settings: QSettings, parent: QWidget | None = None, *, on_clinic: bool = False
    ) -> None:
        """``on_clinic``: the window shows a clinic store (offer this computer's back)."""
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self.setWindowTitle("Connect to clinic")
        self.settings = settings
        self.note = ""  # said after the switch (e.g. the keyring could not keep the password)
        intro = QLabel(
            "A clinic store is one PostgreSQL database the clinic's therapists share. "
            "Ask its administrator for the server, database and your user name.",
            self,
        )
        intro.setWordWrap(True)
        self.host = QLineEdit(self)
        self.host.setPlaceholderText("server name or address, or the socket's folder")
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit(self)
        self.user = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.keep = QCheckBox("&Keep the password in the system keyring", self)
        self.keep.setChecked(True)
        form = QFormLayout()
        form.addRow("&Server:", self.host)
        form.addRow("P&ort:", self.port)
        form.addRow("&Database:", self.database)
        form.addRow("&User:", self.user)
        form.addRow("&Password:", self.password)
        form.addRow("", self.keep)
        self.error = QLabel(self)
        self.error.setObjectName("connectError")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        theme.style(self.error, "color: {warning};")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Connect")
        self.buttons.accepted.connect(self.try_connect)
        self.buttons.rejected.connect(self.reject)
        self.local = self.buttons.addButton(
            "Use the store on this co&mputer", QDialogButtonBox.ButtonRole.ResetRole
        )
        self.local.setVisible(on_clinic)
        self.local.clicked.connect(self.use_local)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        conn = remembered(settings)
        if conn is not None:
            self.host.setText(conn.host)
            self.port.setValue(conn.port)
            self.database.setText(conn.database)
            self.user.setText(conn.user)
        for edit in (self.host, self.database, self.user):
            edit.textChanged.connect(self._hint_pgpass)
        self.port.valueChanged.connect(self._hint_pgpass)
        self._hint_pgpass()
        self.setMinimumWidth(460)

    def connection(self) -> clinic.Connection:
        return clinic.Connection(
            self.host.text().strip(), self.port.value(), self.database.text().strip(),
            self.user.text().strip(),
        )  # fmt: skip

    def _hint_pgpass(self) -> None:
        conn = self.connection()
        found = bool(conn.database and conn.user) and clinic.in_pgpass(conn)
        self.password.setPlaceholderText(
            "from ~/.pgpass" if found else "kept in the system keyring, not in the settings"
        )

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def try_connect(self) -> None:
        """Try the connection; only when it works remember it and say so."""
        from runstrong_gui.storage.errors import StoreError

        conn = self.connection()
        problem = conn.problem()
        if problem:
            self._refuse(problem)
            return
        typed = self.password.text()
        password = typed or (None if clinic.in_pgpass(conn) else clinic.saved_password(conn))
        url = conn.url(password)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            clinic.check_connection(url)
        except StoreError as exc:
            self._refuse(str(exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        if typed and self.keep.isChecked():
            try:
                clinic.save_password(conn, typed)
            except clinic.KeyringProblem as exc:
                self.note = str(exc)
        remember(self.settings, conn)
        self.error.hide()
        self.accept()
        self.connected.emit(url)

    def use_local(self) -> None:
        """Back to this computer's store, now and at the next start."""
        remember(self.settings, None)
        self.accept()
        self.connected.emit("")
