"""Printing: the four PDF documents filled from the store, the clinic preferences, the CLI.

Each document is read in ONE transaction (athlete, the sessions of its weeks with their
exercises, the clinic preferences) into the plain records of ``export.documents``;
the renderer then runs on those records alone, so no query can happen while a page is
laid out. Sessions marked skipped are left off every printout: they are no longer part
of the plan. Units (kg / lb) follow the athlete; the renderers convert the loads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from runstrong_gui.domain import bounds as b
from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Athlete
from runstrong_gui.domain.progression import block_weeks, week_dates, week_number
from runstrong_gui.export.documents import (
    ClinicInfo,
    DayPlan,
    HandoutData,
    ItemPlan,
    LogSheetData,
    ProgrammeData,
    SessionPlan,
    WeekPlanData,
)
from runstrong_gui.export.errors import ExportError
from runstrong_gui.paths import file_kind
from runstrong_gui.services.logo import NAME_MAX_BYTES, logo_problem
from runstrong_gui.storage.engine import StoreError

if TYPE_CHECKING:  # the store (SQLAlchemy) loads when first used, after the window paints
    from runstrong_gui.domain.models import SessionDetail
    from runstrong_gui.storage.store import Store, Tx

Document = Literal["handout", "week", "programme", "logsheet"]
Paper = Literal["A4", "Letter"]
DocumentData = HandoutData | WeekPlanData | ProgrammeData | LogSheetData

DOCUMENTS: dict[str, str] = {
    "handout": "Client handout",
    "week": "Week plan",
    "programme": "12-week programme",
    "logsheet": "Log sheet",
}
"""The documents, in menu order, with the name a user reads."""
PAPERS: tuple[Paper, ...] = ("A4", "Letter")
LOG_SHEET_WEEKS = 4  # the log sheet covers the coming weeks from the one chosen
WEEK_RANGE = (1, 104)  # block weeks a printout may start at (two years of blocks)
CLINIC_KEY = "clinic"
CONTACT_MAX = 400
LOGO_PATH_MAX = 1000
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_FILE_NAME_BAD = '/\\:*?"<>|'


# -- clinic preferences ------------------------------------------------------------------


@dataclass(frozen=True)
class ClinicPreferences:
    """The handout's letterhead and signature, set once for the whole store."""

    name: str = ""
    contact: str = ""
    logo_path: str | None = None
    therapist: str = ""

    def clinic_info(self) -> ClinicInfo:
        return ClinicInfo(name=self.name, contact=self.contact, logo_path=self.logo_path)


def _prefs_from(value: dict[str, Any]) -> ClinicPreferences:
    """Preferences from the stored JSON, forgiving of missing or odd values."""

    def text(key: str) -> str:
        v = value.get(key)
        return v if isinstance(v, str) else ""

    return ClinicPreferences(
        name=text("name"),
        contact=text("contact"),
        logo_path=text("logo_path") or None,
        therapist=text("therapist"),
    )


def read_clinic(tx: Tx) -> ClinicPreferences:
    return _prefs_from(tx.setting(CLINIC_KEY))


def clinic_preferences(store: Store) -> ClinicPreferences:
    with store.transaction() as tx:
        return read_clinic(tx)


def check_clinic(prefs: ClinicPreferences) -> ClinicPreferences:
    """The preferences trimmed and checked; raises ValidationError naming the field.

    The logo must be a PNG or JPEG picture that can be read now; it is kept as an
    absolute path so a document printed from another working folder still finds it.
    """
    name = b.check_text("Clinic name", prefs.name.strip(), b.NAME_MAX)
    contact = "\n".join(line.rstrip() for line in prefs.contact.strip().splitlines())
    contact = b.check_text("Contact", contact, CONTACT_MAX)
    therapist = b.check_text("Therapist", prefs.therapist.strip(), b.NAME_MAX)
    logo: str | None = None
    raw = (prefs.logo_path or "").strip()
    if raw:
        if len(raw) > LOGO_PATH_MAX:
            raise ValidationError("Logo", f"the path must be at most {LOGO_PATH_MAX} characters")
        path = Path(raw).expanduser()
        problem = logo_problem(path)
        if problem is not None:
            raise ValidationError("Logo", problem)
        logo = str(path.resolve())
    return ClinicPreferences(name=name, contact=contact, logo_path=logo, therapist=therapist)


