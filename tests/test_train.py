from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from conftest import REPO

from verify.bundled import load_bundle
from verify.nli import BundledNLI, load_nli
from verify.train.data import LABELS, Pair, build_mix, external_heldout, random_pair_neutrals
from verify.train.finetune import length_bucketed_batches, nli_loss, parse_args, train

NLI_DIR = REPO.parent / "shared" / "nli"
needs_data = pytest.mark.skipif(not (NLI_DIR / "pairs").is_dir(), reason=f"NLI training data not at {NLI_DIR}")


def test_not_entailment_loss_counts_neutral_and_contradiction() -> None:
    import torch

    logits = torch.log(torch.tensor([[0.1, 0.6, 0.3], [0.1, 0.6, 0.3]]))
    targets = torch.tensor([1, -1])
    two_way = torch.tensor([False, True])
    per_row = [nli_loss(logits[i : i + 1], targets[i : i + 1], two_way[i : i + 1]).item() for i in range(2)]
    assert per_row[0] == pytest.approx(-torch.log(torch.tensor(0.6)).item(), abs=1e-5)
    assert per_row[1] == pytest.approx(-torch.log(torch.tensor(0.9)).item(), abs=1e-5)


def test_training_precision_is_bf16_only_where_the_cpu_computes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import verify.nli
    from verify.train.finetune import resolve_precision  # what training resolves --precision with

    for native, expected in ((True, "bf16"), (False, "fp32")):
        monkeypatch.setattr(verify.nli, "cpu_has_native_bf16", lambda native=native: native)
        assert resolve_precision("auto") == expected
        assert resolve_precision("fp32") == "fp32"  # an explicit choice is kept


def test_length_buckets_cover_every_pair_once() -> None:
    lengths = [random.Random(i).randint(5, 120) for i in range(1000)]
    batches = length_bucketed_batches(lengths, 32, random.Random(0))
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(1000))
    assert all(len(b) <= 32 for b in batches)
    spread = sum(max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in batches) / len(batches)
    assert spread < 30  # batches hold similar lengths, so little padding


def test_random_pair_neutrals() -> None:
    pairs = [Pair(f"p{i}", f"h{i}", "entailment", "d") for i in range(10)]
    made = random_pair_neutrals(pairs, 5, random.Random(0))
    assert len(made) == 5 and all(p.label == "neutral" and p.premise[1:] != p.hypothesis[1:] for p in made)


@needs_data
def test_mix_keeps_heldout_and_mnli_dev_out_of_training() -> None:
    train_pairs, heldout = build_mix(NLI_DIR, max_pairs=5000, heldout=300, seed=1)
    assert len(train_pairs) == 5000 and len(heldout) == 300
    key = lambda p: (p.premise, p.hypothesis)  # noqa: E731
    assert not {key(p) for p in heldout} & {key(p) for p in train_pairs}
    assert {p.label for p in train_pairs} <= {*LABELS, "not_entailment"}
    mnli = external_heldout(NLI_DIR, 200)
    assert len(mnli) == 200 and not {key(p) for p in mnli} & {key(p) for p in train_pairs}
    assert not {p.dataset for p in train_pairs} & {"anli_devtest", "sick", "imppres"}  # non-commercial


@needs_data
@pytest.mark.slow
def test_tiny_training_run_writes_a_loadable_measured_bundle(tmp_path: Path) -> None:
    args = parse_args(
        [
            "--nli-dir",
            str(NLI_DIR),
            "--out",
            str(tmp_path / "bundle"),
            "--checkpoint-dir",
            str(tmp_path / "ckpt"),
            "--max-pairs",
            "64",
            "--heldout",
            "32",
            "--mnli-pairs",
            "32",
            "--batch-size",
            "16",
            "--checkpoint-every",
            "2",
            "--threads",
            "1",
            "--precision",
            "bf16",  # autocast on any CPU (emulated where not native): the fast path must still train
        ]
    )
    report = train(args)
    assert report["train_pairs"] == 64 and report["train_precision"] == "bf16"
    assert set(report["shipped_int8"]) == {"heldout_mix", "mnli_dev_matched"}
    model, tokenizer, card = load_bundle(tmp_path / "bundle")
    assert card["train_pairs"] == 64 and model.config.id2label == dict(enumerate(LABELS))
    assert (tmp_path / "bundle" / "delta.safetensors").stat().st_size < 25 * 1024 * 1024
    nli = load_nli(str(tmp_path / "bundle"))  # a trained bundle folder is selectable as --model
    assert isinstance(nli, BundledNLI) and nli.score(["It rained."], ["It was wet."]).shape == (1, 3)


