"""View ▸ Theme: the light or dark palette, or the system's."""
