# The portal's commands. The README names them: run, test, lint, bench.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEV := DJANGO_DEBUG=1
# Where `make run` serves the portal.
RUN_ADDR ?= 127.0.0.1:8000
# System packages the tests need: Chromium for browser tests, PDF and font libraries for WeasyPrint.
SYSTEM_PACKAGES := chromium chromium-driver poppler-utils libharfbuzz-subset0 fonts-liberation libpango-1.0-0 libpangoft2-1.0-0

.PHONY: run install system-deps test lint format bench clean serve load

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { echo "Could not create a virtual environment: on Debian/Ubuntu run 'apt-get install python3-venv'"; exit 1; }

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

## run: set up (venv, packages, database, seed data, demo accounts) and serve on http://127.0.0.1:8000,
## with the background worker that builds report PDFs
run: install
	$(DEV) $(BIN)/python manage.py migrate --noinput -v0
	$(DEV) $(BIN)/python manage.py seed
	$(DEV) $(BIN)/python manage.py demo_accounts
	$(DEV) $(BIN)/python manage.py demo_data
	@echo ""
	@echo "  The portal is at http://127.0.0.1:8000  (admin: http://127.0.0.1:8000/admin/)"
	@echo "  Sign in at http://127.0.0.1:8000/sign-in as a demo officer: username officer, password officer-demo-pass"
	@echo "  Report PDFs are built by a background worker, started here too; Ctrl+C stops both."
	@echo "  Press Ctrl+C to stop."
	@echo ""
	$(DEV) $(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV) $(BIN)/python manage.py runserver $(RUN_ADDR)

## system-deps: install the Debian packages the tests need, if missing (needs root or sudo)
system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else \
	    echo "Missing$$missing and no root or sudo to install them: apt-get install$$missing"; exit 1; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

## test: the whole suite, browser tests included (they never skip); DATABASE_URL picks the database
test: install system-deps
	REQUIRE_BROWSER_TESTS=1 $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(DEV) $(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## bench: performance figures (not pass/fail); see README
bench: install
	$(BIN)/python -m bench $(BENCH_ARGS)

## serve: production-like: debug off, static files collected, gunicorn (gunicorn.conf.py); see README "Deploying"
serve: install
	@test -n "$$DJANGO_SECRET_KEY" || { echo "make serve needs DJANGO_SECRET_KEY (and DJANGO_ALLOWED_HOSTS): see README, Deploying"; exit 1; }
	DJANGO_DEBUG=0 $(BIN)/python manage.py collectstatic --noinput -v0
	DJANGO_DEBUG=0 $(BIN)/gunicorn -c gunicorn.conf.py

## load: the load test (locust at 400 and 525 users) against gunicorn on PostgreSQL; see bench/load/run.sh
load: install
	bench/load/run.sh

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
