# The two set-up commands of the README's quick start:
#   make demo  - install copytrail and run the main job on the bundled example corpus
#   make test  - install the dev tools and run the whole test suite (what CI runs)
#
# Both work in a project virtual environment, .venv, that they create with $(PYTHON): Debian's
# and Ubuntu's system Python refuses `pip install` outside one (PEP 668, "externally managed").
# Nothing is installed outside .venv except, with apt, python3-venv when $(PYTHON) lacks it
# and Chromium for the browser tests. Choose the Python with e.g. `make demo PYTHON=python3.12`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
VPY = $(BIN)/python
PIP = $(VPY) -m pip
DEMO_STORE ?= out/demo.duckdb

.PHONY: demo test venv install install-dev browser java lint typecheck pytest bench clean distclean

SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian ships venv and ensurepip in a separate package (python3-venv, or python3.X-venv).
$(VPY):
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { \
		echo "$(PYTHON) has no venv/ensurepip: installing python3-venv with apt"; \
		ver=$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
		$(SUDO) apt-get update -qq && \
		{ $(SUDO) apt-get install -y -qq python$$ver-venv >/dev/null 2>&1 || \
		  $(SUDO) apt-get install -y -qq python3-venv >/dev/null; }; }
	$(PYTHON) -m venv $(VENV)

venv: $(VPY)

install: $(VPY)
	$(PIP) install -q -e .

install-dev: browser java $(VPY)
	$(PIP) install -q -e '.[dev,spacy,spark]'

# The Spark engine's tests run Spark on Java 17 (installed only when no java is on the PATH).
java:
	@command -v java >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq openjdk-17-jre-headless >/dev/null; }

# The explorer's browser tests drive Debian's Chromium through Playwright (no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq chromium >/dev/null; }

demo: install
	@mkdir -p out
	rm -f $(DEMO_STORE) $(DEMO_STORE).wal
	$(BIN)/copytrail run examples/corpus --store $(DEMO_STORE)
	$(BIN)/copytrail report --store $(DEMO_STORE) --out out/demo-report.html
	@echo "Open out/demo-report.html in a browser, or run: $(BIN)/copytrail serve --store $(DEMO_STORE)"
	@echo "(copytrail is installed in $(VENV): run it as $(BIN)/copytrail, or first: . $(BIN)/activate)"

lint:
	$(VPY) -m ruff check copytrail tests benchmarks

typecheck:
	$(VPY) -m mypy

# pytest exits 5 when it collected no test: that is a broken suite, never a pass.
pytest:
	@$(VPY) -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

test: install-dev lint typecheck pytest

bench: install
	$(VPY) benchmarks/extraction.py

clean:
	rm -rf out build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache

distclean: clean
	rm -rf $(VENV)
