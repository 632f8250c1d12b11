from __future__ import annotations

import datetime as dt
import inspect

import pytest

import verify
from verify import Label, Verifier


def test_public_api_is_complete() -> None:
    for name in verify.__all__:
        assert getattr(verify, name) is not None  # each name resolves (they load lazily)
    public = {name for name, obj in vars(verify).items() if not name.startswith("_") and not inspect.ismodule(obj)}
    assert public <= set(verify.__all__) and set(dir(verify)) >= set(verify.__all__)
    with pytest.raises(AttributeError):
        verify.no_such_name  # noqa: B018


def test_label_prints_as_its_value() -> None:
    assert str(Label.UNKNOWN) == "unknown" and f"{Label.SUPPORTED}" == "supported"
    assert Label("contradicted") is Label.CONTRADICTED and Label.UNKNOWN == "unknown"


@pytest.mark.slow
def test_the_constructor_never_embeds_and_open_syncs_the_seeds(tmp_path) -> None:
    from conftest import SEEDS

    from verify.errors import IndexMissing

    v = Verifier(tmp_path / "seeded", seeds_dir=SEEDS)
    assert not v.exists and v.seed_report is None  # nothing written yet
    opened = Verifier.open(tmp_path / "seeded", seeds_dir=SEEDS)
    assert opened.seed_report is not None and opened.seed_report.added == ["tass-telegram-fsb-2018-08-28"]
    assert Verifier.open(tmp_path / "seeded", seeds_dir=SEEDS).seed_report is None  # in step: nothing to do
    with pytest.raises(IndexMissing, match="no index at"):
        Verifier.open(tmp_path / "absent")
    assert not Verifier.open(tmp_path / "absent", create=True).exists
    info = opened.run_info()
    assert (info.sources, info.passages, info.seeded) == (1, 16, True)


def test_verifier_python_api_end_to_end(tmp_path, seed_index_dir) -> None:
    import shutil

    shutil.copytree(seed_index_dir, tmp_path / "idx")
    v = Verifier(tmp_path / "idx")
    assert v.seeds_dir is None
    verdict = v.verify("The Moscow City Court rejected the appeal on June 14.")
    assert verdict.label is Label.SUPPORTED
    assert "Moscow City Court" in verdict.evidence[0].text
    assert verdict.evidence[0].source_id == "tass-telegram-fsb-2018-08-28"
    # a blank claim is refused with a message, never given a confident label
    for blank in ("", "   ", None):
        with pytest.raises(verify.VerifyError, match="some text"):
            v.verify(blank)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="only spaces"):
        verify.Claim(id="x", claim=" \t")


def test_a_date_of_the_claims_own_act_contradicts_and_another_partys_does_not(tmp_path, seed_index_dir) -> None:
    """The seed dates the Supreme Court's rejection in a sentence that shares half the claim's words
    ("On March 20, the Supreme Court turned the request down."); the Moscow City Court's June 14
    rejection is another party's act and dates nothing of the Supreme Court's."""
    import shutil

    shutil.copytree(seed_index_dir, tmp_path / "idx")
    v = Verifier(tmp_path / "idx")
    for claim in (
        "Russia's Supreme Court rejected Telegram's request in June 2018.",
        "The Supreme Court rejected Telegram's lawsuit in April 2018.",
    ):
        verdict = v.verify(claim)
        assert verdict.label is Label.CONTRADICTED, claim
        assert "20 March 2018" in verdict.reason and "“On March 20, the Supreme Court turned" in verdict.reason
        assert "Moscow City Court" not in verdict.reason


def test_verifier_python_api_on_each_backend(seeded_location) -> None:
    """Verifier.open takes a folder or an engine URL; seeds sync into either when asked."""
    from conftest import DATA, SEEDS

    v = Verifier.open(seeded_location)
    assert v.verify("The Moscow City Court rejected the appeal on June 14.").label is Label.SUPPORTED
    assert v.add_sources([DATA / "riverton_bridge.txt"]).added == ["riverton-bridge"]
    assert v.run_info().index == str(seeded_location) and v.run_info().sources == 2
    assert v.remove_sources(["riverton-bridge"]).removed == ["riverton-bridge"]
    assert [s.id for s in v.list_sources()] == ["tass-telegram-fsb-2018-08-28"]
    # The seed article is there as a user source: a seeded Verifier takes it over as a seed.
    seeded = Verifier.open(seeded_location, seeds_dir=SEEDS)
    assert seeded.seed_report is not None and seeded.seed_report.replaced == ["tass-telegram-fsb-2018-08-28"]
    assert [s.kind for s in seeded.list_sources()] == ["seed"]