BENCH_DIR = REPO.parent / "shared" / "bench"


@pytest.mark.skipif(not BENCH_DIR.is_dir(), reason=f"benchmark data not at {BENCH_DIR}")
def test_bench_pairs_use_training_splits_only() -> None:
    from verify.train.bench_pairs import bench_pairs, in_calibration_split

    pairs = bench_pairs(BENCH_DIR)
    assert {p.dataset for p in pairs} == {"check_covid_train", "fm2_dev"}
    assert {p.label for p in pairs} == {"entailment", "neutral", "contradiction", "not_entailment"}
    dev_claims = {
        json.loads(line)["claim"]
        for line in (BENCH_DIR / "check-covid" / "dev" / "covidCheck_dev_composed+extracted.json").open()
    }
    assert not dev_claims & {p.hypothesis for p in pairs}
    train_rows = [
        json.loads(line)
        for line in (BENCH_DIR / "check-covid" / "train" / "covidCheck_train_composed+extracted.json").open()
    ]
    held = {r["claim"] for r in train_rows if in_calibration_split(r["claim"])}
    share = sum(r["claim"] in held for r in train_rows) / len(train_rows)
    assert 0.2 < share < 0.4  # the calibration split is never trained on
    assert not held & {p.hypothesis for p in pairs}


