"""What a code block can use: globals, Node built-ins and npm packages, with versions.

Served by `GET /flow/modules` (and, as names, in `GET /flow/limits`) so that a workflow
builder can tell its users what `require()` offers without reading our source. The npm
versions are the exact pins of `assets/package.json` (bundled packages) and
`tests/node/package.json` (the Node oracle, which also holds the packages whose API we back
with Python); a test keeps this table and both files in step, and another loads every name
listed here in the sandbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata
from typing import Any

#: `require()` names of Node's own modules (also with the `node:` prefix), as in Node 20.
NODE_MODULES = (
    "assert",
    "assert/strict",
    "buffer",
    "crypto",
    "events",
    "querystring",
    "string_decoder",
    "timers",
    "timers/promises",
    "url",
    "util",
    "util/types",
)

#: Globals beside the language's own (Object, JSON, Promise, ...).
GLOBALS = (
    "input",
    "console",
    "global",
    "globalThis",
    "require",
    "Buffer",
    "URL",
    "URLSearchParams",
    "TextEncoder",
    "TextDecoder",
    "atob",
    "btoa",
    "structuredClone",
    "queueMicrotask",
    "setTimeout",
    "clearTimeout",
    "setInterval",
    "clearInterval",
    "setImmediate",
    "clearImmediate",
    "performance",
    "crypto",
    "Crypto",
    "CryptoKey",
    "SubtleCrypto",
    "fetch",
    "Headers",
    "Request",
    "Response",
    "FormData",
    "Blob",
    "File",
    "AbortController",
    "AbortSignal",
    "Event",
    "EventTarget",
    "Intl",
)


@dataclass(frozen=True, slots=True)
class Package:
    """One npm package as offered in the sandbox."""

    name: str
    version: str
    #: how it is built: "bundled" (the real package's code, see assets/), "adapter" (its
    #: API written for the sandbox), or "python" (its API over Python libraries)
    kind: str
    note: str
    #: Python distributions behind a "python" package (their versions are reported)
    backends: tuple[str, ...] = ()

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "version": self.version,
            "kind": self.kind,
            "note": self.note,
        }
        if self.backends:
            out["backends"] = {dist: _dist_version(dist) for dist in self.backends}
        return out


def _dist_version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


PACKAGES = (
    Package(
        "axios",
        "1.21.1",
        "bundled",
        "requests go through the sandbox's fetch: SSRF guard and FETCH_* limits",
    ),
    Package("crypto-js", "4.2.0", "bundled", "subpaths such as crypto-js/md5 too"),
    Package("dayjs", "1.11.23", "bundled", "every plugin (dayjs/plugin/x) and locale"),
    Package("fast-xml-parser", "5.12.1", "bundled", "XMLParser, XMLBuilder, XMLValidator"),
    Package("form-data", "4.0.6", "adapter", "the package's API without Node streams"),
    Package("lodash", "4.18.1", "bundled", "also lodash/fp and per-method paths"),
    Package(
        "pinyin",
        "4.0.0",
        "python",
        "the package's algorithm and dictionaries, ported to Python; jieba for @node-rs/jieba",
        ("jieba",),
    ),
    Package("qs", "6.17.1", "bundled", ""),
    Package("sm-crypto-v2", "1.15.1", "bundled", "sm2, sm3, sm4"),
    Package("uuid", "14.0.3", "bundled", "v1, v3, v4, v5, v6, v7, validate, parse"),
    Package(
        "xlsx",
        "0.18.5",
        "python",
        "SheetJS's own code (SSF, utils, writer) extracted; zip and XML parsed on the host",
    ),
)


def catalog() -> dict[str, Any]:
    """The body of `GET /flow/modules`."""
    return {
        "globals": list(GLOBALS),
        "node": {"version": "20", "modules": list(NODE_MODULES)},
        "packages": [p.describe() for p in PACKAGES],
    }


def require_names() -> list[str]:
    """Every top-level `require()` name, sorted (for `/flow/limits`)."""
    return sorted((*NODE_MODULES, *(p.name for p in PACKAGES)))
