"""Model cards name the licence of every dataset a model was trained on."""

from __future__ import annotations

import pytest

from verify.train.data import MIXES
from verify.train.licences import card_licences, licence_of


def test_every_dataset_of_every_mix_has_a_stated_licence() -> None:
    for mix in MIXES.values():
        licences = card_licences(list(mix))
        assert set(licences) == set(mix)
        assert not [name for name, text in licences.items() if "non-commercial" in text], "an NC set in a mix"


def test_claim_and_synthetic_pairs_have_licences_and_unknown_sets_fail_loudly() -> None:
    assert "Apache-2.0" in licence_of("synthetic_name_swap")
    assert "MIT" in licence_of("check_covid_train")
    assert "non-commercial" in licence_of("anli_devtest")
    with pytest.raises(KeyError, match="licences.py"):
        licence_of("a_new_dataset")


def test_role_kinds_name_every_source_of_their_sentences() -> None:
    from verify.train.role_pool import POOL

    role = licence_of("synthetic_role_swap")
    assert licence_of("synthetic_name_swap") in role
    assert all(f"{name}: " in role for name in POOL)
    assert "non-commercial" not in role


def test_role_frame_kinds_are_the_projects_own_data() -> None:
    from verify.train import role_frames

    for kind in (role_frames.SWAP, role_frames.KEPT, role_frames.CONVERSE, role_frames.SYMMETRIC):
        text = licence_of(f"synthetic_{kind}")
        assert "role_frames.py" in text and "Apache-2.0" in text
        assert "Fool-Me-Twice" not in text  # no sentence of another source in them
