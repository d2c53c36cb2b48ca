"""File ▸ Connect to clinic…: the connection is tried first; a bad one is said in the
dialog and changes nothing; a good one is remembered without its password (kept by
the keyring) and the app reopens on the clinic store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QSettings
from window_support import controller, full_window, library

from runstrong_gui.app.launch import Launch
from runstrong_gui.services import clinic
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.engine import sqlite_url
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.clinic.connect_dialog import ConnectDialog, remembered, remembered_url
from runstrong_gui.ui.clinic.feature import ClinicController
from runstrong_gui.ui.shell.main_window import MainWindow

PASSWORD = "s3cret-desk:pw"  # with a character URLs must escape


class MemoryKeyring(KeyringBackend):
    """The system keyring, in memory."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


@pytest.fixture
def fake_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


@pytest.fixture
def desk(pg_server: Any) -> Iterator[str]:
    """An empty database owned by the login ``rs_desk`` (RunStrong makes its store)."""
    pg_server.execute(
        "DROP ROLE IF EXISTS rs_desk", f"CREATE ROLE rs_desk LOGIN PASSWORD '{PASSWORD}'"
    )
    name = pg_server.new_database()
    pg_server.execute(f'ALTER DATABASE "{name}" OWNER TO rs_desk')
    yield name
    pg_server.drop_database(name)
    pg_server.execute("DROP ROLE IF EXISTS rs_desk")


@pytest.fixture
def window(qtbot: Any, store: Store, settings: QSettings) -> MainWindow:
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    return w


def _dialog(qtbot: Any, window: MainWindow) -> ConnectDialog:
    dialog = controller(window, ClinicController).connect_to_clinic()
    assert isinstance(dialog, ConnectDialog)
    qtbot.addWidget(dialog)
    return dialog


def _fill(dialog: ConnectDialog, host: str, database: str, user: str, password: str) -> None:
    dialog.host.setText(host)
    dialog.database.setText(database)
    dialog.user.setText(user)
    dialog.password.setText(password)


def _settings_text(settings: QSettings) -> str:
    settings.sync()
    return Path(settings.fileName()).read_text() if Path(settings.fileName()).exists() else ""


def test_a_good_connection_is_remembered_without_its_password_and_reopens_the_app(
    qtbot: Any, window: MainWindow, settings: QSettings, pg_server: Any, desk: str,
    fake_keyring: MemoryKeyring,
) -> None:  # fmt: skip
    dialog = _dialog(qtbot, window)
    socket = str(pg_server.socket_dir)
    _fill(dialog, socket, desk, "rs_desk", PASSWORD)
    with qtbot.waitSignal(window.store_chosen) as chosen:
        dialog.buttons.accepted.emit()
    assert not dialog.error.isVisible()
    url = chosen.args[0]
    text = _settings_text(settings)
    assert "rs_desk" in text and desk in text
    assert PASSWORD not in text and "s3cret" not in text
    account = f"rs_desk@{socket}/{desk}"
    assert fake_keyring.kept == {("RunStrong", account): PASSWORD}
    # the next start: the remembered connection, its password from the keyring
    assert remembered(settings) == clinic.Connection(socket, 5432, desk, "rs_desk")
    assert remembered_url(settings) == url
    store = Store.open(url)  # what the app reopens on: the clinic store, made and ready
    try:
        with store.transaction() as tx:
            assert tx.athletes() == []
    finally:
        store.close()


def _bad(pg_server: Any, what: str, request: pytest.FixtureRequest) -> tuple[str, str, str]:
    """(database, user, password) of one kind of bad connection."""
    if what == "unreachable":
        return "postgres", "postgres", ""
    if what == "wrong password":
        request.getfixturevalue("desk")
        return "postgres", "rs_desk", "not-it"
    if what == "no rights":  # a login that may not read RunStrong's tables
        pg_server.execute(
            "DROP ROLE IF EXISTS rs_nobody", "CREATE ROLE rs_nobody LOGIN PASSWORD 'pw'"
        )
        request.addfinalizer(lambda: pg_server.execute("DROP ROLE IF EXISTS rs_nobody"))
        copied = pg_server.new_database(request.getfixturevalue("pg_prepared"))
        request.addfinalizer(lambda: pg_server.drop_database(copied))
        return copied, "rs_nobody", "pw"
    name = pg_server.new_database()
    request.addfinalizer(lambda: pg_server.drop_database(name))
    if what == "another program":
        pg_server.execute("CREATE TABLE invoices (id int)", database=name)
        return name, "postgres", ""
    if what == "newer schema":
        pg_server.execute(
            "CREATE TABLE alembic_version (version_num varchar(32))",
            "INSERT INTO alembic_version VALUES ('9999')",
            "CREATE TABLE athletes (id int)",
            database=name,
        )
        return name, "postgres", ""
    raise AssertionError(what)


