"""Regression: PySide6 6.12.0 on Python 3.11 aborts with 'none_dealloc' after many void
Qt calls. The pinned combination must survive ~100k calls and a 200-row item model."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_many_qt_calls_exit_cleanly() -> None:
    code = textwrap.dedent("""
        import sys
        from PySide6.QtGui import QStandardItem, QStandardItemModel
        from PySide6.QtWidgets import QApplication, QLabel, QTableView
        app = QApplication(sys.argv)
        model = QStandardItemModel()
        for r in range(200):
            model.appendRow([QStandardItem(f"row {r}"), QStandardItem(str(r))])
        view = QTableView()
        view.setModel(model)
        view.resize(400, 300)
        view.show()
        label = QLabel()
        for i in range(100_000):          # void calls: each returns None
            label.setText("x")
            if i % 10_000 == 0:
                app.processEvents()
        view.close()
        print("ok")
    """)
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=300,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ok"
    assert "none_dealloc" not in out.stderr
