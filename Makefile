# Two commands do everything on a fresh machine: `make run` and `make test`.
# Each installs only what is missing (Debian packages, the virtualenv, translations).

VENV      := .venv
PY        := $(VENV)/bin/python
PYTHON    ?= python3
MANAGE    := $(PY) manage.py
STAMP     := $(VENV)/.installed
HOST      ?= 127.0.0.1
PORT      ?= 8000
PYTEST_ARGS ?=

.PHONY: install install-test run test test-fast lint format worker beat migrate demo messages clean bench bench-validation bench-documents bench-renewals bench-dashboards bench-load

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

# Compiled translations are built, not committed.
locale/it/LC_MESSAGES/django.mo: locale/it/LC_MESSAGES/django.po $(STAMP)
	$(MANAGE) compilemessages --ignore=.venv --ignore=var -v0

install: ## the app's Debian packages, the virtualenv and the compiled translations
	@scripts/system-deps.sh run
	@$(MAKE) --no-print-directory $(STAMP) locale/it/LC_MESSAGES/django.mo

install-test: install ## plus what the tests need: Chromium, poppler-utils, redis-server
	@scripts/system-deps.sh test

migrate: install
	$(MANAGE) migrate --noinput -v0

demo: migrate ## load the demo dealers, staff, customers and deals (once; a no-op after)
	$(MANAGE) load_demo

run: demo ## serve on http://127.0.0.1:8000 (SQLite, Celery eager unless CELERY_BROKER_URL is set)
	$(MANAGE) runserver $(HOST):$(PORT)

test: install-test ## the whole suite, browser tests included
	$(PY) -m pytest -n 2 $(PYTEST_ARGS)

test-fast: install ## everything but the browser and worker tests
	$(PY) -m pytest -n 2 -m "not browser and not worker" $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit -q -r dealers products policies claims complaints servicing documents dashboards audit catalog config demo \
		bench scripts \
		-x '*/tests/*,*/migrations/*'
	$(VENV)/bin/mypy
	$(MANAGE) makemigrations --check --dry-run -v0
	$(VENV)/bin/lint-imports --no-logo  # the layers of docs/architecture.md (pyproject.toml)

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install ## refresh locale/it/LC_MESSAGES/django.po after changing strings
	$(MANAGE) makemessages -l it --ignore=.venv --ignore=var --ignore=tests --ignore=bench

worker: install ## a Celery worker (needs CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/0)
	$(VENV)/bin/celery -A config worker --loglevel=INFO

beat: install ## the Celery beat scheduler (schedule in CELERY_BEAT_SCHEDULE)
	$(VENV)/bin/celery -A config beat --loglevel=INFO

clean:
	rm -rf var/test*.sqlite3* var/outbox

bench: install ## the calculation API under gunicorn vs a bare Django view (bench/README.md)
	@command -v wrk >/dev/null || { SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		$$SUDO apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
	$(PY) -m bench.api_bench

bench-validation: install ## a quote request validated by DRF, by its fast path and by pydantic (bench/validation_bench.py)
	$(PY) -m bench.validation_bench

bench-documents: install ## a policy schedule to PDF against a bare page of as many pages (bench/README.md)
	$(PY) -m bench.documents_bench

bench-renewals: install ## the daily renewal job on BENCH_POLICIES (100000) policies due, PostgreSQL (bench/README.md)
	$(PY) -m bench.renewals_bench

bench-dashboards: install ## every dashboard page on BENCH_POLICIES (1000000) policies, PostgreSQL (bench/README.md)
	$(PY) -m bench.dashboards_bench

bench-load: install ## locust: 50 staff browsing, quoting and selling for 2 minutes, gunicorn + PostgreSQL + Redis (bench/README.md)
	$(PY) -m bench.load_bench
