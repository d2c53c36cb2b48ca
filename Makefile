# RunStrong — the two commands: `make run` and `make test`.
#
# Python: the newest CPython 3.12 or later found (python3.13, then python3.12), else
# python3. On 3.12+ PySide6 6.12 installs in about 488 MB against 747 MB for 6.11 on 3.11
# (6.11's Addons wheel still carries WebEngine) and is free of the none_dealloc abort that
# 6.12 has on 3.11; on 3.11 pyproject.toml keeps PySide6 below 6.12. Each candidate is run,
# not just looked up: a pyenv shim for a version that is not selected exists but fails.
# PYTHON=... picks one by hand; a venv that exists already keeps its interpreter.
NEWEST_PYTHON = $(firstword $(foreach p,python3.13 python3.12,$(if $(shell $(p) -c \
  'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && echo y),$(p))) python3)
PYTHON ?= $(NEWEST_PYTHON)
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed
TSTAMP  = $(VENV)/.installed-test
BSTAMP  = $(VENV)/.installed-bundle
BUNDLE  = dist/runstrong/runstrong
export PIP_DISABLE_PIP_VERSION_CHECK = 1

.PHONY: run test lint imports typecheck bench clean system-deps bundle bundle-smoke install-desktop icons

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(TSTAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP) $@

$(BSTAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[bundle]"
	touch $(STAMP) $@

run: $(STAMP)
	$(VENV)/bin/runstrong $(ARGS)

# Debian packages the headless test suite needs (Qt's offscreen platform links xcb,
# EGL and fontconfig libraries; poppler-utils turns exported PDFs into pictures;
# desktop-file-utils and appstream validate the desktop entry and its metainfo;
# postgresql gives the run its throwaway clinic server: tests/pg_support.py finds initdb
# and pg_ctl on PATH or in /usr/lib/postgresql/*/bin, where Debian keeps them).
system-deps:
	@if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  missing=""; for p in libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 poppler-utils \
	    desktop-file-utils appstream postgresql; do \
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
# With a bundle built (make bundle), also its start-up against the venv's, side by side.
bench: $(TSTAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench.run
	@if [ -x $(BUNDLE) ]; then echo "bundle start-up against the venv's:"; \
	  QT_QPA_PLATFORM=offscreen $(PY) packaging/start_time.py --bundle $(BUNDLE); fi

# The one-folder desktop bundle (PyInstaller, packaging/runstrong.spec): dist/runstrong/.
bundle: $(BSTAMP)
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/bundle \
	  packaging/runstrong.spec

# Builds the bundle and runs it: --version, a new store, `export handout`, the window.
bundle-smoke: system-deps bundle $(TSTAMP)
	QT_QPA_PLATFORM=offscreen RUNSTRONG_BUNDLE=$(BUNDLE) $(PY) -m pytest -q tests/test_bundle.py

# The app icon's PNGs, .ico and .icns, drawn from resources/icons/runstrong.svg (committed).
icons: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) packaging/make_icons.py

# The desktop entry, its metainfo and the icons, for the current user (after a wheel
# install: the entry starts the runstrong-gui found on PATH, else this checkout's venv's).
APP_ID        = org.runstrong.RunStrong
XDG_DATA_HOME ?= $(HOME)/.local/share
RUNSTRONG_GUI ?= $(or $(shell command -v runstrong-gui 2>/dev/null),$(abspath $(VENV))/bin/runstrong-gui)
ICON_SIZES    = 16 24 32 48 64 128 256 512
install-desktop:
	@for s in $(ICON_SIZES); do \
	  install -D -m 644 resources/icons/runstrong-$$s.png \
	    "$(XDG_DATA_HOME)/icons/hicolor/$${s}x$$s/apps/$(APP_ID).png"; done
	install -D -m 644 resources/icons/runstrong.svg \
	  "$(XDG_DATA_HOME)/icons/hicolor/scalable/apps/$(APP_ID).svg"
	install -d -m 755 "$(XDG_DATA_HOME)/applications" "$(XDG_DATA_HOME)/metainfo"
	sed 's|^Exec=runstrong-gui|Exec="$(RUNSTRONG_GUI)"|' packaging/linux/$(APP_ID).desktop \
	  > "$(XDG_DATA_HOME)/applications/$(APP_ID).desktop"
	install -m 644 packaging/linux/$(APP_ID).metainfo.xml "$(XDG_DATA_HOME)/metainfo/"
	-@command -v update-desktop-database >/dev/null && \
	  update-desktop-database -q "$(XDG_DATA_HOME)/applications"
	-@command -v gtk-update-icon-cache >/dev/null && \
	  gtk-update-icon-cache -q -t "$(XDG_DATA_HOME)/icons/hicolor"
	@echo "RunStrong is in the applications menu (starts $(RUNSTRONG_GUI))."

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
