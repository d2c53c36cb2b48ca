# RunStrong — the two commands: `make run` and `make test`.
#
# Python: the machine's python3 (3.11 here). pyproject.toml keeps PySide6 below 6.12 on
# Python < 3.12, where 6.12.0 aborts the interpreter (none_dealloc); set PYTHON=python3.12
# to use a newer interpreter.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed
TSTAMP  = $(VENV)/.installed-test
export PIP_DISABLE_PIP_VERSION_CHECK = 1

.PHONY: run test lint imports typecheck bench clean system-deps

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(TSTAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP) $@

run: $(STAMP)
	$(VENV)/bin/runstrong $(ARGS)

# Debian packages the headless test suite needs (Qt's offscreen platform links xcb,
# EGL and fontconfig libraries; poppler-utils turns exported PDFs into pictures).
system-deps:
	@if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  missing=""; for p in libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 poppler-utils; do \
	    dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; fi; \
	fi

# The layers of DESIGN.md (import-linter contracts in pyproject.toml), then the suite.
test: system-deps $(TSTAMP)
	$(VENV)/bin/lint-imports --no-cache
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

lint: $(TSTAMP)
	$(VENV)/bin/ruff check runstrong_gui tests
	$(VENV)/bin/ruff format --check runstrong_gui tests

imports: $(TSTAMP)
	$(VENV)/bin/lint-imports --no-cache

typecheck: $(TSTAMP)
	$(VENV)/bin/mypy

# Timings on a clinic-size store (built once into bench/store/, then reused); see README.
bench: $(TSTAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench.run

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
