"""Printing from the store: what each document holds, read back from the PDF the CLI wrote.

The sample athlete's block starts Monday 2 March 2026 (goal race 13 June 2026, week 15);
week 1 holds two "Beginner strength" sessions (Mon 2 and Thu 5 March).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import socket
import stat
import struct
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import event

from runstrong_gui.app.cli import main
from runstrong_gui.domain.enums import SessionKind, Units
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Athlete, PlannedExercise, Session
from runstrong_gui.domain.progression import week_dates
from runstrong_gui.export.documents import HandoutData, LogSheetData, ProgrammeData, WeekPlanData
from runstrong_gui.services import printing
from runstrong_gui.services.bootstrap import apply_week_template
from runstrong_gui.storage.store import Store

TODAY = dt.date(2026, 3, 18)  # in block week 3


def _png(path: Path, width: int = 4, height: int = 2) -> Path:
    """A tiny valid PNG (grey pixels), written without any image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return path


def _pages(path: Path | io.BytesIO) -> list[str]:
    """Each page's text on one line, non-breaking spaces made plain."""
    reader = PdfReader(path)
    return [" ".join(p.extract_text().replace("\xa0", " ").split()) for p in reader.pages]


def _sample(store: Store) -> Athlete:
    with store.transaction() as tx:
        return printing.find_athlete(tx, "Sample Runner")


def _template_weeks(store: Store, athlete: Athlete, weeks: list[int]) -> None:
    with store.transaction() as tx:
        week = tx.templates("week")[0].payload
        for w in weeks:
            apply_week_template(tx, athlete, week, week_dates(athlete, w)[0])


def _lb_athlete(store: Store) -> Athlete:
    """Zoë, who counts in pounds: one strength session in week 1 with a 20 kg deadlift."""
    with store.transaction() as tx:
        zoe = tx.add_athlete(
            Athlete(
                name="Zoë Ødegård",
                units=Units.LB,
                block_start=dt.date(2026, 3, 2),
                goal_race_date=dt.date(2026, 9, 20),
            )
        )
        session = tx.add_session(
            Session(zoe.id or 0, dt.date(2026, 3, 3), SessionKind.STRENGTH, title="Gym")
        )
        rdl = next(e for e in tx.exercises() if e.name == "Romanian deadlift")
        tx.add_planned(
            PlannedExercise(session.id or 0, rdl.id or 0, 0, sets=3, amount=10, load_kg=20.0)
        )
    return zoe


def _export(db: str, out: Path, *args: str) -> int:
    return main(["export", *args, "--out", str(out), "--db", str(db)])


def _set_clinic(store: Store, tmp_path: Path) -> printing.ClinicPreferences:
    return printing.save_clinic_preferences(
        store,
        printing.ClinicPreferences(
            name="Riverside Physiotherapy",
            contact="12 Mill Lane\n01234 567890",
            logo_path=str(_png(tmp_path / "logo.png")),
            therapist="Dr Amal Haddad",
        ),
    )


# -- the command line, end to end ------------------------------------------------------------