def save_clinic_preferences(store: Store, prefs: ClinicPreferences) -> ClinicPreferences:
    """Check, then save all four fields in one transaction; returns what was saved."""
    checked = check_clinic(prefs)
    value = {
        "name": checked.name,
        "contact": checked.contact,
        "logo_path": checked.logo_path or "",
        "therapist": checked.therapist,
    }
    with store.transaction() as tx:
        tx.set_setting(CLINIC_KEY, {**tx.setting(CLINIC_KEY), **value})
    return checked


# -- reading the store ---------------------------------------------------------------------


def check_week(week: int, athlete: Athlete) -> int:
    """A week asked for by number must be one of the athlete's block (weeks 1–12, or
    through the race week): any other printed as an empty page and looked like success."""
    weeks = programme_weeks(athlete)
    lo, hi = weeks[0], min(weeks[-1], WEEK_RANGE[1])
    if isinstance(week, bool) or not isinstance(week, int) or not lo <= week <= hi:
        raise ExportError(
            f"The week must be a block week from {lo} to {hi} for {athlete.name} (got {week})."
        )
    return week


def default_week(athlete: Athlete, today: dt.date | None = None) -> int:
    """The block week of today, kept within the weeks a printout can start at."""
    lo, hi = WEEK_RANGE
    return min(hi, max(lo, week_number(athlete, today or dt.date.today())))


def programme_weeks(athlete: Athlete) -> range:
    """Weeks 1–12, or through the goal race week when that comes later."""
    return range(1, block_weeks(athlete) + 1)


def _read_weeks(
    tx: Tx, athlete: Athlete, weeks: Sequence[int], *, strength_only: bool = False
) -> list[SessionDetail]:
    """The planned (not skipped) sessions of consecutive ``weeks``: three queries in all."""
    first, last = week_dates(athlete, weeks[0])[0], week_dates(athlete, weeks[-1])[-1]
    sessions = [
        s
        for s in tx.sessions_between(saved_id(athlete), first, last)
        if not s.skipped and (s.kind is SessionKind.STRENGTH or not strength_only)
    ]
    return tx.session_details(sessions)


def _plan(detail: SessionDetail) -> SessionPlan:
    return SessionPlan(detail.session, tuple(ItemPlan(e, p) for p, e in detail.items))


def _days(details: Sequence[SessionDetail]) -> tuple[DayPlan, ...]:
    by_day: dict[dt.date, list[SessionPlan]] = {}
    for d in details:
        by_day.setdefault(d.session.date, []).append(_plan(d))
    return tuple(DayPlan(day, tuple(plans)) for day, plans in sorted(by_day.items()))


def _by_week(
    athlete: Athlete, details: Sequence[SessionDetail], weeks: Sequence[int]
) -> tuple[tuple[int, tuple[DayPlan, ...]], ...]:
    grouped: dict[int, list[SessionDetail]] = {w: [] for w in weeks}
    for d in details:
        grouped.setdefault(week_number(athlete, d.session.date), []).append(d)
    return tuple((w, _days(grouped[w])) for w in weeks)


def _handout_items(details: Sequence[SessionDetail]) -> tuple[ItemPlan, ...]:
    """Each exercise of the week's strength sessions once, with its first planned dose.

    Positions are renumbered so the handout lists them in the order the week meets them.
    """
    seen: dict[int, ItemPlan] = {}
    strength = [d for d in details if d.session.kind is SessionKind.STRENGTH]
    strength.sort(key=lambda d: (d.session.date, d.session.order))
    for d in strength:
        for planned, exercise in d.items:
            key = planned.exercise_id
            if key not in seen:
                renumbered = dataclasses.replace(planned, position=min(len(seen), 999))
                seen[key] = ItemPlan(exercise, renumbered)
    return tuple(seen.values())


def goal_text(athlete: Athlete) -> str:
    """'Goal race on 20 Sep 2026', or '' when the athlete has no goal race."""
    race = athlete.goal_race_date
    if race is None:
        return ""
    return f"Goal race on {race.day} {_MONTHS[race.month - 1]} {race.year}"


