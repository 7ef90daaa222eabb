# The two set-up commands of the README's quick start:
#   make demo  - install copytrail and run the main job on the bundled example corpus
#   make test  - install the dev tools and run the whole test suite (what CI runs)
PYTHON ?= python3
PIP = $(PYTHON) -m pip
DEMO_STORE ?= out/demo.duckdb

.PHONY: demo test install install-dev browser lint typecheck pytest bench clean

install:
	$(PIP) install -q -e .

install-dev: browser
	$(PIP) install -q -e '.[dev,spacy]'

# The explorer's browser tests drive Debian's Chromium through Playwright (no browser download).
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq chromium >/dev/null; }

demo: install
	@mkdir -p out
	rm -f $(DEMO_STORE) $(DEMO_STORE).wal
	copytrail run examples/corpus --store $(DEMO_STORE)
	copytrail report --store $(DEMO_STORE) --out out/demo-report.html
	@echo "Open out/demo-report.html in a browser, or run: copytrail serve --store $(DEMO_STORE)"

lint:
	$(PYTHON) -m ruff check copytrail tests benchmarks

typecheck:
	$(PYTHON) -m mypy

# pytest exits 5 when it collected no test: that is a broken suite, never a pass.
pytest:
	@$(PYTHON) -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

test: install-dev lint typecheck pytest

bench:
	$(PYTHON) benchmarks/extraction.py

clean:
	rm -rf out build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
