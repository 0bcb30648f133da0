# The hub's commands. A newcomer needs two: `make serve` and `make test`.
# Everything else is installed on demand into .venv/ and node_modules/, at the versions pinned
# in the lock files (requirements/*.txt, made from pyproject.toml by `make lock`).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build offline publish test check chromium clean lock

serve: $(VENV)/.site  ## Serve the site with live reload on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.site  ## Strict build into site/
	$(BIN)/mkdocs build --strict --site-dir site

# The offline bundle is named with the day it is made (UTC), as each of its pages says.
BUNDLE_DATE := $(shell date -u +%Y-%m-%d)
BUNDLE := dist/peer-support-hub-offline-$(BUNDLE_DATE).zip

offline: $(VENV)/.site node_modules/.package-lock.json  ## Offline bundle: site-offline/, zipped to dist/peer-support-hub-offline-DATE.zip
	@[ -n "$$SITE_URL" ] || echo "Note: SITE_URL is not set, so printed handouts from this bundle give no web address."
	rm -rf site-offline
	OFFLINE=true $(BIN)/mkdocs build --strict --site-dir site-offline
	$(BIN)/python tools/offline_bundle.py site-offline dist --date $(BUNDLE_DATE)

publish: offline  ## The site as published: the offline bundle, then the site in site/ offering it for download
	OFFLINE_BUNDLE=$(BUNDLE) $(BIN)/mkdocs build --strict --site-dir site

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

PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps

$(VENV)/.site: requirements/site.txt | $(VENV)/bin/python
	$(PIP_INSTALL) -r requirements/site.txt
	touch $@

$(VENV)/.test: requirements/test.txt | $(VENV)/bin/python
	$(PIP_INSTALL) -r requirements/test.txt
	touch $@ $(VENV)/.site

# The lock files: every package the site (and the tests) need, at one version, with its hashes,
# for every platform and Python 3.11+. Run after changing a dependency in pyproject.toml; Dependabot
# proposes updates to them as pull requests.
UV := $(BIN)/uv
UV_COMPILE := $(UV) pip compile pyproject.toml --quiet --universal --python-version 3.11 --generate-hashes --custom-compile-command "make lock"

lock: | $(VENV)/bin/python  ## Regenerate requirements/site.txt and requirements/test.txt from pyproject.toml
	@test -x $(UV) || $(BIN)/python -m pip install --quiet --disable-pip-version-check 'uv>=0.5,<1'
	$(UV_COMPILE) --output-file requirements/site.txt
	$(UV_COMPILE) --extra test --output-file requirements/test.txt

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
