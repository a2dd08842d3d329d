# `make run` opens the app, `make test` runs the suite; both set up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint fuzz bench clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/aegui

test: lint
	$(BIN)/python -m pytest

# The layering contracts (core never imports Qt, workers never import ui, widgets never
# import tabs) and the linter; both run as part of `make test`.
lint: $(STAMP)
	$(BIN)/ruff check aegui tests bench
	$(BIN)/lint-imports

# The loader fuzz tests with many random examples (tests/fuzz; `make test` runs a short,
# seeded pass of them). AEGUI_FUZZ_EXAMPLES=N sets how many per test (default 20000).
fuzz: $(STAMP)
	AEGUI_FUZZ_PROFILE=fuzz $(BIN)/python -m pytest tests/fuzz -q -p no:cacheprovider --timeout=3600

bench: $(STAMP)
	$(BIN)/python bench/train_overhead.py
	$(BIN)/python bench/gui_responsiveness.py
	$(BIN)/python bench/gui_soak.py
	$(BIN)/python bench/ddp_scaling.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
