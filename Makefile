# The course's two commands (see README.md):
#   make build   set up the environment and build the website into _build/html
#   make test    set up the environment and run every test
# Both start from nothing but Python 3.11, make and npm (Debian's chromium is
# installed by `make test` for the browser tests).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup assets build test test-unit test-notebooks test-browser execute benchmarks clean browser-deps

setup: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $(STAMP)

assets: setup
	$(BIN)/python tools/fetch_assets.py

# Executes every chapter; warnings are errors.
build: setup assets
	$(BIN)/jupyter-book build . --all --builder html -W --keep-going
	@echo "Built. Open _build/html/index.html in a browser, or serve it: $(BIN)/python -m http.server -d _build/html 8000"

browser-deps:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

# Every test: unit and statistical tests, strict nbval on every chapter,
# the -W build, and headless Chromium against the built pages.
test: build browser-deps
	$(BIN)/python -m pytest tests book --nbval --nbval-current-env \
	    --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

test-unit: setup
	$(BIN)/python -m pytest tests -m "not browser" -p no:cacheprovider

test-notebooks: setup
	$(BIN)/python -m pytest book --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

test-browser: browser-deps
	$(BIN)/python -m pytest tests -m browser -p no:cacheprovider

# Re-execute the committed notebooks in place (run after changing a chapter).
execute: setup
	$(BIN)/python tools/execute_notebooks.py book/*.ipynb

benchmarks: setup
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf _build .assets