def handout_data(
    store: Store,
    athlete_id: int,
    week: int | None = None,
    goal: str | None = None,
    today: dt.date | None = None,
) -> HandoutData:
    """The client's exercises and schedule of one week (default: this week)."""
    today = today or dt.date.today()
    with store.transaction() as tx:
        athlete = tx.athlete(athlete_id)
        chosen = check_week(week, athlete) if week is not None else default_week(athlete, today)
        details = _read_weeks(tx, athlete, [chosen])
        prefs = read_clinic(tx)
    if prefs.logo_path:  # it may have grown, or been replaced, since it was chosen
        problem = logo_problem(Path(prefs.logo_path))
        if problem is not None and os.path.isfile(prefs.logo_path):  # a missing one is left out
            raise ExportError(
                f"The clinic logo cannot be printed: {problem}. Choose another one in Preferences."
            )
    return HandoutData(
        clinic=prefs.clinic_info(),
        athlete=athlete,
        therapist=prefs.therapist,
        date=today,
        goal=(goal or "").strip() or goal_text(athlete),
        items=_handout_items(details),
        schedule=_days(details),
    )


def week_plan_data(
    store: Store, athlete_id: int, week: int | None = None, today: dt.date | None = None
) -> WeekPlanData:
    with store.transaction() as tx:
        athlete = tx.athlete(athlete_id)
        chosen = check_week(week, athlete) if week is not None else default_week(athlete, today)
        details = _read_weeks(tx, athlete, [chosen])
    return WeekPlanData(athlete=athlete, week=chosen, days=_days(details))


def programme_data(store: Store, athlete_id: int) -> ProgrammeData:
    with store.transaction() as tx:
        athlete = tx.athlete(athlete_id)
        weeks = list(programme_weeks(athlete))
        details = _read_weeks(tx, athlete, weeks)
    return ProgrammeData(athlete=athlete, weeks=_by_week(athlete, details, weeks))


def log_sheet_data(
    store: Store, athlete_id: int, week: int | None = None, today: dt.date | None = None
) -> LogSheetData:
    """Writing boxes for the strength sessions of the coming weeks from ``week``."""
    with store.transaction() as tx:
        athlete = tx.athlete(athlete_id)
        first = check_week(week, athlete) if week is not None else default_week(athlete, today)
        weeks = list(range(first, first + LOG_SHEET_WEEKS))
        details = _read_weeks(tx, athlete, weeks, strength_only=True)
    return LogSheetData(athlete=athlete, weeks=_by_week(athlete, details, weeks))


def document_data(
    store: Store,
    document: str,
    athlete_id: int,
    *,
    week: int | None = None,
    goal: str | None = None,
    today: dt.date | None = None,
) -> DocumentData:
    """The records one document prints, read in one transaction.

    The athlete's contact details are blanked here, so no layout can print them: a
    handout is given to the client and may be left anywhere.
    """
    data: DocumentData
    if document == "handout":
        data = handout_data(store, athlete_id, week, goal, today)
    elif document == "week":
        data = week_plan_data(store, athlete_id, week, today)
    elif document == "programme":
        data = programme_data(store, athlete_id)
    elif document == "logsheet":
        data = log_sheet_data(store, athlete_id, week, today)
    else:
        raise ExportError(f"Unknown document '{document}' (choose from {', '.join(DOCUMENTS)}).")
    private = dataclasses.replace(data.athlete, phone="", email="")
    return dataclasses.replace(data, athlete=private)


def render(data: DocumentData, out: Path | str | Any, paper: str = "A4") -> None:
    """Lay out and write ``data``; touches no store."""
    from runstrong_gui.export import pdf

    size = paper_size(paper)
    if isinstance(data, HandoutData):
        pdf.render_handout(data, out, size)
    elif isinstance(data, WeekPlanData):
        pdf.render_week_plan(data, out, size)
    elif isinstance(data, ProgrammeData):
        pdf.render_programme(data, out, size)
    else:
        pdf.render_log_sheet(data, out, size)


def export_document(
    store: Store,
    document: str,
    athlete_id: int,
    out: Path | str,
    *,
    week: int | None = None,
    paper: str = "A4",
    goal: str | None = None,
    today: dt.date | None = None,
) -> Path:
    """Read, render and write one document; returns the absolute path written.

    Raises ExportError (layout, unwritable file), StoreError (no such athlete).
    """
    path = Path(out).expanduser().absolute()
    if len(os.fsencode(path.name)) > NAME_MAX_BYTES:
        raise ExportError(
            f"Could not save the PDF: the file name is longer than {NAME_MAX_BYTES} bytes; "
            "choose a shorter one."
        )
    _check_target(path)
    if not path.parent.is_dir():
        raise ExportError(f"Could not save the PDF: the folder {path.parent} does not exist.")
    data = document_data(store, document, athlete_id, week=week, goal=goal, today=today)
    render(data, path, paper)
    return path