@pytest.mark.slow
def test_readme_python_example(tmp_path) -> None:
    """The README's Python API example, step by step, on a fresh index."""
    from conftest import DATA

    v = Verifier(tmp_path / "index" / "newsroom")
    report = v.add_sources([DATA])
    assert report.added == ["riverton-bridge"]
    verdict = v.verify("Construction of the new bridge is expected to take 18 months.")
    assert verdict.label is Label.SUPPORTED and "18 months" in verdict.reason
    assert ("duration", True, "18 months") in [(f.kind, f.agrees, f.claim) for f in verdict.findings]
    top = verdict.evidence[0]
    assert top.source_id == "riverton-bridge" and "18 months" in top.text
    assert (DATA / "riverton_bridge.txt").read_text(encoding="utf-8").strip("\n")[top.start : top.end] == top.text
    assert [s.id for s in v.list_sources()] == ["riverton-bridge"]


HOUSE_VOTE = (
    "House passes school phone ban\n"
    "The state House of Representatives voted 71-27 on Wednesday to require public schools to ban "
    "students' cellphones for the whole school day, sending the bill to the Senate. The bill's sponsor "
    "said teachers had asked for it. Lawmakers also heard from parents who opposed the measure."
)


@pytest.mark.slow  # the real MiniLM verifies the claims
def test_the_model_reads_the_claim_with_the_facts_matched_in_the_passages_words(tmp_path) -> None:
    """The model cannot tell that "on Wednesday" in an article of Thursday 17 April 2025 is "April 16"
    (it reads the two as different); the fact layer can, so the model reads the claim with the
    passage's "Wednesday" (verify.facts.restate) and a plain restatement is supported. A wrong date
    is not swapped, and stays contradicted."""
    from verify.facts.align import check_text
    from verify.facts.restate import restated_claim
    from verify.sources import make_source

    claim = "The House voted on the cellphone ban on April 16."
    published = dt.date(2025, 4, 17)
    assert restated_claim(claim, check_text(claim, HOUSE_VOTE, published)) == (
        "The House voted on the cellphone ban on Wednesday."
    )
    # the sentence's day, though the parse hangs it on another verb ("on Wednesday fined" for
    # "announced their fine"); a year is not swapped for a day
    fined = "State regulators on Wednesday fined the sewer authority $487,500 for a spill in March."
    announced = "State regulators announced their fine against the sewer authority on May 7, 2025."
    may8 = dt.date(2025, 5, 8)
    assert restated_claim(announced, check_text(announced, fined, may8)) == announced.replace(
        "May 7, 2025", "Wednesday"
    )
    year = "The regulators' 2025 fine against the sewer authority was $487,500."
    year_agrees = check_text(year, fined, may8)
    assert ("date", True) in [(f.kind, f.agrees) for f in year_agrees.findings]
    assert restated_claim(year, year_agrees) == year
    # a body the sentence gives by its kind alone, in a story that names it and no other of its kind
    story = (
        "CANTRELL — Cantrell Regional Airport will add nonstop flights this fall.\n\n"
        "The airport handled 412,600 passengers from January through June."
    )
    handled = "Cantrell Regional Airport handled 412,600 passengers from January through June."
    aligned = check_text(handled, story, dt.date(2025, 7, 17))
    assert restated_claim(handled, aligned) == "The airport handled 412,600 passengers from January through June."
    two = story.replace("this fall.", "this fall, and Brennerton International Airport will lose them.")
    assert restated_claim(handled, check_text(handled, two, dt.date(2025, 7, 17))) == handled
    v = Verifier(tmp_path / "idx", seeds_dir=None, nli_model="fast")
    v.add(make_source(HOUSE_VOTE, {"id": "house-vote", "published": "2025-04-17"}, "house-vote", None))
    assert v.verify(claim).label is Label.SUPPORTED
    wrong = v.verify("The House voted on the cellphone ban on April 15.")
    assert wrong.label is Label.CONTRADICTED and "16 April 2025" in wrong.reason