def test_cli_handout_prints_clinic_client_exercises_doses_and_week(
    store: Store, db_arg: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _set_clinic(store, tmp_path)
    out = tmp_path / "handout.pdf"
    assert _export(db_arg, out, "handout", "--athlete", "sample runner", "--week", "1") == 0
    assert capsys.readouterr().out.strip() == str(out)
    pages = _pages(out)
    assert len(pages) >= 2
    assert all("Sample Runner" in p for p in pages)  # the client's name on every page
    first, text = pages[0], " ".join(pages)
    assert first.startswith("Riverside Physiotherapy 12 Mill Lane 01234 567890")
    assert "CLIENT Sample Runner THERAPIST Dr Amal Haddad" in first
    assert "GOAL Goal race on 13 Jun 2026" in first
    # the week's exercises, each once, in the order the week meets them, with its dose
    expected = [
        ("Single-leg glute bridge", "2 × 10 each side"),
        ("Reverse lunge", "2 × 8 each side"),
        ("Single-leg calf raise, straight knee", "2 × 12 each side"),
        ("Dead bug", "2 × 8 each side"),
        ("Side plank", "2 × 20 s each side"),
    ]
    at = 0
    for n, (name, dose) in enumerate(expected, 1):
        heading = f"{n}. {name} {dose}"
        assert text.count(f". {name} ") == 1, name
        assert text.index(heading) > at, heading
        at = text.index(heading)
    assert "6. " not in text.split("Your exercises")[1].split("When to stop")[0]
    # the weekly schedule comes last, with both strength days
    week = pages[-1].split("Your week")[1]
    assert "Mon 2 Mar Easy run · 35 min Beginner strength" in week
    assert "Thu 5 Mar Beginner strength" in week and "Sat 7 Mar Long run · 1 h 20 min" in week


def test_cli_week_plan_is_one_page_of_the_chosen_week(
    store: Store, db_arg: str, tmp_path: Path
) -> None:
    athlete = _sample(store)
    _template_weeks(store, athlete, [2])
    with store.transaction() as tx:  # week 1 gets a title week 2 lacks
        run = tx.sessions_between(athlete.id or 0, *_week(athlete, 1))[0]
        tx.update_session(dataclasses.replace(run, title="First easy run"))
    out = tmp_path / "week.pdf"
    assert (
        _export(db_arg, out, "week", "--athlete-id", "1", "--week", "2", "--paper", "letter") == 0
    )
    (page,) = _pages(out)
    assert page.startswith("Week plan · Sample Runner Week 2 of 15 · Foundation · 9–15 Mar 2026")
    assert "Single-leg glute bridge 2×10 each side" in page
    assert "Side plank 2×20 s each side" in page
    assert "First easy run" not in page and "☐ Easy run 35 min" in page  # week 1 stays off
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 612)  # Letter, landscape


def test_cli_programme_covers_weeks_1_to_the_race_week(
    store: Store, db_arg: str, tmp_path: Path
) -> None:
    athlete = _sample(store)
    _template_weeks(store, athlete, [12, 15])
    out = tmp_path / "programme.pdf"
    assert _export(db_arg, out, "programme", "--athlete", "Sample Runner") == 0
    pages = _pages(out)
    assert all("Sample Runner" in p for p in pages)
    overview = pages[0]
    assert "Weeks 1–15 · Block of 15 weeks from 2 March 2026 · goal race 13 June 2026" in overview
    for week, dates in ((1, "2–8 Mar 2026"), (12, "18–24 May 2026"), (15, "8–14 Jun 2026")):
        assert f"{week} {dates}" in overview
    text = " ".join(pages)
    # doses by week: the whole block, peak and race weeks included, in one table
    table = text.index("Exercise doses week by week")
    assert "(weeks" not in text
    assert table < text.index("Wk 12 Load") < text.index("Wk 15 Race")
    assert "Single-leg glute bridge each side 2×10" in text


def test_cli_programme_of_a_generated_sixteen_week_block_fits_two_pages(
    store: Store, db_arg: str, tmp_path: Path
) -> None:
    """Three strength days a week with most of the kit: the widest plan the generator makes."""
    kit = "band,dumbbells,kettlebell,step,box,bench,wall,weight_plate"
    generate = ["generate", "--athlete-id", "1", "--race", "2026-06-20", "--days", "3"]
    assert main([*generate, "--equipment", kit, "--replace", "--include-past", "--db", db_arg]) == 0
    out = tmp_path / "programme.pdf"
    assert _export(db_arg, out, "programme", "--athlete-id", "1", "--paper", "letter") == 0
    pages = _pages(out)
    assert len(pages) <= 2
    text = " ".join(pages)
    athlete = _sample(store)
    assert "Weeks 1–16 · Block of 16 weeks" in text
    with store.transaction() as tx:
        first, last = week_dates(athlete, 1)[0], week_dates(athlete, 16)[-1]
        details = tx.session_details(tx.sessions_between(athlete.id or 0, first, last))
    names = {e.name for d in details for _, e in d.items}
    assert len(names) >= 12
    for name in names:
        assert name in text, name


