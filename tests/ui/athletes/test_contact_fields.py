"""Phone and e-mail in the athlete dialog: optional, checked, saved."""

from __future__ import annotations

from window_support import full_window

from runstrong_gui.services.athletes import save_athlete
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.athletes.athlete_dialog import AthleteDialog


def test_bad_email_keeps_the_dialog_open_and_good_contact_is_saved(
    qtbot, store: Store, settings
) -> None:  # type: ignore[no-untyped-def]
    window = full_window(Queries(store), settings)
    qtbot.addWidget(window)
    dialog = AthleteDialog(window.athlete)
    qtbot.addWidget(dialog)
    assert (dialog.phone.text(), dialog.email.text()) == ("", "")  # optional: empty is fine
    dialog.email.setText("ana at example.org")
    dialog.accept()
    assert dialog.result_athlete is None
    assert "Email: 'ana at example.org' is not an e-mail address" in dialog.error.text()
    assert "border" in dialog.email.styleSheet()
    dialog.email.setText("ana@example.org")
    dialog.phone.setText("phone me")
    dialog.accept()
    assert dialog.result_athlete is None and "Phone:" in dialog.error.text()
    dialog.phone.setText("+44 20 7946 0018")
    dialog.accept()
    assert dialog.result_athlete is not None
    save_athlete(store, dialog.result_athlete)
    with store.transaction() as tx:
        saved = tx.athlete(window.athlete.id)
    assert (saved.phone, saved.email) == ("+44 20 7946 0018", "ana@example.org")
    assert AthleteDialog(saved).phone.text() == "+44 20 7946 0018"
