# The README's two commands: `make run` and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CLAIMS ?= claims/example.jsonl

.PHONY: run test eval lint bench train clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# The CPU build of torch first: an unpinned torch would pull a multi-GB CUDA build.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## verify the example claims against the seed article
	$(BIN)/verify $(CLAIMS)

test: $(STAMP)  ## the whole test suite (real models on small data)
	$(BIN)/pytest

eval: $(STAMP)  ## accuracy on the labelled seed claims
	$(BIN)/verify eval claims/seed_dev.jsonl

lint: $(STAMP)
	$(BIN)/ruff check verify tests benchmarks
	$(BIN)/mypy

train: $(STAMP)  ## re-train the bundled NLI model (about 45 minutes on 2 CPU cores)
	$(BIN)/python -m verify.train --nli-dir ../shared/nli

clean:
	rm -rf $(VENV) index/default .pytest_cache
