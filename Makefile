# The hub's commands. A newcomer needs two: `make serve` and `make test`.
# Everything else is installed on demand into .venv/ and node_modules/.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build offline test check chromium clean

serve: $(VENV)/.site  ## Serve the site with live reload on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.site  ## Strict build into site/
	$(BIN)/mkdocs build --strict --site-dir site

offline: $(VENV)/.site node_modules/.package-lock.json  ## Offline bundle: site-offline/ and dist/peer-support-hub-offline.zip
	OFFLINE=true $(BIN)/mkdocs build --strict --site-dir site-offline
	mkdir -p dist
	cd site-offline && ../$(BIN)/python -m zipfile -c ../dist/peer-support-hub-offline.zip .
	@echo "Offline bundle: dist/peer-support-hub-offline.zip (open index.html from the unzipped folder)"

test: $(VENV)/.test node_modules/.package-lock.json chromium  ## All tests, browser ones included
	$(BIN)/python -m pytest

check: $(VENV)/.site  ## Check data/ and page markers only, without building
	$(BIN)/python hooks/hub_check.py

chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "The browser tests need Chromium: install it (Debian/Ubuntu: sudo apt-get install chromium) and run make test again."; exit 1; \
	fi

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "The hub needs Python 3.11 or newer; set PYTHON=python3.x"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --disable-pip-version-check .
	touch $@

$(VENV)/.test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --disable-pip-version-check ".[test]"
	touch $@ $(VENV)/.site

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

.PHONY: links
links: $(VENV)/.test  ## Build, then list the external links (not fetched) and check every internal one
	$(BIN)/mkdocs build --strict --site-dir site
	$(BIN)/python tests/links.py site

clean:
	rm -rf site site-offline dist build *.egg-info .pytest_cache

.PHONY: bench
bench: $(VENV)/.site  ## Time the hub's hooks against the theme's own build at x1, x10, x100 size (minutes)
	$(BIN)/python tests/bench.py
