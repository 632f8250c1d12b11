"""The licence each training source states, for model cards (see ../shared/nli/sources/*.md and
../shared/bench/*/SOURCE.md, which quote the statements in full).

Why in code: a newsroom that redistributes or sells a service built on a shipped model must know
what its weights were trained on under which terms; the card lists them from this table, so a new
dataset without an entry fails loudly instead of shipping with no licence named.
"""

from __future__ import annotations

NOT_STATED = "not stated by the source repository: check before redistributing"

LICENCES: dict[str, str] = {
    # ../shared/nli (the public NLI mix)
    "lingnli": NOT_STATED,
    "gnli_misc": "SNLI CC BY-SA 4.0, SciTail Apache-2.0 (MNLI dev is held out, never trained on)",
    "snli_cad": "Apache-2.0; SNLI CC BY-SA 4.0",
    "taxinli": "C-UDA 1.0 (computational use of data)",
    "conjnli": "MIT",
    "negation_nli": "MIT",
    "breaking_nli": "CC BY-SA 4.0",
    "fever_symmetric": "CC BY-SA 3.0 (Wikipedia)",
    "docnli_repo_binary": "BSD-3-Clause",
    "rte_glue": "research use (" + NOT_STATED + ")",
    "nope": NOT_STATED,
    "citint": "repository MIT; data " + NOT_STATED,
    "superglue_cb": "research use; repository Apache-2.0",
    "scone": "CC0 1.0",
    "monli": NOT_STATED,
    "help_partial": "CC BY-SA 4.0",
    "mpe": NOT_STATED + " (Flickr30k captions)",
    "scitail_devtest": "Apache-2.0",
    "tracie": "Apache-2.0",
    "ambient": "CC BY 4.0",
    "esnli_snli_devtest": "MIT; SNLI CC BY-SA 4.0",
    "wanli_sample": NOT_STATED,
    "hans_misc": "MIT",
    "curriculum": "MIT (repository); the recast sources keep their own licences",
    "random_pair": "a premise and a hypothesis of two different pairs of the mix (their licences)",
    # Non-commercial: left out of every training mix (verify.train.data), listed so a card that
    # names one is flagged.
    "anli_devtest": "CC BY-NC 4.0 (non-commercial)",
    "sick": "CC BY-NC-SA 3.0 (non-commercial)",
    "imppres": "CC BY-NC 4.0 (non-commercial)",
    # ../shared/bench training splits (claim/evidence pairs) and the synthetic pairs' sentences
    "check_covid_train": "MIT (repository); CORD-19 abstracts under their publishers' licences",
    "fm2_dev": "Fool-Me-Twice: repository Apache-2.0, Wikipedia text CC BY-SA",
    "frank": "MIT (repository); CNN/DailyMail articles",
    "summac_val_subsets": "repository Apache-2.0; FactCC BSD-3-Clause, SummEval MIT (CNN/DailyMail articles)",
    "synthetic": "Fool-Me-Twice sentences: repository Apache-2.0, Wikipedia text CC BY-SA",
}


def synthetic_licence(dataset: str) -> str:
    """The licences of the sentences a synthetic kind is made from: FM2's, and for the role kinds
    also the NLI sets of the role pool (verify.train.role_pool.POOL), each by its own entry."""
    if not dataset.startswith("synthetic_role_"):
        return LICENCES["synthetic"]
    from verify.train.role_pool import POOL

    missing = [name for name in POOL if name not in LICENCES]
    if missing:
        raise KeyError(f"no licence recorded for role pool datasets {missing}: add them to verify/train/licences.py")
    return "; ".join([LICENCES["synthetic"], *(f"{name}: {LICENCES[name]}" for name in POOL)])


def licence_of(dataset: str) -> str:
    """The stated licence of a training dataset; a synthetic_* kind's is that of its sentences."""
    if dataset.startswith("synthetic_"):
        return synthetic_licence(dataset)
    key = dataset
    if key not in LICENCES:
        raise KeyError(f"no licence recorded for training dataset {dataset!r}: add it to verify/train/licences.py")
    return LICENCES[key]


def card_licences(datasets: list[str]) -> dict[str, str]:
    """dataset -> licence for a model card, with the non-commercial ones easy to spot."""
    return {name: licence_of(name) for name in sorted(set(datasets))}
