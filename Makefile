# The verbs people type. `make build` and `make test` work on a machine with only python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
CONTENT ?= content
FORMAT ?= text

# Material 9.8 prints an end-of-life banner on every run; the README says what comes after.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: build serve edit test test-all validate check init new lint goldens bench deploy schema compile clean site-url

# What builds and scans the site (requirements/runtime.txt): all `make build` installs.
$(STAMP): requirements/runtime.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/runtime.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# The developer's tools on top (requirements/dev.txt: pytest, playwright, mypy, ruff,
# properdocs...): what `make test`, `make lint`, `make goldens` and `make bench` add.
$(DEV_STAMP): $(STAMP) requirements/dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	touch $(DEV_STAMP)

# The engine that builds the site: mkdocs (MkDocs 1.6.1) or properdocs (ProperDocs, its fork).
ENGINE ?= mkdocs
# ProperDocs comes with the developer's tools (requirements/dev.txt).
ENGINE_STAMP := $(STAMP) $(if $(filter-out mkdocs,$(ENGINE)),$(DEV_STAMP))

# `site-gen build` is the pipeline: the engine builds into a fresh folder beside site/, the
# safety net scans it once (no markup that could run script, every file the content compiles
# to there: an engine without the plugin fails here), and only then it replaces site/.
build: $(ENGINE_STAMP)  ## Build the site of content/ into site/ (scanned once, then swapped in)
	@$(BIN)/site-gen build --engine $(ENGINE) --site-url "$$SITE_URL" || { echo "make build: the site was not built; site/ is as it was" >&2; exit 1; }

# --dirty: a save rebuilds only the pages whose generated Markdown changed (see README).
serve: $(ENGINE_STAMP)  ## Live preview at http://127.0.0.1:8000/ (reloads on every save)
	$(BIN)/$(ENGINE) serve --dirty -f mkdocs.yml

# The editor's saves go through site-gen's own server (site_gen/editor_server.py): on 127.0.0.1,
# for the /admin/ of this run only (a secret per start), into .yml/.yaml/.md files of content/.
edit: $(ENGINE_STAMP)  ## Live preview plus the browser editor at http://127.0.0.1:8000/admin/
	@test -f node_modules/decap-cms/dist/decap-cms.js || { echo "make edit: run 'npm ci' first (installs the editor)"; exit 1; }
	$(BIN)/site-gen edit --engine $(ENGINE) -f mkdocs.yml

# The slow tier (tests/conftest.py lists it) runs in CI and with `make test-all`.
test: $(DEV_STAMP)  ## Run the tests, but the slow tier (a few minutes)
	$(BIN)/pytest -m "not slow"

test-all: $(DEV_STAMP)  ## Run every test, the slow tier too (what CI runs)
	$(BIN)/pytest

# --strict as for the build: warnings are shown, and fail only with block_on_warnings: true.
validate: $(STAMP)  ## Check every fact file and list every problem
	$(BIN)/site-gen validate --strict --format $(FORMAT) $(CONTENT)

check: validate build  ## What CI runs on content/: validate, then a strict build

init: $(STAMP)  ## Start a new explainer in content/ (EMPTY=1: no examples); never overwrites
	$(BIN)/site-gen init $(CONTENT) $(if $(EMPTY),--empty)

new: $(STAMP)  ## Start a fact file: make new KIND=issue ID=ceasefire
	@test -n "$(KIND)" -a -n "$(ID)" || { echo "usage: make new KIND=actor|issue|event|source ID=lowercase-id" >&2; exit 2; }
	$(BIN)/site-gen new $(KIND) $(ID) --content $(CONTENT)

new-%: $(STAMP)  ## make new-issue ID=ceasefire, the same as make new KIND=issue ID=ceasefire
	$(BIN)/site-gen new $* $(ID) --content $(CONTENT)

compile: $(STAMP)  ## Write the generated Markdown to build/markdown/
	$(BIN)/site-gen compile $(CONTENT) --out build/markdown

schema: $(STAMP)  ## Write the JSON Schemas for editors to schema/
	$(BIN)/site-gen schema --out schema

lint: $(DEV_STAMP)
	$(BIN)/ruff check site_gen tests
	$(BIN)/ruff format --check site_gen tests
	$(BIN)/mypy

goldens: $(DEV_STAMP)  ## Rewrite the golden Markdown snapshots; review them with git diff
	UPDATE_GOLDENS=1 $(BIN)/pytest tests/test_render.py tests/test_theme_patches.py \
		tests/test_cards.py::test_every_card_s_alt_text_matches_its_golden tests/test_embed.py::test_embed_pages_match_their_goldens \
		tests/test_cms.py::test_generated_configuration_matches_the_golden

bench: $(DEV_STAMP)  ## Measure build and load speed (ratios within one run)
	$(BIN)/python tests/bench.py

# What `make build` scanned and swapped in, and nothing else, goes to the gh-pages branch.
# Without site_url, Material's 404 page links its styles and pages from the site root, which
# breaks under a project sub-path (https://user.github.io/repo/): refuse rather than publish it.
deploy: site-url build  ## Publish site/ to the gh-pages branch
	$(BIN)/ghp-import --no-jekyll --push --force --message "Deploy site/ (built and scanned)" site

site-url:
	@test -n "$(SITE_URL)" || { echo "make deploy: set SITE_URL to the address the site is published at, e.g. SITE_URL=https://user.github.io/repo/ make deploy (without it the 404 page breaks under a sub-path)" >&2; exit 2; }

clean:
	rm -rf site build .pytest_cache