@pytest.mark.parametrize(
    ("what", "said"),
    [
        ("wrong password", "wrong password"),
        ("unreachable", "cannot be reached"),
        ("another program", "belongs to another program"),
        ("newer schema", "written by a newer version of RunStrong"),
        ("no rights", "has no rights"),
    ],
)
def test_a_bad_connection_is_said_in_the_dialog_and_changes_nothing(
    qtbot: Any, window: MainWindow, settings: QSettings, pg_server: Any,
    fake_keyring: MemoryKeyring, request: pytest.FixtureRequest, what: str, said: str,
) -> None:  # fmt: skip
    database, user, password = _bad(pg_server, what, request)
    host = str(pg_server.root / "nowhere") if what == "unreachable" else str(pg_server.socket_dir)
    before = _settings_text(settings)
    dialog = _dialog(qtbot, window)
    _fill(dialog, host, database, user, password)
    with qtbot.assertNotEmitted(window.store_chosen):
        dialog.buttons.accepted.emit()
    assert dialog.isVisible() and not dialog.error.isHidden()
    text = dialog.error.text()
    assert said in text and ("Nothing was changed" in text or "left untouched" in text)
    assert _settings_text(settings) == before and remembered(settings) is None
    assert fake_keyring.kept == {}
    assert window.queries.store.url.startswith("sqlite")


def test_missing_fields_are_said_before_any_connection(
    qtbot: Any, window: MainWindow, settings: QSettings, fake_keyring: MemoryKeyring
) -> None:
    dialog = _dialog(qtbot, window)
    _fill(dialog, "clinic.example", "", "ana", "pw")
    dialog.buttons.accepted.emit()
    assert dialog.error.text() == "Give the database."
    assert remembered(settings) is None and fake_keyring.kept == {}


def test_a_password_in_pgpass_is_found_and_needs_no_typing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(
        "# clinic\nclinic.example:5432:runstrong:ana:pw\\:1\n*:*:other:*:x\n"
        "localhost:5432:runstrong:cleo:pw\n"
    )
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    assert clinic.in_pgpass(clinic.Connection("clinic.example", 5432, "runstrong", "ana"))
    assert clinic.in_pgpass(clinic.Connection("elsewhere", 6000, "other", "ben"))
    assert not clinic.in_pgpass(clinic.Connection("clinic.example", 5432, "runstrong", "ben"))
    assert clinic.in_pgpass(clinic.Connection("/run/postgresql", 5432, "runstrong", "cleo"))


def test_with_the_password_in_pgpass_the_dialog_connects_and_keeps_no_password(
    qtbot: Any, window: MainWindow, settings: QSettings, pg_server: Any, desk: str,
    fake_keyring: MemoryKeyring, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    socket = str(pg_server.socket_dir)
    pgpass = tmp_path / "pgpass"
    escaped = PASSWORD.replace(":", "\\:")
    pgpass.write_text(f"{socket}:5432:{desk}:rs_desk:{escaped}\n")
    pgpass.chmod(0o600)  # libpq ignores a file others could read
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    dialog = _dialog(qtbot, window)
    _fill(dialog, socket, desk, "rs_desk", "")
    assert dialog.password.placeholderText() == "from ~/.pgpass"
    with qtbot.waitSignal(window.store_chosen):
        dialog.buttons.accepted.emit()
    assert fake_keyring.kept == {}
    assert PASSWORD not in _settings_text(settings) and remembered(settings) is not None


def test_the_app_reopens_on_the_chosen_clinic_store(
    qtbot: Any, qapp: Any, pg_server: Any, pg_prepared: str, store: Store, settings: QSettings
) -> None:
    name = pg_server.new_database(pg_prepared)
    launch = Launch(qapp, store.url)
    old = full_window(Queries(store), settings)
    old.show()
    launch.window, launch.queries = old, old.queries
    try:
        assert launch.switch(pg_server.url(name))
        window = launch.window
        assert window is not None and window is not old
        qtbot.addWidget(window)
        assert not old.isVisible()
        assert window.queries.store.url.startswith("postgresql+psycopg://")
        assert window.athlete is not None  # the clinic store's athlete, on screen
        assert not window.writing.paused
    finally:
        if launch.queries is not None:
            launch.queries.store.close()
        pg_server.drop_database(name)


def test_a_clinic_store_that_cannot_be_opened_leaves_the_window_as_it_was(
    qtbot: Any, qapp: Any, window: MainWindow, pg_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.warning", lambda _p, _t, text, *a: said.append(text)
    )
    launch = Launch(qapp, "sqlite+pysqlite:////nowhere.sqlite3")
    launch.window, launch.queries = window, window.queries
    assert not launch.switch(pg_server.url("no_such_database"))
    assert launch.window is window and window.queries.store.url.startswith("sqlite")
    assert said and "There is no the database" not in said[0] and "no_such_database" in said[0]


@pytest.fixture
def app_kept_alive(qapp: Any) -> Iterator[Any]:
    """run_gui's window must not quit the test run's application when it closes."""
    from PySide6.QtWidgets import QApplication

    keep = QApplication.quitOnLastWindowClosed()
    QApplication.setQuitOnLastWindowClosed(False)
    yield qapp
    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow):
            w.close()
            w.deleteLater()
    QApplication.processEvents()
    QApplication.setQuitOnLastWindowClosed(keep)


