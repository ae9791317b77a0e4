# Plenária — the two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install messages migrate demo lint format bench lock clean

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed messages

# Translations are compiled on every build (the .mo files are not versioned).
messages: $(VENV)/.installed
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

# migrate also creates the database cache's table (rate limits): core/apps.py.
migrate: install
	$(BIN)/python manage.py migrate --no-input -v 0

demo: migrate
	$(BIN)/python manage.py load_demo

# --no-proxy-headers: the application alone decides whose X-Forwarded-For to believe
# (TRUSTED_PROXIES); uvicorn would believe any local process. The background worker
# (badges, certificates, e-mails: core.jobs) runs beside the web server; Ctrl-C stops
# both.
run: demo
	@echo "Plenária: http://$(HOST):$(PORT)/"
	@$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/uvicorn plenaria.asgi:application --host $(HOST) --port $(PORT) --lifespan off --no-proxy-headers

# The whole suite on SQLite, then again on PostgreSQL when DATABASE_URL is set.
test: install
	env -u DATABASE_URL $(BIN)/python -m pytest
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "== again on PostgreSQL ($$DATABASE_URL)"; \
		$(BIN)/python -m pytest; \
	fi

# lint-imports: the apps' layering (pyproject.toml [tool.importlinter]); the suite checks
# it too (core/tests/test_layers.py).
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(VENV)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	@for script in bench/[!_]*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

lock: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	( echo "# Full lock of the Python environment (make lock regenerates it from pyproject.toml)."; \
	  $(BIN)/python -m pip freeze --exclude-editable ) > requirements.lock

clean:
	rm -rf $(VENV) node_modules staticfiles var/test-output
