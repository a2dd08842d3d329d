# `make run` opens the app, `make test` runs the suite; both set up .venv first.
# TORCH=cpu or TORCH=cuda picks PyTorch's build (scripts/torch_source.py; unset: CPU where no NVIDIA GPU).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint fuzz monkey bench bench-all gpu-check clean package package-test i18n

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt $$($(BIN)/python scripts/torch_source.py) -e '.[test,all]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/aegui

test: lint
	$(BIN)/python -m pytest

# The linter (with unused-noqa and complexity rules), mypy on aegui/core, and the layering
# contracts (core never imports Qt, workers never import ui, widgets never import tabs, tabs
# and commands never import each other); all run as part of `make test`.
lint: $(STAMP)
	$(BIN)/ruff check aegui tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# Update the translation catalogues (aegui/resources/i18n/*.ts) from the code, compile them
# into the .qm files the app loads, and list the texts not translated yet (docs/translating.md).
i18n: $(STAMP)
	$(BIN)/python scripts/i18n.py

# The GUI monkey for five minutes with a random seed (AEGUI_MONKEY_SEED=N replays one):
# besides exceptions, Qt warnings and GUI blocks, resident memory at rest may grow by 5 % at
# most from the second minute to the end. `make test` runs a 40-second seeded pass.
monkey: $(STAMP)
	AEGUI_MONKEY_SECONDS=$${AEGUI_MONKEY_SECONDS:-300} $(BIN)/python -m pytest tests/ui/test_monkey.py -q -s -p no:cacheprovider

# The loader and run-folder fuzz tests with many random examples (tests/fuzz; `make test` runs a short,
# seeded pass of them). AEGUI_FUZZ_EXAMPLES=N sets how many per test (default 20000).
fuzz: $(STAMP)
	AEGUI_FUZZ_PROFILE=fuzz $(BIN)/python -m pytest tests/fuzz -q -p no:cacheprovider --timeout=3600

# Every benchmark in bench/ in its quick form (under 10 minutes on 2 CPU cores; the GPU when
# there is one): bench/results/<name>.json, bench/RESULTS.md and README.md's benchmark table.
bench: $(STAMP)
	$(BIN)/python bench/run_all.py

# On a machine with an NVIDIA GPU: the CUDA tests (pytest -m cuda), then the GPU benchmarks
# (fit / bare loop at batch 256-4096, the speed options with bf16 and fp16 against fp32, colour
# photos at 32 and 64 px), in under 8 minutes. Their table goes to bench/results/RESULTS.md and
# into bench/RESULTS.md's GPU section.
gpu-check: $(STAMP)
	@$(BIN)/python -c "import sys, torch; sys.exit(0 if torch.cuda.is_available() else 'make gpu-check needs an NVIDIA GPU with a CUDA build of PyTorch; torch.cuda.is_available() is False here.')"
	$(BIN)/python -m pytest -m cuda -v -p no:cacheprovider tests
	$(BIN)/python bench/run_all.py --only train_overhead speed_options scale --gpu-section

# The same, plus the slow ones left out of `make bench` (bench/run_all.py --list shows them).
bench-all: $(STAMP)
	$(BIN)/python bench/run_all.py --all

# The installers (packaging/build.py): the wheel, the PyInstaller bundle in dist/aegui/ and, on
# Linux, dist/aegui_VERSION_amd64.deb and dist/aegui-VERSION-linux-x86_64.tar.xz. It builds in
# its own environment, build/package-venv, with the CPU-only PyTorch; .venv is not touched.
package:
	nice -n 10 $(PYTHON) packaging/build.py

# Installs what `make package` built (the wheel in a clean venv, the .deb, the tarball for one
# user), runs each, takes screenshots of the installed app under Xvfb, and removes it again.
# Needs root or sudo for the .deb. Not part of `make test`.
package-test:
	packaging/package_tools.sh
	$(MAKE) package
	packaging/package_test.sh

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
