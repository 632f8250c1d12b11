from __future__ import annotations

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
