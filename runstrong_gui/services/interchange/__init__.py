"""Data in and out of RunStrong: calendar feeds, Strong and Hevy history, RunStrong JSON,
CSV and iCalendar (one module per format and direction)."""
