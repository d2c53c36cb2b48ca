"""Benchmarks of the planner on a clinic-size store (``make bench``; not part of ``make test``)."""
