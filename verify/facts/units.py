"""Units of measure as newsrooms write them, in one spelling each: "mph" and "miles per hour",
"psi" and "pounds per square inch", "km" and "kilometres", "lbs" and "pounds" are the same unit,
so the figures they go with are compared; "per cent" is a percentage, not a count."""

from __future__ import annotations

import re

# Longest wordings first within each unit: "miles per hour" before "miles".
_UNITS: list[tuple[str, str]] = [
    (r"miles? (?:per|an|a) hour|mph|mi/h", "mph"),
    (r"kilomet(?:re|er)s? (?:per|an|a) hour|km/h|kmh|kph", "km/h"),
    (r"pounds? per square inch|psi", "psi"),
    (r"square (?:feet|foot)|sq\.? ?ft\.?|square-foot", "sq ft"),
    (r"square (?:miles?)|sq\.? ?mi\.?", "sq mi"),
    (r"square (?:kilomet(?:re|er)s?)|sq\.? ?km|km2|km²", "sq km"),
    (r"kilomet(?:re|er)s?|kms?", "km"),
    (r"centimet(?:re|er)s?|cms?", "cm"),
    (r"millimet(?:re|er)s?|mm", "mm"),
    (r"met(?:re|er)s?|m(?=\s|$|[.,;])", "m"),
    (r"miles?|mi\.?(?=\s|$|[,;])", "mile"),
    (r"feet|foot|ft\.?", "foot"),
    (r"inch(?:es)?|in\.", "inch"),
    (r"pounds?|lbs?\.?", "lb"),
    (r"kilo(?:gram)?s?|kgs?", "kg"),
    (r"grams?|g(?=\s|$|[.,;])", "g"),
    (r"ounces?|oz\.?", "oz"),
    (r"metric tons?|tonnes?", "tonne"),
    (r"tons?", "ton"),
    (r"gallons?|gal\.?", "gallon"),
    (r"lit(?:re|er)s?|l(?=\s|$|[.,;])", "litre"),
    (r"acres?", "acre"),
    (r"hectares?|ha(?=\s|$|[.,;])", "hectare"),
    (r"(?:degrees? )?fahrenheit|° ?f\b|degrees? f\b", "degF"),
    (r"(?:degrees? )?(?:celsius|centigrade)|° ?c\b|degrees? c\b", "degC"),
    (r"degrees?|°", "degree"),
    (r"per ?cent|percent|pct\.?|%", "%"),
]
# A whole word: "kilowatts" is no "kilo", "Tony Awards" no "ton", "ozone" no "oz".
_UNIT = re.compile(
    r"^\s*(?:-\s*)?(?:" + "|".join(f"(?P<u{i}>{w})" for i, (w, _) in enumerate(_UNITS)) + r")(?![a-z])", re.I
)
# A temperature given in degrees without a scale is either scale.
_DEGREES = frozenset({"degF", "degC", "degree"})


def unit_after(text: str) -> str | None:
    """The unit that a figure's following words start with ("miles per hour ..." -> "mph"), or None."""
    m = _UNIT.match(text)
    if m is None:
        return None
    return next(_UNITS[int(name[1:])][1] for name, value in m.groupdict().items() if value is not None)


def same_unit(a: str, b: str) -> bool:
    """Two measures in one unit: equal, or degrees against a named scale of degrees."""
    return a == b or ({a, b} <= _DEGREES and "degree" in (a, b))
