# The intranet's everyday commands. `make help` lists them.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
MANAGE := $(BIN)/python manage.py
# Installed requirements are remembered here, so a second `make run` skips pip.
STAMP := $(VENV)/.installed

# `make serve` reads deployment variables from .env when there is one.
-include .env
export

.DEFAULT_GOAL := help
.PHONY: help install run migrate seed test test-fast e2e lint format check serve worker bench load faults

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned requirements

migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput

seed: migrate ## Build the demo content (idempotent)
	$(MANAGE) seed_demo

# `devserver` runs runserver and a task worker together; Ctrl-C stops both.
run: seed ## Set everything up and serve the intranet on 127.0.0.1:8000 (PORT= to change)
	@echo "Serving on http://$(HOST):$(PORT)/ : sign in as erin, carl, olivia, dana or admin (password: $${DEMO_PASSWORD:-changeme})"
	@# Links in emails (reviews, exports, password resets) name the address served here.
	BASE_URL="$${BASE_URL:-http://$(HOST):$(PORT)}" $(MANAGE) devserver $(HOST):$(PORT)

# The browser tests run in a session of their own: their live server needs
# committed data, restored between tests by serialized rollback, and in a
# session shared with the other tests that snapshot of the migrated pages is
# not taken.
#
# Both sessions spread their tests over one worker per core (TEST_WORKERS=0 runs
# them in this one process); `tests/conftest.py` says which tests stay together.
TEST_WORKERS ?= auto
PARALLEL := -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder
test: install ## Run the whole test suite (SQLite unless DATABASE_URL is set)
	$(BIN)/pytest -m "not e2e" $(PARALLEL) $(PYTEST_ARGS)
	$(BIN)/pytest -m e2e $(PARALLEL) $(PYTEST_ARGS)

test-fast: install ## Run the tests without the browser ones
	$(BIN)/pytest -m "not e2e" $(PARALLEL)

e2e: install ## Run only the browser tests, in Debian's Chromium
	$(BIN)/pytest -m e2e $(PARALLEL)

lint: install ## Check style with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Reformat the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install ## Django system checks and a migrations check
	$(MANAGE) check --database default
	$(MANAGE) makemigrations --check --dry-run

serve: install ## Serve with gunicorn and the production settings (reads .env)
	DJANGO_SETTINGS_MODULE=intranet.settings.production $(MANAGE) collectstatic --noinput --verbosity 0
	DJANGO_SETTINGS_MODULE=intranet.settings.production $(MANAGE) migrate --noinput
	DJANGO_SETTINGS_MODULE=intranet.settings.production $(BIN)/gunicorn intranet.wsgi \
		--bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-2} --access-logfile -

worker: install ## Run the background task worker with the production settings (reads .env)
	DJANGO_SETTINGS_MODULE=intranet.settings.production $(MANAGE) run_worker

# Measurements against gunicorn with the production settings, on SQLite and, when
# DATABASE_URL and REDIS_URL name them, PostgreSQL with Redis. Build the large
# data set first: `.venv/bin/python manage.py seed_demo --size large`. Results go
# to benchmarks/results/. None of these runs in CI.
bench: install ## Time the main pages warm and cold against the floor, with queries (BENCH_ARGS=…)
	$(BIN)/python -m benchmarks.bench $(BENCH_ARGS)

load: install ## 50 employees for 60 s: p95, server CPU a request, no lost comment (LOAD_ARGS=…)
	$(BIN)/python -m benchmarks.load $(LOAD_ARGS)

faults: install ## Stop the database and kill a worker under load (FAULTS_ARGS=…)
	$(BIN)/python -m benchmarks.faults $(FAULTS_ARGS)