def test_cli_log_sheet_holds_the_four_weeks_from_the_chosen_one(
    store: Store, db_arg: str, tmp_path: Path
) -> None:
    _template_weeks(store, _sample(store), [2, 5, 6])
    out = tmp_path / "log.pdf"
    assert _export(db_arg, out, "logsheet", "--athlete-id", "1", "--week", "2") == 0
    pages = _pages(out)
    assert all("Sample Runner" in p for p in pages)
    text = " ".join(pages)
    assert pages[0].startswith("Training log · Sample Runner Weeks 2–5 · 4 strength sessions")
    days = ["Monday 9 March 2026", "Thursday 12 March 2026", "Monday 30 March 2026"]
    assert [text.index(d) for d in days] == sorted(text.index(d) for d in days)
    assert "Thursday 2 April 2026" in text
    assert "Monday 2 March 2026" not in text  # week 1 is before the sheet
    assert "6 April" not in text  # week 6 is after it
    assert "Easy run" not in text  # only strength sessions get writing boxes
    assert "Reverse lunge 2×8 each side" in text and "done kg pain" in text


def test_cli_lb_athlete_sees_pounds_everywhere(store: Store, db_arg: str, tmp_path: Path) -> None:
    _lb_athlete(store)
    for doc in ("handout", "week", "programme", "logsheet"):
        out = tmp_path / f"{doc}.pdf"
        assert _export(db_arg, out, doc, "--athlete", "ZOË ØDEGÅRD", "--week", "1") == 0
        text = " ".join(_pages(out))
        assert "Zoë Ødegård" in text
        assert "45 lb" in text, doc  # 20 kg (44.1 as it converts)
        assert "20 kg" not in text, doc
    assert "3 × 10 · 45 lb" in " ".join(_pages(tmp_path / "handout.pdf"))
    assert "Goal race on 20 Sep 2026" in _pages(tmp_path / "handout.pdf")[0]


