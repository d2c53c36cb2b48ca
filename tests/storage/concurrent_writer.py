"""One therapist's desktop for test_concurrent_writers.py, run as a process of its own.

``python concurrent_writer.py URL WRITER ROUNDS START OUT``: waits until the clock
reaches START (so all writers start together), then ROUNDS times reads a session or
the athlete as a screen would and saves one field through the services, as the
window does. Each outcome is one JSON line in OUT: the write that was acknowledged
(field, value, the version it was made over and the version it made) or the conflict
reported. Anything else is an error line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import sys
import time


def main(url: str, writer: int, rounds: int, start: float, out_path: str) -> None:
    from runstrong_gui.services import changes, editing
    from runstrong_gui.services.athletes import save_athlete
    from runstrong_gui.storage.errors import ConflictError
    from runstrong_gui.storage.store import Store

    store = Store.open(url)
    rng = random.Random(writer)
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        week = tx.sessions_between(athlete.id or 0, dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    sessions = [s.id for s in week if s.id is not None][:3]
    time.sleep(max(0.0, start - time.time()))
    with open(out_path, "w", encoding="utf-8") as out:
        for n in range(rounds):
            value = f"w{writer}-{n}"
            record: dict[str, object] = {"writer": writer, "value": value}
            try:
                if rng.random() < 0.25:
                    with store.transaction() as tx:
                        seen = tx.athlete(athlete.id or 0)
                    time.sleep(rng.random() * 0.02)  # the user types
                    saved = save_athlete(store, dataclasses.replace(seen, notes=value))
                    record |= {"record": "athlete", "id": seen.id, "field": "notes"}
                    record |= {"over": seen.version, "made": saved.version}
                else:
                    sid = rng.choice(sessions)
                    field = rng.choice(["title", "notes"])
                    view = editing.read_session(store, sid)
                    assert view is not None
                    time.sleep(rng.random() * 0.02)
                    command = editing.update_session_field(view.session, field, value)
                    change = changes.record(
                        store,
                        command.label,
                        view.athlete.id or 0,
                        command.days,
                        command.action,
                        command.extra_ids,
                        command.seen,
                    )
                    after = change.after[sid]
                    assert after is not None
                    record |= {"record": "session", "id": sid, "field": field}
                    record |= {"over": view.session.version, "made": after.session.version}
                record["outcome"] = "saved"
            except ConflictError as exc:
                record |= {"outcome": "conflict", "message": str(exc)}
            except Exception as exc:  # reported, so the test names it
                record |= {"outcome": "error", "message": f"{type(exc).__name__}: {exc}"}
            out.write(json.dumps(record) + "\n")
            out.flush()
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5])
