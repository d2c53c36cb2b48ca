"""RunStrong: plan strength training around the running week."""

__version__ = "0.1.0"