def test_cli_refusals_are_one_line_and_exit_2(
    store: Store, db_arg: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    cases = [
        (["handout", "--athlete", "Nobody"], out, "No athlete called 'Nobody'."),
        (["week", "--athlete-id", "99"], out, "No athlete with id 99."),
        (["week", "--athlete-id", "1", "--week", "0"], out, "block week from 1 to 15"),
        (["handout", "--athlete-id", "1", "--week", "99"], out, "block week from 1 to 15 "),
        (["logsheet", "--athlete-id", "1", "--week", "16"], out, "(got 16)"),
        (["handout", "--athlete-id", "1"], tmp_path / "missing" / "x.pdf", "does not exist"),
        (["handout", "--athlete-id", "1"], tmp_path, "is a folder"),
    ]
    for args, target, message in cases:
        assert _export(db_arg, target, *args) == 2, args
        captured = capsys.readouterr()
        assert captured.out == ""
        lines = captured.err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("runstrong export: "), lines
        assert message in lines[0]
    assert not out.exists()
    assert not [p for p in tmp_path.rglob("*") if "pdf" in p.name]  # nothing half-written


def test_export_db_option_works_after_the_command(
    store: Store, db_arg: str, tmp_path: Path
) -> None:
    out = tmp_path / "p.pdf"
    args = ["export", "programme", "--athlete-id", "1", "--out", str(out)]
    assert main([*args, "--db", str(db_arg)]) == 0
    assert main(["--db", str(db_arg), *args]) == 0
    assert out.is_file()


def _add_athletes(store: Store, *names: str) -> list[Athlete]:
    with store.transaction() as tx:
        return [
            tx.add_athlete(Athlete(name=n, block_start=dt.date(2026, 3, 2 + 7 * i)))
            for i, n in enumerate(names)
        ]


def _week_plan_of(db: str, out: Path, *who: str) -> str:
    assert _export(db, out, "week", *who, "--week", "1") == 0
    return _pages(out)[0]


def test_a_name_made_of_digits_is_a_name_and_ids_have_their_own_option(
    store: Store, db_arg: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A clinic that numbers its clients: athlete "2" is not athlete id 2."""
    bruno, two = _add_athletes(store, "Bruno", "2")
    assert (bruno.id, two.id) == (2, 3)
    out = tmp_path / "w.pdf"
    assert _week_plan_of(db_arg, out, "--athlete", "2").startswith("Week plan · 2 Week 1")
    assert _week_plan_of(db_arg, out, "--athlete-id", "2").startswith("Week plan · Bruno Week")
    assert _week_plan_of(db_arg, out, "--athlete-id", "3").startswith("Week plan · 2 Week 1")
    capsys.readouterr()
    out.unlink()
    assert _export(db_arg, out, "week", "--athlete", "1") == 2  # nobody is called "1"
    assert capsys.readouterr().err == "runstrong export: No athlete called '1'.\n"
    assert not out.exists()


@pytest.mark.parametrize(
    ("who", "message"),
    [
        (["--athlete", "²"], "runstrong export: No athlete called '²'."),
        (
            ["--athlete-id", "12345678901234567890123"],
            "No athlete with id 12345678901234567890123.",
        ),
        (["--athlete-id", "9223372036854775807"], "No athlete with id 9223372036854775807."),
    ],
)
def test_odd_athletes_are_refused_in_one_line(
    store: Store,
    db_arg: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    who: list[str],
    message: str,
) -> None:
    out = tmp_path / "x.pdf"
    assert _export(db_arg, out, "week", *who) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and message in err and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("who", "message"),
    [
        (["--athlete-id", "²"], "the athlete id must be a whole number from 1 up, not '²'"),
        (["--athlete-id", "0"], "the athlete id must be a whole number from 1 up, not '0'"),
        (["--athlete-id", "-3"], "the athlete id must be a whole number from 1 up, not '-3'"),
        (["--athlete-id", "x"], "the athlete id must be a whole number from 1 up, not 'x'"),
        ([], "one of the arguments --athlete --athlete-id --all is required"),
        (["--athlete", "2", "--athlete-id", "2"], "not allowed with argument"),
    ],
)
def test_the_athlete_options_are_checked_before_the_store_is_read(
    db_arg: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    who: list[str],
    message: str,
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["export", "week", *who, "--out", str(tmp_path / "x.pdf"), "--db", str(db_arg)])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_an_ambiguous_name_lists_the_athletes_it_matches(
    store: Store, db_arg: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sam, other, lower = _add_athletes(store, "Sam Lee", "Sam Lee", "sam lee")
    out = tmp_path / "x.pdf"
    assert _export(db_arg, out, "week", "--athlete", "Sam Lee") == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line == (
        "runstrong export: Several athletes are called 'Sam Lee': "
        f"id {sam.id} 'Sam Lee' (block from 2 Mar 2026), "
        f"id {other.id} 'Sam Lee' (block from 9 Mar 2026). "
        "Choose one with --athlete-id."
    )
    assert not out.exists()
    # no exact match: the case-insensitive ones, "sam lee" among them
    assert _export(db_arg, out, "week", "--athlete", "SAM LEE") == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert f"id {lower.id} 'sam lee' (block from 16 Mar 2026)" in line
    # exact beats a match that only differs in case
    assert _week_plan_of(db_arg, out, "--athlete", "sam lee").startswith("Week plan · sam lee")


def _special(kind: str, where: Path) -> Path:
    """A FIFO, a device node (like /dev/null), a socket or a symlink to a file."""
    path = where / f"{kind}.pdf"
    if kind == "fifo":
        os.mkfifo(path, 0o600)
    elif kind == "device":
        try:
            os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("making a device node needs root")
    elif kind == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
        sock.close()
    else:
        target = where / "target.pdf"
        target.write_bytes(b"the target's own bytes")
        path.symlink_to(target)
    return path


@pytest.mark.parametrize(
    ("kind", "what"),
    [
        ("fifo", "a named pipe"),
        ("device", "a device"),
        ("socket", "a socket"),
        ("symlink", "a symbolic link"),
    ],
)
def test_export_writes_only_to_a_regular_file_or_a_new_name(
    store: Store,
    db_arg: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    kind: str,
    what: str,
) -> None:
    path = _special(kind, tmp_path)
    before = os.lstat(path)
    assert _export(db_arg, path, "week", "--athlete-id", "1") == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line == (
        f"runstrong export: {path} is {what}, not a file: nothing was written. "
        "Give the name of a new file or of a PDF to replace."
    )
    after = os.lstat(path)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)  # the same thing
    if kind == "symlink":
        assert (tmp_path / "target.pdf").read_bytes() == b"the target's own bytes"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_export_replaces_a_regular_file_whole_and_private(
    store: Store, db_arg: str, tmp_path: Path
) -> None:
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"an older plan")
    out.chmod(0o644)
    assert _export(db_arg, out, "week", "--athlete-id", "1") == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


# -- assembly -------------------------------------------------------------------------------------


def _count_statements(store: Store) -> tuple[list[str], list[int]]:
    statements: list[str] = []
    begins = [0]

    def on_execute(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    def on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        begins[0] += 1

    event.listen(store.engine, "before_cursor_execute", on_execute)
    event.listen(store.engine, "begin", on_begin)
    return statements, begins


@pytest.mark.parametrize("document", list(printing.DOCUMENTS))
def test_one_transaction_reads_the_document_and_rendering_runs_no_query(
    store: Store, tmp_path: Path, document: str
) -> None:
    athlete = _sample(store)
    _set_clinic(store, tmp_path)
    statements, begins = _count_statements(store)
    data = printing.document_data(store, document, athlete.id or 0, week=1, today=TODAY)
    assert begins == [1]
    assert 0 < len(statements) <= 6  # athlete, sessions, planned, exercises, settings
    statements.clear()
    buffer = io.BytesIO()
    printing.render(data, buffer, "A4")
    assert statements == [] and begins == [1]
    assert "Sample Runner" in _pages(io.BytesIO(buffer.getvalue()))[0]


def test_handout_lists_each_exercise_once_with_its_first_dose(store: Store) -> None:
    athlete = _sample(store)
    with store.transaction() as tx:
        monday, thursday = (
            d
            for d in tx.session_details(tx.sessions_between(athlete.id or 0, *_week(athlete, 1)))
            if d.session.kind is SessionKind.STRENGTH
        )
        bridge = thursday.items[0][0]
        tx.update_planned(dataclasses.replace(bridge, sets=3, amount=12))
        # a skipped Saturday session with an extra exercise is not part of the plan
        extra = tx.add_session(
            Session(athlete.id or 0, dt.date(2026, 3, 7), SessionKind.STRENGTH, skipped=True)
        )
        push_up = next(e for e in tx.exercises() if e.name == "Push-up")
        tx.add_planned(PlannedExercise(extra.id or 0, push_up.id or 0))
    data = printing.handout_data(store, athlete.id or 0, week=1, today=TODAY)
    assert isinstance(data, HandoutData)
    names = [i.exercise.name for i in data.items]
    assert names == [e.name for _, e in monday.items]
    assert [i.planned.position for i in data.items] == [0, 1, 2, 3, 4]
    first = data.items[0].planned
    assert (first.sets, first.amount, first.per_side) == (2, 10, True)
    assert [d.date.day for d in data.schedule] == [2, 3, 4, 5, 6, 7, 8]
    assert all(not s.session.skipped for d in data.schedule for s in d.sessions)
    assert data.goal == "Goal race on 13 Jun 2026" and data.date == TODAY
    typed = printing.handout_data(store, athlete.id or 0, week=1, goal="  Run pain-free  ")
    assert typed.goal == "Run pain-free"


def _week(athlete: Athlete, week: int) -> tuple[dt.date, dt.date]:
    dates = week_dates(athlete, week)
    return dates[0], dates[-1]


def test_default_weeks_follow_today(store: Store) -> None:
    athlete = _sample(store)
    aid = athlete.id or 0
    week = printing.week_plan_data(store, aid, today=TODAY)
    assert isinstance(week, WeekPlanData) and week.week == 3
    early = printing.week_plan_data(store, aid, today=dt.date(2026, 1, 5))
    assert early.week == 1  # before the block: its first week
    log = printing.log_sheet_data(store, aid, today=TODAY)
    assert isinstance(log, LogSheetData) and [w for w, _ in log.weeks] == [3, 4, 5, 6]
    programme = printing.programme_data(store, aid)
    assert isinstance(programme, ProgrammeData)
    assert [w for w, _ in programme.weeks] == list(range(1, 16))  # race in week 15
    assert printing.programme_weeks(dataclasses.replace(athlete, goal_race_date=None)) == range(
        1, 13
    )


def test_default_file_names() -> None:
    zoe = Athlete(name="Zoë Ødegård", block_start=dt.date(2026, 3, 2))
    assert printing.default_file_name(zoe, "handout", 3) == "Zoë Ødegård – handout week 3.pdf"
    assert printing.default_file_name(zoe, "week", 3) == "Zoë Ødegård – week 3 plan.pdf"
    assert printing.default_file_name(zoe, "programme") == "Zoë Ødegård – programme.pdf"
    assert printing.default_file_name(zoe, "logsheet", 3) == "Zoë Ødegård – log sheet weeks 3–6.pdf"
    odd = Athlete(name="A/B: C?", block_start=dt.date(2026, 3, 2))
    assert printing.default_file_name(odd, "programme") == "A-B- C- – programme.pdf"


# -- clinic preferences ------------------------------------------------------------------------


def test_clinic_preferences_round_trip_with_an_absolute_logo(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert printing.clinic_preferences(store) == printing.ClinicPreferences()
    _png(tmp_path / "logo.png")
    monkeypatch.chdir(tmp_path)
    saved = printing.save_clinic_preferences(
        store,
        printing.ClinicPreferences(
            name="  Riverside Physio ",
            contact="12 Mill Lane  \n01234 567890\n",
            logo_path="logo.png",
            therapist="Dr Amal Haddad",
        ),
    )
    expected = printing.ClinicPreferences(
        name="Riverside Physio",
        contact="12 Mill Lane\n01234 567890",
        logo_path=str(tmp_path / "logo.png"),
        therapist="Dr Amal Haddad",
    )
    assert saved == expected
    assert printing.clinic_preferences(store) == expected
    with store.transaction() as tx:
        assert tx.setting("clinic")["logo_path"] == str(tmp_path / "logo.png")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": "x" * 121}, "Clinic name", "at most 120"),
        ({"therapist": "y" * 121}, "Therapist", "at most 120"),
        ({"contact": "z" * 401}, "Contact", "at most 400"),
        ({"logo_path": "/nowhere/logo.png"}, "Logo", "no picture file"),
        ({"logo_path": "NOTES"}, "Logo", "not a PNG or JPEG"),
    ],
)
def test_bad_preferences_are_refused_and_nothing_is_saved(
    store: Store, tmp_path: Path, change: dict[str, str], field: str, message: str
) -> None:
    before = _set_clinic(store, tmp_path)
    (tmp_path / "notes.png").write_text("not a picture")
    if change.get("logo_path") == "NOTES":
        change = {"logo_path": str(tmp_path / "notes.png")}
    wanted = dataclasses.replace(before, **{"name": "Changed clinic", **change})  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as refused:
        printing.save_clinic_preferences(store, wanted)
    assert refused.value.field == field and message in refused.value.message
    assert printing.clinic_preferences(store) == before


def test_a_logo_that_disappeared_prints_without_it(store: Store, tmp_path: Path) -> None:
    prefs = _set_clinic(store, tmp_path)
    Path(prefs.logo_path or "").unlink()
    data = printing.handout_data(store, _sample(store).id or 0, week=1, today=TODAY)
    buffer = io.BytesIO()
    printing.render(data, buffer)
    assert _pages(io.BytesIO(buffer.getvalue()))[0].startswith("Riverside Physiotherapy")


@pytest.mark.parametrize("document", list(printing.DOCUMENTS))
def test_no_document_prints_the_athletes_contact_details(store: Store, document: str) -> None:
    athlete = _sample(store)
    with store.transaction() as tx:
        tx.update_athlete(
            dataclasses.replace(athlete, phone="+44 20 7946 0018", email="ana@example.org")
        )
    data = printing.document_data(store, document, athlete.id or 0, week=1, today=TODAY)
    buffer = io.BytesIO()
    printing.render(data, buffer, "A4")
    text = " ".join(_pages(io.BytesIO(buffer.getvalue())))
    assert "Sample Runner" in text
    assert "7946" not in text and "example.org" not in text
    assert (data.athlete.phone, data.athlete.email) == ("", "")
