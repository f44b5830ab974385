# Phối Hợp — the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PY := .venv/bin/python
VENV_STAMP := .venv/.installed
NPM_STAMP := node_modules/.installed

.PHONY: run test setup check lint format migrate demo bench clean

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_admin_units
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --noinput -v 0
	bash scripts/run-all.sh

test: setup
	bash scripts/test.sh

setup: $(VENV_STAMP) static/vendor/.stamp
	@mkdir -p var staticfiles
	@bash scripts/system-deps.sh

$(VENV_STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/.stamp: $(NPM_STAMP) scripts/vendor.mjs
	npm run --silent vendor
	touch $@

check: setup lint
	$(PY) manage.py makemigrations --check --dry-run
	bash scripts/test.sh

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/djlint templates

format: setup
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

bench: setup
	$(PY) bench/run.py
	$(PY) bench/programmes.py
	$(PY) bench/exchange.py
	$(PY) bench/incidents.py
	$(PY) bench/reports.py
	$(PY) bench/concerns.py --scale $${CNC_SCALE:-100000}

clean:
	rm -rf .venv node_modules static/vendor staticfiles var
