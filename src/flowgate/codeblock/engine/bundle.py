"""The bootstrap bytecode and the runtime-module table every context of a process reads.

Bytecode is specific to the engine build, so it is produced in the process by
the same binary that will read it, never cached across versions. The
bootstrap (read by every context) is compiled here, at start-up. Runtime
modules are handed to the table as source and each is compiled on its first
load in the process (`_quickjs.ModuleTable`, once, by whichever engine thread
or warmer asks first): with hundreds of bundled npm files (`runtime/vendor/`,
most of which a workload never loads) compiling them all would cost start-up
~0.1 ms per KiB per worker. Measurements: docs/architecture.md.
"""

from __future__ import annotations

import os
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


def discover_modules() -> dict[str, str]:
    """Module name (path under its root, no `.js`) -> file path.

    os.scandir and plain strings, not pathlib: with ~1,100 bundled files, pathlib's
    rglob took ~15 ms of CPU in each worker's start-up, this ~2 ms."""
    found: dict[str, str] = {}
    for prefix, root in MODULE_ROOTS.items():
        if root.is_dir():
            _scan(prefix, str(root), found)
    return found


def _scan(prefix: str, directory: str, found: dict[str, str]) -> None:
    with os.scandir(directory) as it:
        entries = sorted(it, key=lambda entry: entry.name)
    for entry in entries:
        if entry.is_dir():
            _scan(f"{prefix}{entry.name}/", entry.path, found)
        elif entry.name.endswith(".js"):
            found[prefix + entry.name[:-3]] = entry.path


def read_modules() -> dict[str, str]:
    """Module name -> source text. Read now, at start-up, so a process serves one
    consistent snapshot of the files even if they are replaced while it runs
    (binary read + decode: half the cost of `Path.read_text` per file)."""
    sources: dict[str, str] = {}
    for name, path in discover_modules().items():
        with open(path, "rb") as f:
            sources[name] = f.read().decode("utf-8")
    return sources


def compile_runtime(*, allow_eval: bool = False) -> CompiledRuntime:
    # Every context reads the bootstrap: strip its debug info (its frames are
    # never shown to users). Modules keep line info for our own debugging.
    source = BOOTSTRAP.read_text("utf-8").replace(
        "/*ALLOW_EVAL*/false", "true" if allow_eval else "false"
    )
    bootstrap = _quickjs.compile_script(source, "bootstrap.js", True)
    sources = read_modules()
    table: dict[str, bytes | str] = dict(sources)
    return CompiledRuntime(bootstrap, _quickjs.ModuleTable(table), tuple(sorted(sources)))
