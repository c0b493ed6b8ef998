# One command per task; each creates .venv and installs from requirements.lock when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-from-lock
export NO_MKDOCS_2_WARNING := 1
# Dates in the build (sitemap) come from the last commit, so two builds of one commit are byte-identical.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
# The browser tests drive Debian's chromium; CHROMIUM points them at another binary. Under CI (CI=true)
# `make test` installs it first, and the tests fail rather than skip when it is missing.
export CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install serve build check test validate bench lint schema lock clean browser data-diff sync audit scale-report engine-compare engine-test

# axe-core, Lighthouse and the Nu HTML Checker, pinned in package-lock.json; their install scripts stay off.
node_modules/.installed-from-lock: package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Every file pip installs must match a hash in the lock: a changed or substituted package stops the install.
$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install from requirements.lock (hashes checked)

serve: $(STAMP)  ## serve the site on http://127.0.0.1:8000, reloading on edits to docs/, data/ or macros/
	$(BIN)/mkdocs serve --strict

build: $(STAMP)  ## build the site into site/, replacing the old one only when the build succeeds (IFG_ENGINE picks the engine)
	$(BIN)/python -m macros build

validate: $(STAMP)  ## check data/ without building
	$(BIN)/python -m macros validate

check: $(STAMP)  ## the fast loop: lint and every test that needs no browser (under a minute)
	$(BIN)/ruff check macros tests
	$(BIN)/zizmor --offline .github/workflows
	$(BIN)/python -m pytest -q -m "not browser"

test: $(STAMP) node_modules/.installed-from-lock $(if $(filter true 1,$(CI)),browser)  ## lint, check the committed schema, and run every test
	$(BIN)/ruff check macros tests
	$(BIN)/zizmor --offline .github/workflows
	$(BIN)/python -m pytest

browser:  ## install Debian's chromium (browser tests) and a Java runtime (HTML checker) when missing (as root, or through sudo)
	test -x $(CHROMIUM) || { $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }
	command -v java >/dev/null || { $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y default-jre-headless; }

data-diff: $(STAMP)  ## report prices changed since BASE (a git revision), against HEAD or the working tree
	@test -n "$(BASE)" || { echo "usage: make data-diff BASE=origin/main [HEAD=<revision>]" >&2; exit 2; }
	$(BIN)/python -m macros diff $(BASE) $(HEAD)

sync: $(STAMP)  ## compare data/ with genai-prices (pinned in requirements.lock) and LiteLLM's map (LITELLM=FILE); WRITE=1 edits data/
	@test -n "$(LITELLM)" || { echo "usage: make sync LITELLM=model_prices_and_context_window.json [WRITE=1] [SYNC_ARGS=...]" >&2; exit 2; }
	$(BIN)/python -m macros sync --litellm "$(LITELLM)" $(if $(WRITE),--write) $(SYNC_ARGS)

audit: build node_modules/.installed-from-lock $(if $(filter true 1,$(CI)),browser)  ## Lighthouse on every page, mobile and desktop; fails below the thresholds
	$(BIN)/python tests/audit.py site

bench: $(STAMP)  ## time loading and building with the real and a synthetic 1,000 and 10,000-model dataset
	$(BIN)/python tests/bench.py

scale-report: build $(if $(filter true 1,$(CI)),browser)  ## print per-model HTML, every page's height on a 390 px phone, and the first results of issue 23's searches
	$(BIN)/python tests/scale_report.py site

ENGINE ?= zensical
engine-compare: $(STAMP)  ## build with MkDocs and with ENGINE (zensical or properdocs) and compare pages and article links
	$(BIN)/python tests/compare_engines.py $(ENGINE)

ENGINE_TESTS := tests/test_build.py tests/test_links.py tests/test_content.py tests/test_reproducible.py tests/test_theme.py tests/test_html_valid.py
engine-test: $(STAMP) node_modules/.installed-from-lock  ## run the build tests against IFG_ENGINE's output (default zensical)
	IFG_ENGINE=$${IFG_ENGINE:-$(ENGINE)} $(BIN)/python -m pytest -q $(ENGINE_TESTS)

lint: $(STAMP)  ## ruff over the Python, zizmor (offline) over the GitHub workflows
	$(BIN)/ruff check macros tests
	$(BIN)/zizmor --offline .github/workflows

schema: $(STAMP)  ## regenerate data/schema/*.json after changing macros/data/models.py
	$(BIN)/python -m macros schema

lock:  ## re-resolve requirements.in into requirements.lock, with a hash for every file of every pinned release
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet pip-tools==7.6.2
	.lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-header --no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock requirements.in
	sed -i '1i # Generated by `make lock` from requirements.in (pip-tools, with hashes). Do not edit by hand.' requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf site .pytest_cache node_modules
