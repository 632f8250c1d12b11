"""JSON from untrusted input with its nesting capped: a line of 1,000 nested brackets is an error
message for that line, never a RecursionError (or a verdict the writers cannot serialise)."""

from __future__ import annotations

import json
from typing import Any

MAX_JSON_DEPTH = 32


class JSONTooDeep(ValueError):
    def __init__(self, limit: int) -> None:
        super().__init__(f"JSON nested deeper than {limit} levels")


def loads(text: str | bytes, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """json.loads, raising JSONTooDeep past max_depth (json.JSONDecodeError as usual otherwise)."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise JSONTooDeep(max_depth) from None
    # Counting brackets is cheap and bounds the depth: most input skips the walk.
    openers = text.count(b"[") + text.count(b"{") if isinstance(text, bytes) else text.count("[") + text.count("{")
    if openers > max_depth and depth(value) > max_depth:
        raise JSONTooDeep(max_depth)
    return value


def depth(value: Any) -> int:
    """Nesting depth of a parsed JSON value (a scalar is 0), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children if isinstance(child, (dict, list)))
    return deepest
