"""The Go seed's five load-test scripts, as ``seed.lua`` sends them, with their results."""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SEED_LUA = Path(__file__).resolve().with_name("seed.lua")


@dataclass(frozen=True)
class SeedScript:
    """One of the Go seed's five load-test scripts, with the result it must give."""

    name: str
    code: str
    input: dict[str, Any]
    expected: Any

    def body(self) -> dict[str, Any]:
        encoded = base64.b64encode(self.code.encode()).decode()
        return {"input": self.input, "codebase64": encoded}


SEED_SCRIPTS = (
    SeedScript("add", "return input.a + input.b", {"a": 5, "b": 3}, 8),
    SeedScript(
        "greeting",
        'return "Hello, " + input.name + "! You are " + input.age + " years old."',
        {"name": "Alice", "age": 30},
        "Hello, Alice! You are 30 years old.",
    ),
    SeedScript(
        "sum_avg",
        "const nums = input.numbers; let sum = 0; for (let i = 0; i < nums.length; i++)"
        " sum += nums[i]; return {sum: sum, count: nums.length, avg: sum / nums.length};",
        {"numbers": list(range(1, 11))},
        {"sum": 55, "count": 10, "avg": 5.5},
    ),
    SeedScript(
        "upper_keys",
        "const out = {}; for (const k in input.obj) { out[k.toUpperCase()] = input.obj[k]; }"
        " return out;",
        {"obj": {"a": 1, "b": 2, "c": 3}},
        {"A": 1, "B": 2, "C": 3},
    ),
    SeedScript(
        "math",
        "return {pow: Math.pow(input.x, 2), sqrt: Math.sqrt(input.x), div: input.x / 3};",
        {"x": 16},
        {"pow": 256, "sqrt": 4, "div": 16 / 3},
    ),
)


def seed_lua_mismatches(lua_path: Path = SEED_LUA) -> list[str]:
    """What differs between ``seed.lua`` and ``SEED_SCRIPTS`` (nothing, when they agree)."""
    lua = lua_path.read_text()
    lua_inputs = [json.loads(i) for i in re.findall(r"input = \[\[(.*?)\]\]", lua)]
    problems = []
    for script in SEED_SCRIPTS:
        if f"[[{script.code}]]" not in lua:
            problems.append(f"seed.lua does not contain the {script.name} script verbatim")
        if script.input not in lua_inputs:
            problems.append(f"seed.lua does not contain the {script.name} input")
    if len(lua_inputs) != len(SEED_SCRIPTS):
        problems.append(f"seed.lua has {len(lua_inputs)} scripts, run.py {len(SEED_SCRIPTS)}")
    return problems
