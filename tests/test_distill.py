from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from conftest import REPO

from verify.train.distill import resolve_teacher, student_premise_title, teacher_identity
from verify.train.finetune import parse_args
from verify.train.teacher_cache import TeacherCache, TeacherCacheError, pair_key

NLI_DIR = REPO.parent / "shared" / "nli"
needs_data = pytest.mark.skipif(not (NLI_DIR / "pairs").is_dir(), reason=f"NLI training data not at {NLI_DIR}")
IDENTITY = {"spec": "fake", "name": "fake", "key": "k1"}


class FakeTeacher:
    """Probabilities that depend on the pair's text alone; counts the pairs it scores, and can be
    made to die (as a killed process) on its n-th call."""

    name = "fake-teacher"

    def __init__(self, die_on_call: int | None = None) -> None:
        self.calls = 0
        self.scored: list[tuple[str, str]] = []
        self.die_on_call = die_on_call

    def score(self, premises: list[str], hypotheses: list[str]) -> np.ndarray:
        self.calls += 1
        if self.calls == self.die_on_call:
            raise KeyboardInterrupt("killed")
        self.scored += list(zip(premises, hypotheses))
        raw = np.array(
            [[b + 1 for b in hashlib.sha1(f"{p}|{h}".encode()).digest()[:3]] for p, h in zip(premises, hypotheses)],
            dtype=np.float64,
        )
        return (raw / raw.sum(axis=1, keepdims=True)).astype(np.float32)


def pairs(n: int) -> list[tuple[str, str]]:
    return [(f"premise {i}", f"hypothesis {i % 7}") for i in range(n)]


def test_teacher_cache_writes_shards_and_reloads_them(tmp_path: Path) -> None:
    wanted = pairs(50) + pairs(10)  # repeats are scored once
    teacher = FakeTeacher()
    cache = TeacherCache(tmp_path / "cache", IDENTITY)
    assert cache.fill(teacher, wanted, shard_pairs=16, log=lambda _: None) == 50
    assert len(set(teacher.scored)) == 50 and len(cache.shards()) == 4  # 16 + 16 + 16 + 2
    reloaded = TeacherCache(tmp_path / "cache", IDENTITY)  # a new process: read from disk
    assert len(reloaded) == 50 and reloaded.missing(wanted) == []
    got = reloaded.probs_for(wanted)
    assert got.shape == (60, 3) and got.dtype == np.float32
    np.testing.assert_allclose(got, FakeTeacher().score([p for p, _ in wanted], [h for _, h in wanted]))
    assert reloaded.meta()["scored_by"] == ["fake-teacher"]
    # Nothing is scored again: still 4 shards' calls and the warm-up.
    assert reloaded.fill(teacher, wanted, log=lambda _: None) == 0 and teacher.calls == 5
    with pytest.raises(TeacherCacheError, match="1 of 2 pairs"):
        reloaded.probs_for([wanted[0], ("new premise", "new hypothesis")])


def test_a_killed_fill_resumes_from_its_written_shards(tmp_path: Path) -> None:
    wanted = pairs(70)
    folder = tmp_path / "cache"
    dying = FakeTeacher(die_on_call=4)  # a warm-up call, two shards, then killed
    with pytest.raises(KeyboardInterrupt):
        TeacherCache(folder, IDENTITY).fill(dying, wanted, shard_pairs=20, log=lambda _: None)
    (folder / ".shard-deadbeef.npz.123.tmp").write_bytes(b"half a shard")  # a write cut short
    assert len(TeacherCache(folder, IDENTITY).shards()) == 2  # the shard being scored is lost, no more
    resumed = FakeTeacher()
    cache = TeacherCache(folder, IDENTITY)
    assert cache.fill(resumed, wanted, shard_pairs=20, log=lambda _: None) == 30
    assert set(resumed.scored) == set(wanted[40:])  # only what no shard held
    whole = TeacherCache(tmp_path / "whole", IDENTITY)
    whole.fill(FakeTeacher(), wanted, shard_pairs=20, log=lambda _: None)
    np.testing.assert_array_equal(TeacherCache(folder, IDENTITY).probs_for(wanted), whole.probs_for(wanted))


def test_a_cache_belongs_to_one_teacher(tmp_path: Path) -> None:
    TeacherCache(tmp_path, IDENTITY)
    with pytest.raises(TeacherCacheError, match="another --teacher-cache"):
        TeacherCache(tmp_path, {**IDENTITY, "key": "k2"})
    assert pair_key("a", "bc") != pair_key("ab", "c")  # the separator keeps pairs apart


def fake_bundle(folder: Path, delta: bytes, premise: dict[str, bool] | None = None) -> Path:
    folder.mkdir(parents=True)
    (folder / "delta.safetensors").write_bytes(delta)
    card = {"base_key": "minilm-l6", "id2label": {"0": "entailment"}, "fp32": {"heldout_mix": 0.7}}
    (folder / "model.json").write_text(json.dumps({**card, **({"premise": premise} if premise else {})}))
    return folder


