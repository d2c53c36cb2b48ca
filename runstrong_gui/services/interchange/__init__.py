"""Data in and out: RunStrong JSON, CSV and iCalendar (one module per direction)."""
