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


def read_modules() -> dict[str, str]:
    """Module name -> source text. Read now, at start-up, so a process serves one
    consistent snapshot of the files even if they are replaced while it runs."""
    return {name: path.read_text("utf-8") for name, path in discover_modules().items()}


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