def test_the_teacher_identity_follows_its_weights_and_premise_format(tmp_path: Path) -> None:
    one = teacher_identity(str(fake_bundle(tmp_path / "t1", b"weights one")))
    two = teacher_identity(str(fake_bundle(tmp_path / "t2", b"weights two", {"title": True})))
    assert one["spec"].endswith("t1:fp32") and one["key"] != two["key"]
    assert one["card"] == {"fp32": {"heldout_mix": 0.7}} and one["premise"] == {"title": False, "dateline": False}
    assert teacher_identity(str(tmp_path / "t1") + ":int8")["key"] != one["key"]  # other scores, other cache
    assert resolve_teacher("bundled")[0] == "bundled:fp32"
    with pytest.raises(SystemExit, match="no model bundle"):
        resolve_teacher(str(tmp_path / "not-trained-yet"))
    args = parse_args(["--out", "x"])
    assert student_premise_title(args, two) is True  # the student reads premises as the teacher does
    assert student_premise_title(args, one) is False
    with pytest.raises(SystemExit, match="bare passages"):
        student_premise_title(parse_args(["--premise-title"]), one)


def test_distillation_never_writes_the_shipped_bundle(tmp_path: Path) -> None:
    from verify.bundled import BUNDLED_DIR
    from verify.train.distill import distill_setup

    teacher = str(fake_bundle(tmp_path / "t", b"w"))
    for out in ([], ["--out", str(BUNDLED_DIR)]):
        with pytest.raises(SystemExit, match="needs --out"):
            distill_setup(parse_args(["--teacher", teacher, *out]))
    with pytest.raises(SystemExit, match="--alpha"):
        distill_setup(parse_args(["--teacher", teacher, "--out", "x", "--alpha", "1.5"]))
    assert distill_setup(parse_args(["--out", "x"])) is None


@pytest.mark.slow
def test_the_kd_loss_is_the_formula() -> None:
    import torch

    from verify.train.losses import distillation_loss, kd_loss, nli_loss

    logits = torch.tensor([[2.0, 0.5, -1.0], [0.0, 1.0, 0.3]])
    teacher = torch.tensor([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]])
    t = 2.0
    expected = 0.0
    for row in range(2):
        q = [p ** (1 / t) for p in teacher[row].tolist()]
        q = [x / sum(q) for x in q]
        s = [torch.exp(z / t).item() for z in logits[row]]
        s = [x / sum(s) for x in s]
        expected += t * t * sum(qi * (np.log(qi) - np.log(si)) for qi, si in zip(q, s)) / 2
    assert kd_loss(logits, teacher, t).item() == pytest.approx(expected, rel=1e-5)
    targets, two_way = torch.tensor([0, -1]), torch.tensor([False, True])
    blended = distillation_loss(logits, teacher, targets, two_way, 0.3, t).item()
    assert blended == pytest.approx(0.3 * expected + 0.7 * nli_loss(logits, targets, two_way).item(), rel=1e-5)


@pytest.mark.slow
def test_a_student_equal_to_its_teacher_gets_no_gradient_at_alpha_one() -> None:
    import torch

    from verify.train.losses import distillation_loss

    logits = torch.tensor([[1.5, -0.2, 0.4], [-1.0, 0.0, 2.0]], requires_grad=True)
    teacher = torch.softmax(logits.detach(), dim=-1)
    loss = distillation_loss(logits, teacher, torch.tensor([2, 0]), torch.tensor([False, False]), 1.0, 2.0)
    loss.backward()
    assert logits.grad is not None
    assert loss.item() == pytest.approx(0.0, abs=1e-6) and logits.grad.abs().max().item() < 1e-6
    logits.grad = None
    distillation_loss(logits, teacher, torch.tensor([2, 0]), torch.tensor([False, False]), 0.5, 2.0).backward()
    assert logits.grad.abs().max().item() > 1e-3  # the gold labels still pull where they disagree


@needs_data
@pytest.mark.slow
def test_a_two_step_distillation_writes_a_bundle_naming_its_teacher(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import verify.train.distill as distill
    from verify.nli import load_nli
    from verify.train.finetune import train

    flags = ["--nli-dir", str(NLI_DIR), "--out", str(tmp_path / "student"), "--checkpoint-dir", str(tmp_path / "ckpt")]
    flags += ["--max-pairs", "16", "--batch-size", "8", "--heldout", "8", "--mnli-pairs", "8", "--threads", "1"]
    flags += ["--checkpoint-every", "1", "--teacher", "bundled", "--teacher-backend", "torch"]
    flags += ["--teacher-cache", str(tmp_path / "teacher"), "--alpha", "0.7", "--temperature", "3"]
    report = train(parse_args(flags))
    card = json.loads((tmp_path / "student" / "model.json").read_text())
    section = card["distillation"]
    assert section["teacher"]["name"] == "nli-minilm-l6" and section["teacher"]["spec"] == "bundled:fp32"
    assert section["teacher"]["shipped_int8"]["mnli_dev_matched"]["pairs"] == 1500  # the teacher's own figures
    assert (section["alpha"], section["temperature"], section["cached_pairs"]) == (0.7, 3.0, 16)
    assert section["scored_by"] == ["bundled:fp32"] and report["licences"]  # licences as for any training run
    assert len(TeacherCache(tmp_path / "teacher", {"key": section["teacher"]["key"]})) == 16
    assert load_nli(str(tmp_path / "student")).score(["It rained."], ["It was wet."]).shape == (1, 3)

    # The checkpoint of step 1 resumes only the same distillation, and the cache spares the teacher.
    def no_teacher(*_: object) -> None:
        raise AssertionError("the teacher was opened though every pair is cached")

    monkeypatch.setattr(distill, "open_teacher", no_teacher)
    with pytest.raises(SystemExit, match="from a run with distillation"):
        train(parse_args([*flags, "--alpha", "0.2"]))
