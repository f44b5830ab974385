# Phối Hợp — the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PY := .venv/bin/python
VENV_STAMP := .venv/.installed
NPM_STAMP := node_modules/.installed

.PHONY: run test setup check lint typecheck format migrate demo bench clean

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

# mypy checks the kernel and every app's services, selectors and policies (module or package);
# the wildcards pick up a new app without editing this list. Core's own layers are already in
# phoihop/core, so they are filtered out of the wildcards (mypy refuses a file listed twice).
TYPECHECK_TARGETS := phoihop/core $(filter-out phoihop/core/%,$(wildcard \
	phoihop/*/services.py phoihop/*/services phoihop/*/selectors.py phoihop/*/selectors \
	phoihop/*/policies.py phoihop/*/policies))

check: setup lint typecheck
	$(PY) manage.py makemigrations --check --dry-run
	bash scripts/test.sh

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/djlint templates

typecheck: setup
	.venv/bin/mypy $(TYPECHECK_TARGETS)

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
