"""Interchange formats out: RunStrong JSON (streamed), CSV in Strong's columns, and
iCalendar. Pure like the PDFs: records in, bytes or a user-only file out."""
