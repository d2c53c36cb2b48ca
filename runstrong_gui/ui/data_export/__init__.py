"""File ▸ Export data (JSON, CSV, calendar) and File ▸ Import RunStrong data (JSON)."""