def _check_target(path: Path) -> None:
    """Refuse to write over anything but a regular file (or a new name).

    The PDF is written beside the target and renamed over it, which would turn a named
    pipe, a device such as /dev/null or a symbolic link into a plain file; a symbolic
    link is not followed either, since where it points is not what the user named.
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ExportError(f"Could not save the PDF to {path}: {exc.strerror or exc}.") from exc
    if stat.S_ISDIR(mode):
        raise ExportError(f"{path} is a folder; give a file name such as plan.pdf.")
    if stat.S_ISREG(mode):
        return
    raise ExportError(
        f"{path} is {file_kind(mode)}, not a file: nothing was written. "
        "Give the name of a new file or of a PDF to replace."
    )


def paper_size(paper: str) -> Paper:
    for p in PAPERS:
        if p.lower() == str(paper).strip().lower():
            return p
    raise ExportError(f"The paper size must be A4 or Letter, not '{paper}'.")


def default_file_name(athlete: Athlete, document: str, week: int | None = None) -> str:
    """'Zoë Ødegård – handout week 3.pdf': the athlete, the document, its weeks."""
    name = "".join(
        "-" if c in _FILE_NAME_BAD else c for c in athlete.name if c.isprintable()
    ).strip(" .")
    if document == "handout":
        what = f"handout week {week}" if week is not None else "handout"
    elif document == "week":
        what = f"week {week} plan" if week is not None else "week plan"
    elif document == "logsheet":
        what = f"log sheet weeks {week}–{week + LOG_SHEET_WEEKS - 1}" if week is not None else "log"
    else:
        what = "programme"
    return f"{name or 'Athlete'} – {what}.pdf"


def saved_id(athlete: Athlete) -> int:
    if athlete.id is None:
        raise StoreError("This athlete has not been saved yet.")
    return athlete.id


# -- finding an athlete by what a user typed ------------------------------------------------


# ids are INTEGER columns: 32 bits on PostgreSQL, where a larger number cannot even be
# asked about (the store makes its ids counting up from 1, far below this on SQLite too)
_MAX_ID = 2**31 - 1


def athlete_by_id(tx: Tx, athlete_id: int) -> Athlete:
    """The athlete with this id; "No athlete with id N." for any other number."""
    from runstrong_gui.storage.store import NotFound

    if 0 < athlete_id <= _MAX_ID:
        try:
            return tx.athlete(athlete_id)
        except NotFound:
            pass
    raise StoreError(f"No athlete with id {athlete_id}.")


def chosen_athlete(tx: Tx, name: str | None, athlete_id: int | None) -> Athlete:
    """The athlete a command names: by id when one is given, else by name only."""
    if athlete_id is not None:
        return athlete_by_id(tx, athlete_id)
    return find_athlete(tx, name or "")


def find_athlete(tx: Tx, name: str) -> Athlete:
    """The one athlete called ``name``: exactly, else ignoring case in every alphabet
    ('ZOË ØDEGÅRD' finds Zoë). Never by id, whatever the name looks like.

    Several matches are refused with each one's id and block start, which tell them
    apart, rather than picking one: the wrong person's plan must never be printed.
    """
    wanted = name.strip()
    everyone = tx.athletes(include_archived=True)
    found = [a for a in everyone if a.name == wanted] or [
        a for a in everyone if a.name.casefold() == wanted.casefold()
    ]
    if not found:
        raise StoreError(f"No athlete called '{name}'.")
    if len(found) > 1:
        listed = ", ".join(_tell_apart(a) for a in found)
        raise StoreError(
            f"Several athletes are called '{name}': {listed}. Choose one with --athlete-id."
        )
    return found[0]


def _tell_apart(a: Athlete) -> str:
    start = a.block_start
    archived = ", archived" if a.archived else ""
    when = f"{start.day} {_MONTHS[start.month - 1]} {start.year}"
    return f"id {a.id} '{a.name}' (block from {when}{archived})"
