"""Compile the bootstrap and every runtime module to bytecode, once per process.

Bytecode is specific to the engine build, so it is produced at start-up by the
same binary that will read it, never cached across versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flowgate.codeblock.engine import _quickjs

RUNTIME_DIR = Path(__file__).resolve().parent.parent / "runtime"
BOOTSTRAP = RUNTIME_DIR / "js" / "bootstrap.js"
MODULE_ROOTS = {"": RUNTIME_DIR / "modules", "vendor/": RUNTIME_DIR / "vendor"}


@dataclass(frozen=True, slots=True)
class CompiledRuntime:
    """What every context of a process is built from."""

    bootstrap: bytes
    modules: _quickjs.ModuleTable
    module_names: tuple[str, ...]


def discover_modules() -> dict[str, Path]:
    """Module name (path under its root, no `.js`) -> file."""
    found: dict[str, Path] = {}
    for prefix, root in MODULE_ROOTS.items():
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*.js")):
            name = prefix + path.relative_to(root).with_suffix("").as_posix()
            found[name] = path
    return found


def compile_runtime(*, allow_eval: bool = False) -> CompiledRuntime:
    # Every context reads the bootstrap: strip its debug info (its frames are
    # never shown to users). Modules keep line info for our own debugging.
    source = BOOTSTRAP.read_text("utf-8").replace(
        "/*ALLOW_EVAL*/false", "true" if allow_eval else "false"
    )
    bootstrap = _quickjs.compile_script(source, "bootstrap.js", True)
    sources = discover_modules()
    table = {
        name: _quickjs.compile_script(path.read_text("utf-8"), f"{name}.js")
        for name, path in sources.items()
    }
    return CompiledRuntime(bootstrap, _quickjs.ModuleTable(table), tuple(sorted(table)))
