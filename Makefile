# The one front door. `make run` and `make test` do all set-up themselves on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
PACKAGING_INSTALLED := $(VENV)/.packaging-installed
PACK := src/matrixdesk/data/matrices.sqlite
CONTENT := $(shell find data/content -type f)
COMPILER := $(shell find src/matrixdesk/core src/matrixdesk/authoring -name '*.py')
LINT_PATHS := src tests packaging scripts

.PHONY: run test bench damage-sweep screenshots package lint format pack check clean

run: $(PACK)
	$(VENV)/bin/matrixdesk

# Prerequisites are made left to right: set-up and the pack, then lint, then pytest.
test: $(PACK) lint
	$(PY) -m pytest

bench: $(PACK)
	$(PY) scripts/bench.py --json build/bench.json
	$(PY) scripts/bench_userdata.py --json build/bench-userdata.json
	$(PY) scripts/bench_notes_gui.py --json build/bench-notes-gui.json
	$(PY) scripts/bench_print.py --json build/bench-print.json

# The larger damaged-pack sweep (make test runs a smaller one): 1,000+ byte-damaged copies of the
# bundled pack, and 500+ sealed again over their damage, each also through --smoke-test.
damage-sweep: $(PACK)
	$(PY) tests/damage_corpus.py --pack $(PACK) --per-page 14 --extra 40 --smoke \
		--json build/damage-sweep.json
	$(PY) tests/damage_corpus.py --pack $(PACK) --per-page 7 --extra 20 --smoke --reseal \
		--json build/damage-sweep-resealed.json

# The frozen bundle, .deb, portable .tar.gz and wixl MSI in dist/, then their tests: the frozen
# smoke test, the installers' contents, and installing the .deb (this machine must be yours).
package: $(PACK) $(PACKAGING_INSTALLED)
	scripts/install-package-deps.sh
	$(PY) packaging/package.py
	MATRIXDESK_INSTALL_TEST=1 $(PY) -m pytest tests/test_frozen.py tests/test_frozen_desktop.py \
		tests/test_installers.py

screenshots: $(PACK)
	$(PY) scripts/screenshots.py
	$(PY) scripts/print_screenshots.py

lint: $(INSTALLED)
	$(PY) -m ruff check $(LINT_PATHS)
	$(PY) -m ruff format --check $(LINT_PATHS)
	$(PY) -m mypy

format: $(INSTALLED)
	$(PY) -m ruff format $(LINT_PATHS)
	$(PY) -m ruff check --fix $(LINT_PATHS)

pack: $(PACK)

check: $(INSTALLED)
	$(PY) -m matrixdesk check data/content

# Again when the system packages change, so an existing checkout gets the new ones too.
$(INSTALLED): pyproject.toml scripts/install-system-deps.sh
	scripts/install-system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# PyInstaller, on top of the test set-up; again only when pyproject.toml changes.
$(PACKAGING_INSTALLED): $(INSTALLED) pyproject.toml
	$(PY) -m pip install --quiet -e '.[package]'
	touch $@

$(PACK): $(INSTALLED) $(CONTENT) $(COMPILER)
	$(PY) -m matrixdesk build data/content -o $@

clean:
	rm -rf $(VENV) build dist $(PACK) .pytest_cache .ruff_cache
