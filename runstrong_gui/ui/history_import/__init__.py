"""File ▸ Import history…: lifting history from Strong and Hevy CSV exports."""