def _run_until_opened(seen: dict[str, Any]) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def poll(tries: int = 0) -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        ready = [
            w
            for w in windows
            if w.has_store and w.athlete is not None and library(w).model.rowCount() > 0
        ]
        if ready or tries > 1000:
            seen["url"] = ready[0].queries.store.url if ready else None
            QApplication.quit()
        else:
            QTimer.singleShot(20, lambda: poll(tries + 1))

    QTimer.singleShot(0, poll)


def test_the_next_start_opens_the_remembered_clinic_store(
    app_kept_alive: Any, pg_server: Any, pg_prepared: str, desk: str,
    fake_keyring: MemoryKeyring, tmp_path: Path,
) -> None:  # fmt: skip
    from runstrong_gui.app import launch as gui
    from runstrong_gui.ui.clinic.connect_dialog import remember

    name = pg_server.new_database(pg_prepared)
    try:
        conn = clinic.Connection(str(pg_server.socket_dir), 5432, name, "postgres")
        remember(QSettings(), conn)
        seen: dict[str, Any] = {}
        _run_until_opened(seen)
        here = sqlite_url(tmp_path / "here.sqlite3")
        assert gui.run_gui(here, ["runstrong"], chosen=False) == 0
        assert str(seen["url"]).startswith(f"postgresql+psycopg://postgres@/{name}")
        assert not (tmp_path / "here.sqlite3").exists()  # this computer's store: untouched
    finally:
        remember(QSettings(), None)
        pg_server.drop_database(name)


def test_a_remembered_clinic_store_out_of_reach_opens_this_computer_s_store_saying_why(
    app_kept_alive: Any, pg_server: Any, fake_keyring: MemoryKeyring, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from runstrong_gui.app import launch as gui
    from runstrong_gui.ui.clinic.connect_dialog import remember

    said: list[str] = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.warning", lambda _p, _t, text, *a: said.append(text)
    )
    remember(QSettings(), clinic.Connection(str(pg_server.socket_dir), 5432, "gone", "postgres"))
    try:
        seen: dict[str, Any] = {}
        _run_until_opened(seen)
        here = tmp_path / "here.sqlite3"
        assert gui.run_gui(sqlite_url(here), ["runstrong"], chosen=False) == 0
        assert str(seen["url"]).endswith("here.sqlite3")
        assert len(said) == 1 and "There is no database 'gone'" in said[0]
        assert "File ▸ Connect to clinic… tries the clinic again" in said[0]
    finally:
        remember(QSettings(), None)


def test_from_a_clinic_store_the_dialog_goes_back_to_this_computer_s_store(
    qtbot: Any, qapp: Any, pg_server: Any, pg_prepared: str, settings: QSettings,
) -> None:  # fmt: skip
    from runstrong_gui.paths import default_db_path
    from runstrong_gui.ui.clinic.connect_dialog import remember

    name = pg_server.new_database(pg_prepared)
    clinic_store = Store.open(pg_server.url(name))
    remember(settings, clinic.Connection(str(pg_server.socket_dir), 5432, name, "postgres"))
    on_clinic = full_window(Queries(clinic_store), settings)
    launch = Launch(qapp, pg_server.url(name))
    launch.window, launch.queries = on_clinic, on_clinic.queries
    try:
        dialog = _dialog(qtbot, on_clinic)
        assert dialog.local.isVisibleTo(dialog)
        on_clinic.store_chosen.connect(launch.switch)
        dialog.local.click()
        assert remembered(settings) is None
        window = launch.window
        assert window is not None and window is not on_clinic
        qtbot.addWidget(window)
        assert window.queries.store.path == default_db_path()
    finally:
        if launch.queries is not None:
            launch.queries.store.close()
        if launch.own_instance is not None:
            launch.own_instance.release()
        pg_server.drop_database(name)


def test_on_this_computer_s_store_the_dialog_offers_no_way_back(
    qtbot: Any, window: MainWindow
) -> None:
    assert not _dialog(qtbot, window).local.isVisibleTo(window)
