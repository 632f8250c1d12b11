"""Perturbations of supported claims that must come out `contradicted`: a changed date, number,
name, or polarity. Each returns None when the claim has nothing of that kind to change."""

from __future__ import annotations

import re

from verify.mentions import MONTHS, extract_dates, extract_names, extract_numbers

_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_AUXILIARIES = re.compile(r"\b(is|was|were|are|will|has|have|had|would|can|could)\b(?!\s+not\b)")
_E_ENDINGS = ("at", "it", "ov", "iv", "il", "ag", "ng", "dg", "rg", "ut", "us", "ar", "ul", "ur", "c", "z", "in")
PERSON_DECOY, COURT_DECOY = "Sergei Ivanov", "Arbitration Court"


def change_date(claim: str) -> str | None:
    dates = extract_dates(claim)
    if not dates:
        return None
    d = dates[0]
    text = d.text
    if d.day:
        new = re.sub(r"\b\d{1,2}\b", str(d.day + 1 if d.day < 28 else d.day - 1), text, count=1)
    elif d.month:
        month_word = re.search(r"[A-Z][a-z]+", text)
        assert month_word is not None
        other = _MONTH_NAMES[(MONTHS[month_word.group().rstrip(".").lower()] + 2) % 12]
        new = text.replace(month_word.group(), other)
    else:
        assert d.year
        new = text.replace(str(d.year), str(d.year - 1))
    return claim[: d.start] + new + claim[d.end :]


def change_number(claim: str) -> str | None:
    numbers = extract_numbers(claim)
    if not numbers:
        return None
    n = numbers[0]
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", claim[n.start : n.end])
    if digits is None:
        return None
    value = float(digits.group().replace(",", ""))
    new = f"{value * 3:g}"
    start = n.start + digits.start()
    return claim[:start] + new + claim[start + len(digits.group()) :]


def change_name(claim: str) -> str | None:
    for name in extract_names(claim):
        words = name.split()
        if len(words) > 1 and words[-1] == "Court":
            decoy = COURT_DECOY
        elif len(words) == 2:
            decoy = PERSON_DECOY
        else:
            continue
        if decoy and decoy != name:
            return claim.replace(name, decoy, 1)
    return None


def change_polarity(claim: str) -> str | None:
    aux = _AUXILIARIES.search(claim)
    if aux:
        return claim[: aux.end()] + " not" + claim[aux.end() :]
    verb = re.search(r"\b([a-z]{3,})ed\b", claim)
    if verb:
        stem = verb.group(1)
        base = stem + "e" if stem.endswith(_E_ENDINGS) else stem
        return claim[: verb.start()] + "did not " + base + claim[verb.end() :]
    return None


PERTURBATIONS = {"date": change_date, "number": change_number, "name": change_name, "polarity": change_polarity}
