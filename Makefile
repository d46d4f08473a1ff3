# Một Cửa — two commands: `make run` (set up and serve the demo) and `make test` (every check).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

# Tests run with production-like settings; only the secret and the cookie flag are relaxed.
TEST_ENV := MOTCUA_SECRET_KEY=test-only-not-a-secret MOTCUA_SECURE_COOKIES=0 MOTCUA_DEBUG=0
DEV_ENV := MOTCUA_DEBUG=1

.PHONY: run test install lint types migrations-check test-sqlite test-postgres browser-deps bench bench-smoke clean govstack-suite

run: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input
	$(DEV_ENV) $(BIN)/python manage.py seed_demo --history
	@echo "Cổng dịch vụ công (người dân):  http://$(HOST)/"
	@echo "Cán bộ đăng nhập:               http://$(HOST)/dang-nhap/"
	@echo "Hộp thư phát triển (mã xác thực, thông báo): http://$(HOST)/dev/hop-thu/"
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST)

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@scripts/system-packages.sh venv
	@scripts/system-packages.sh pdf
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

test: install lint types migrations-check browser-deps bench-smoke test-sqlite test-postgres

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: install
	$(TEST_ENV) $(BIN)/mypy motcua config bench

migrations-check: install
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

browser-deps:
	@scripts/system-packages.sh chromium

test-sqlite: install
	$(TEST_ENV) $(BIN)/pytest -q

test-postgres: install
	$(TEST_ENV) scripts/with-postgres.sh $(BIN)/pytest -q

# The GovStack Registration BB conformance suite (needs node and npm; not part of `make test`).
govstack-suite: install
	scripts/govstack-suite.sh

bench: install
	$(BIN)/python bench/calendar.py

# Every benchmark at a tiny size (a few seconds each): fails when a benchmark breaks. The full
# runs (docs/reports.md, "Benchmarks") stay out of the test run.
BENCH_SMOKE := bench/intake.py bench/reports.py bench/pages.py bench/portal.py bench/par.py \
	bench/reform.py
bench-smoke: install
	$(TEST_ENV) $(BIN)/python bench/calendar.py --smoke
	$(TEST_ENV) $(BIN)/python bench/startup.py --smoke
	$(TEST_ENV) $(BIN)/python bench/signing.py --smoke
	$(TEST_ENV) scripts/with-postgres.sh sh -c 'for b in $(BENCH_SMOKE); do \
		$(BIN)/python $$b --smoke || exit 1; done'

clean:
	rm -rf $(VENV) var
