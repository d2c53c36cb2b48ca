"""Data in and out of RunStrong: calendar feeds (and later history files and exports)."""