def test_the_makefile_training_recipes_parse() -> None:
    """`make train` / `make train-mpnet` are the documented one-command recipes: keep them valid."""
    import re
    import shlex

    makefile = (REPO / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    commands = re.findall(r"python -m verify\.train ([^\n]*)", makefile)
    assert len(commands) == 6
    names = {"$(TRAIN)": "index/.train", "$(DISTILL)": "index/.train/distill", "$(TEACHER)": "mpnet"}
    parsed = [parse_args(shlex.split(re.sub(r"\$\(\w+\)", lambda m: names[m[0]], c))) for c in commands]
    assert all(args.lr > 0 and args.max_pairs > 0 and not args.dry_run for args in parsed)
    stage2 = parsed[1]
    assert stage2.init_from == "index/.train/stage1" and stage2.synthetic == 12000 and stage2.bench_pairs
    mpnet1, mpnet2 = parsed[2:4]
    assert mpnet2.init_from == mpnet1.out and mpnet2.skip_pairs == mpnet1.max_pairs  # unseen mix pairs
    lora = ("base", "mix", "lora_rank", "lora_from_layer")
    assert [getattr(mpnet2, k) for k in lora] == [getattr(mpnet1, k) for k in lora]  # the same adapters
    assert mpnet2.bench_pairs and mpnet2.synthetic and mpnet2.premise_title and not mpnet1.premise_title
    assert mpnet2.checkpoint_dir == "index/.train/ckpt-mpnet-lora2" != mpnet1.checkpoint_dir
    # `make distill`: the two MiniLM stages with a teacher, written beside them, never the shipped bundle.
    distill1, distill2 = parsed[4:]
    for plain, taught in ((parsed[0], distill1), (stage2, distill2)):
        same = ("max_pairs", "skip_pairs", "bench_pairs", "synthetic", "lr", "mix", "base")
        assert [getattr(taught, k) for k in same] == [getattr(plain, k) for k in same]
        assert taught.teacher == "mpnet" and taught.out.startswith("index/.train/distill/")
    assert distill2.init_from == distill1.out and distill1.checkpoint_dir != distill2.checkpoint_dir


@needs_data
def test_wide_mix_reports_on_the_compact_heldout_and_never_trains_on_it() -> None:
    wide, heldout = build_mix(NLI_DIR, max_pairs=100_000, heldout=300, seed=1, mix="wide")
    _, compact_heldout = build_mix(NLI_DIR, max_pairs=0, heldout=300, seed=1)
    assert heldout == compact_heldout and len(wide) == 100_000
    key = lambda p: (p.premise, p.hypothesis)  # noqa: E731
    assert not {key(p) for p in heldout} & {key(p) for p in wide}
    assert not {key(p) for p in external_heldout(NLI_DIR, 1500)} & {key(p) for p in wide}
    assert not {p.dataset for p in wide} & {"anli_devtest", "sick", "imppres"}  # non-commercial
    assert {"mpe", "scone", "curriculum"} <= {p.dataset for p in wide}  # more than the compact mix


def test_a_lora_delta_rebuilds_the_trained_model() -> None:
    """What ships (two fp16 factors per adapted matrix, the classifier, packed as a bundle) must
    give the logits of the LoRA model that was trained, without peft at load time."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from verify.bundled import base_model_dir, merge_lora, pack_state, unpack_state
    from verify.train.lora import add_lora, lora_delta

    base = str(base_model_dir())
    torch.manual_seed(0)
    trained = add_lora(AutoModelForSequenceClassification.from_pretrained(base, num_labels=3), rank=4, from_layer=2)
    with torch.no_grad():  # stand-in for training: B starts at zero, which would make the test vacuous
        for param in trained.parameters():
            if param.requires_grad:
                param.add_(torch.randn_like(param) * 0.05)
    assert sum(p.requires_grad for p in trained.parameters()) > 0
    assert not any(p.requires_grad for n, p in trained.named_parameters() if ".layer.0." in n or ".layer.1." in n)
    tokenizer = AutoTokenizer.from_pretrained(base)
    batch = tokenizer(["The court upheld the ban."], ["The ban stands."], return_tensors="pt")
    trained.eval()
    with torch.no_grad():
        expected = trained(**batch).logits

    delta = unpack_state(pack_state(lora_delta(trained)))
    assert any(k.endswith(".lora_A") for k in delta) and "classifier.weight" in delta
    fresh = AutoModelForSequenceClassification.from_pretrained(base, num_labels=3).eval()
    missing, unexpected = fresh.load_state_dict(merge_lora(fresh, delta), strict=False)
    assert not unexpected and not [m for m in missing if m.startswith("classifier.")]
    with torch.no_grad():
        got = fresh(**batch).logits
    assert torch.allclose(got, expected, atol=0.02), (got, expected)


@needs_data
@pytest.mark.slow
def test_stage_two_continues_the_lora_adapters_and_asks_for_titled_premises(tmp_path: Path) -> None:
    """A stage 2 from a LoRA bundle trains the same adapters on (with no learning rate, it must
    ship the stage-1 model again), and a --premise-title run's card asks inference for titles."""
    from test_synthetic import fm2_folder

    from verify.premise import PLAIN, PremiseFormat
    from verify.train.finetune import initial_delta

    bench = fm2_folder(tmp_path / "bench")
    common = ["--nli-dir", str(NLI_DIR), "--heldout", "16", "--mnli-pairs", "16", "--batch-size", "16"]
    common += ["--threads", "1", "--lora-rank", "4", "--lora-from-layer", "4", "--max-pairs", "32"]
    stage1, stage2 = tmp_path / "stage1", tmp_path / "stage2"
    train(parse_args([*common, "--out", str(stage1), "--checkpoint-dir", str(tmp_path / "c1"), "--lr", "1e-3"]))
    second = [*common, "--out", str(stage2), "--checkpoint-dir", str(tmp_path / "c2"), "--init-from", str(stage1)]
    second += ["--skip-pairs", "32", "--bench-dir", str(bench), "--synthetic", "30", "--premise-title", "--lr", "0"]
    report = train(parse_args(second))
    assert report["premise"] == {"title": True, "dateline": False}
    assert {"synthetic_role_swap", "synthetic_role_kept"} <= set(report["synthetic_kinds"])
    first_nli, second_nli = load_nli(f"{stage1}:fp32"), load_nli(f"{stage2}:fp32")
    assert first_nli.premise_format == PLAIN and second_nli.premise_format == PremiseFormat(title=True)  # type: ignore[attr-defined]
    premises = ["The court upheld the ban on March 2.", "The Tigers beat the Lions 2-0."]
    hypotheses = ["The court overturned the ban.", "The Lions beat the Tigers."]
    same = abs(first_nli.score(premises, hypotheses) - second_nli.score(premises, hypotheses)).max()
    assert same < 0.02  # the stage-1 adapters were loaded, not started afresh
    with pytest.raises(SystemExit, match="--lora-rank 4 --lora-from-layer 4"):
        initial_delta(parse_args([*second, "--lora-rank", "8"]))


@pytest.mark.slow
def test_a_snapshot_of_a_titled_run_asks_inference_for_titles(tmp_path: Path) -> None:
    """A snapshot bundle reads its checkpoint's adapters, and its card carries the run's premise
    format: a stage-2 (--premise-title) model must be measured on titled premises, as trained."""
    import torch
    from transformers import AutoModelForSequenceClassification

    from verify.bundled import DEFAULT_BASE, base_model_dir
    from verify.premise import PLAIN, PremiseFormat
    from verify.train.lora import add_lora, trainable_state
    from verify.train.snapshot import main

    torch.manual_seed(0)
    model = add_lora(AutoModelForSequenceClassification.from_pretrained(str(base_model_dir()), num_labels=3), 4, 4)
    with torch.no_grad():  # B starts at zero: move every trained tensor so the snapshot has something to carry
        for param in model.parameters():
            if param.requires_grad:
                param.add_(torch.randn_like(param) * 0.05)
    ckpt = tmp_path / "ckpt"
    ckpt.mkdir()
    torch.save({"model": trainable_state(model), "step": 7}, ckpt / "checkpoint.pt")
    common = ["--checkpoint-dir", str(ckpt), "--base", DEFAULT_BASE, "--lora-rank", "4", "--lora-from-layer", "4"]
    main([*common, "--out", str(tmp_path / "titled"), "--premise-title"])
    main([*common, "--out", str(tmp_path / "plain")])
    titled, plain = load_nli(f"{tmp_path / 'titled'}:fp32"), load_nli(f"{tmp_path / 'plain'}:fp32")
    assert titled.premise_format == PremiseFormat(title=True)  # type: ignore[attr-defined]
    assert plain.premise_format == PLAIN  # type: ignore[attr-defined]
    assert json.loads((tmp_path / "titled" / "model.json").read_text())["snapshot"]["step"] == 7
    # The checkpoint's adapters, not the base's: the snapshot scores as the model that was saved.
    from transformers import AutoTokenizer

    premises, hypotheses = ["The court upheld the ban on March 2."], ["The court overturned the ban."]
    model.eval()
    with torch.no_grad():
        batch = AutoTokenizer.from_pretrained(str(base_model_dir()))(premises, hypotheses, return_tensors="pt")
        expected = torch.softmax(model(**batch).logits, dim=-1).numpy()
    assert abs(titled.score(premises, hypotheses) - expected).max() < 0.02


def test_evaluation_of_a_mix_reports_each_dataset() -> None:
    from verify.train.finetune import evaluate

    model, tokenizer, _ = load_bundle(REPO / "verify" / "models" / "nli-minilm-l6")
    council = "The council approved the budget on Monday."
    pairs = [
        Pair(council, "The budget was approved.", "entailment", "set_a"),
        Pair(council, "The council rejected the budget.", "contradiction", "set_a"),
        Pair("A man is playing a guitar on stage.", "A woman is asleep at home.", "contradiction", "set_b"),
        Pair("A man is playing a guitar on stage.", "The man is a famous singer.", "neutral", "set_b"),
        Pair("Rain fell all day in the city.", "The streets were dry.", "not_entailment", "set_b"),
    ]
    figures = evaluate(model, tokenizer, pairs, max_length=128)
    by = figures["by_dataset"]
    assert {name: f["pairs"] for name, f in by.items()} == {"set_a": 2, "set_b": 3}
    # the per-set figures add up to the whole: 3-way over the 4 three-way pairs, 2-way over all 5
    three_way = {"set_a": 2, "set_b": 2}  # set_b's third pair is 2-way only (not_entailment)
    right_3way = sum(f["accuracy_3way"] * three_way[name] for name, f in by.items())
    assert right_3way == pytest.approx(figures["accuracy_3way"] * figures["pairs_3way"], abs=1e-3)
    right_2way = sum(f["accuracy_2way"] * f["pairs"] for f in by.values())
    assert right_2way == pytest.approx(figures["accuracy_2way"] * figures["pairs"], abs=1e-3)
    # a single set is its own whole: no breakdown
    assert "by_dataset" not in evaluate(model, tokenizer, pairs[:2], max_length=128)
