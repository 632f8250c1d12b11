"""Each module-level name is bound once. A second `_PATTERN = re.compile(...)` further down a long
module silently replaces the first for every function that reads it, and neither ruff (F811 sees
only functions and imports) nor mypy (same type) says so; it happened twice in verify/facts."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted([*ROOT.joinpath("verify").rglob("*.py"), *ROOT.joinpath("benchmarks").rglob("*.py")])


def bound_twice(source: str) -> list[str]:
    """Names a module's top level assigns, defines or imports more than once."""
    names: Counter[str] = Counter()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names[node.name] += 1
    return sorted(name for name, n in names.items() if n > 1)


def test_a_rebound_constant_is_found() -> None:
    assert bound_twice("import re\n_TALLY = re.compile('a')\ndef f(): pass\n_TALLY = re.compile('b')\n") == ["_TALLY"]
    assert bound_twice("A: int = 1\nB = 2\ndef f():\n    A = 3\n") == []


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_module_level_name_is_bound_once(module: Path) -> None:
    assert bound_twice(module.read_text(encoding="utf-8")) == []
