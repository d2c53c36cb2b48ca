"""Data in and out from the window: File ▸ Import running plan… and its update."""
