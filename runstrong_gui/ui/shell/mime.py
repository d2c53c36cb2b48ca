"""Drag-and-drop payloads between features: one MIME type each, JSON ids inside."""

from __future__ import annotations

SESSION_MIME = "application/x-runstrong-session"  # {"session_ids": [...], "athlete_id": n}
EXERCISE_MIME = "application/x-runstrong-exercise"  # {"exercise_ids": [...]}
