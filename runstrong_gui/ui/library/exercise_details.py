"""The details pane of an exercise: dose, how-to steps, cues and when to stop."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QUrl

from runstrong_gui.domain.models import Exercise
from runstrong_gui.ui.shell import theme

IMAGE_WIDTH = 220


def details_html(e: Exercise, avoided: bool = False) -> str:
    """HTML for a QTextBrowser; every user or library text is escaped.

    ``avoided`` adds a notice that the shown athlete's avoid list names the exercise.
    """

    def items(values: tuple[str, ...], ordered: bool = False) -> str:
        tag = "ol" if ordered else "ul"
        body = "".join(f"<li>{escape(v)}</li>" for v in values)
        return f"<{tag} style='margin-top:2px'>{body}</{tag}>" if values else ""

    equipment = ", ".join(q.label for q in e.equipment)
    focus = ", ".join(f.label for f in e.focus)
    badges = [e.kind.label]
    if not e.builtin:
        badges.append("your own exercise")
    if e.hidden:
        badges.append("hidden")
    meta = f"{escape(e.group.label)} · {escape(e.level.label)} · {escape(equipment)}"
    t = theme.tokens()
    rows = [
        f"<h3 style='margin-bottom:2px'>{escape(e.name)}</h3>",
        f"<div style='color:{t['muted']}'>{meta}<br>"
        f"<small>{escape(' · '.join(badges))}</small></div>",
    ]
    if e.damage:
        wrong = "".join(
            f"<li>{escape(d.field)}: {escape(d.value)} — {escape(d.message)}</li>" for d in e.damage
        )
        fix = "Edit it to store valid values" + ("." if e.builtin else ", or delete it.")
        rows.append(
            f"<p style='color:{t['flag']}'><b>⚠ Damaged:</b> another program stored values "
            f"RunStrong refuses; defaults are shown instead.</p><ul>{wrong}</ul>"
            f"<p style='color:{t['flag']}'>{escape(fix)}</p>"
        )
    if avoided:
        rows.append(
            f"<p style='color:{t['flag']}'><b>⚠ On the athlete's avoid list.</b> "
            "Leave it out of their plan until the problem has settled.</p>"
        )
    rows.append(
        f"<p><b>Dose:</b> {escape(e.dose_text())}"
        + (f", tempo {escape(e.tempo)}" if e.tempo else "")
        + f", rest {e.rest_seconds} s</p>"
    )
    if e.image_path and Path(e.image_path).is_file():
        src = escape(QUrl.fromLocalFile(e.image_path).toString(), quote=True)
        rows.append(f"<p><img src='{src}' width='{IMAGE_WIDTH}'></p>")
    if e.muscles:
        rows.append(
            f"<p><b>Works:</b> {escape(', '.join(e.muscles))}<br><b>Focus:</b> {escape(focus)}</p>"
        )
    if e.notes:
        rows.append(f"<p><i>{escape(e.notes)}</i></p>")
    if e.steps:
        rows.append("<b>How to</b>" + items(e.steps, ordered=True))
    if e.cues:
        rows.append("<b>Cues</b>" + items(e.cues))
    if e.stop_if:
        rows.append(f"<b style='color:{t['warning']}'>Stop if</b>" + items(e.stop_if))
    if e.video_url:
        url = escape(e.video_url, quote=True)
        rows.append(f"<p><a href='{url}'>Watch the video</a></p>")
    return "".join(rows)
