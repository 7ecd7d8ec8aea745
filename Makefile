# Simitra — the two commands: `make run` and `make test`.
PYTHON ?= python3
PORT ?= 8000
# `make test` runs the suite in one process per core (pytest-xdist; TEST_WORKERS=0 runs it in
# one). Each worker takes whole modules (and classes), in the order pytest collects them: the
# fuzzer first (see conftest.py), and the tests of a module in their written order. Its
# databases are built from the models (--nomigrations, half a minute less per worker); CI's
# PostgreSQL suite builds its database by running the migrations (.ci/run).
TEST_WORKERS ?= auto
# Generated requests per API operation in the fuzzer (simitra/api/tests/test_schemathesis.py):
# 15 here, 10 in CI's PostgreSQL suite (.ci/run); the fuzzer's own default is 30.
FUZZ_EXAMPLES ?= 15
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test test-browser lint format messages install clean map-assets vendor-field

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py load_reference
	DEBUG=1 $(BIN)/python manage.py load_demo
	@# The background worker (reports' files, imports and exports, notifications) runs beside
	@# the server, in the same terminal; Ctrl+C stops both.
	DEBUG=1 $(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	SIMITRA_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -m "not browser" -n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder \
		--nomigrations

# The browser tests spread over two processes, each with its own live server and database,
# built from the models as in `make test` (each process running every migration cost minutes).
# The HTML check among them runs html-validate, installed from npm into tests/node, and the
# single sign-on test a local OpenID Connect provider from tests/browser/oidc (both need node
# and npm; neither is ever served).
test-browser: install tests/node/node_modules/.installed tests/browser/oidc/node_modules
	$(BIN)/pytest -m browser -n 2 --dist load --nomigrations

tests/node/node_modules/.installed: tests/node/package.json tests/node/package-lock.json
	npm ci --prefix tests/node --no-audit --no-fund --loglevel=error
	touch $@

tests/browser/oidc/node_modules: tests/browser/oidc/package-lock.json
	npm ci --prefix tests/browser/oidc --no-audit --no-fund --loglevel=error

# The field app's front-end package (Dexie, for the offline outbox), pinned in
# simitra/field/npm/package-lock.json, copied with its licence into the app's static files. The
# copy is committed: running Simitra needs no npm; run this only to change the version.
vendor-field:
	npm ci --prefix simitra/field/npm --no-audit --no-fund --loglevel=error
	cp simitra/field/npm/node_modules/dexie/dist/dexie.min.js simitra/field/npm/node_modules/dexie/LICENSE \
		simitra/field/npm/node_modules/dexie/NOTICE simitra/field/static/field/vendor/dexie/
	# No source map is shipped: its comment would make collectstatic (DEBUG off) look for it.
	sed -i 's|^//# sourceMappingURL=.*$$||' simitra/field/static/field/vendor/dexie/dexie.min.js

lint: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Recompile the Indonesian catalogues after editing a .po file (needs GNU gettext's msgfmt).
messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) data

# The portfolio map's committed files (Leaflet in static/vendor/leaflet, the province shapes in
# simitra/portfolio/static/portfolio/map): rebuilt from tools/map's pinned npm packages. Only
# needed to upgrade them; running the project needs neither node nor npm.
map-assets:
	npm ci --prefix tools/map --no-audit --no-fund --loglevel=error
	sh tools/map/build.sh
